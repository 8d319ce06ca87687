import type { FastifyInstance } from 'fastify';
import { Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from './api-error';

/**
 * How long connections with no request in progress may stay open once closing
 * began: long enough for a request already on its way, or one from a client
 * that paused between two requests (100 ms was too short for a client in a
 * garbage collection), to arrive and be answered rather than reset.
 */
export const IDLE_GRACE_MS = 1000;

/**
 * Closing (SIGTERM, app.close()) without resetting a request: the port stops
 * accepting at once; requests in progress finish; requests that arrive on
 * connections still open are answered 503 in the error envelope (Fastify's
 * own 503 has another body: `return503OnClosing: false`); every response from
 * then on carries `Connection: close`; connections idle for IDLE_GRACE_MS are
 * closed, and closing ends when the last connection has.
 */
export function closeGracefully(fastify: FastifyInstance): void {
  let closing = false;
  // Callback hooks, not async ones: every request passes them, and an async
  // hook costs a promise and a microtask each time for a flag that is false.
  fastify.addHook('onRequest', (_request, reply, done) => {
    if (!closing) return done();
    const error = ApiError.serviceUnavailable('The service is shutting down; retry.');
    void reply.code(error.getStatus()).headers(error.headers).send(error.toBody());
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('Connection', 'close');
    done(null, payload);
  });
  fastify.addHook('preClose', async () => {
    closing = true;
    const server = fastify.server;
    if (!server.listening) return;
    // net.Server's close, not http.Server's: that one also destroys at once every
    // connection with no request in progress, resetting those whose next request
    // is already on the wire. Fastify's own close later finds the port closed.
    const allClosed = new Promise((resolve) => Server.prototype.close.call(server, resolve));
    await Promise.race([allClosed, sleep(IDLE_GRACE_MS, undefined, { ref: false })]);
    server.closeIdleConnections();
    await allClosed;
  });
}
