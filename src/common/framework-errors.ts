import type { FastifyError, FastifyReply, FastifyServerOptions } from 'fastify';
import type { Socket } from 'node:net';
import { ErrorBody } from './api-error';

/**
 * Errors that Fastify and Node answer before Nest sees the request (a path
 * parameter longer than the router takes, a malformed URL, headers over
 * Node's limit, a malformed HTTP request). Without these handlers they get
 * Fastify's own body, not the error envelope of SPEC section 6.
 */

/** A too-long or malformed path is a bad id or path: 400, as a non-UUID id is. */
export const frameworkErrors: FastifyServerOptions['frameworkErrors'] = (
  error: FastifyError,
  _request,
  reply: FastifyReply,
) => {
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'A path parameter is too long.'
      : 'The request path is not valid.';
  const body: ErrorBody = { error: { status: 400, code: 'validation_failed', message } };
  void reply.status(400).send(body);
};

/** Raw responses on the socket for requests Node could not even parse. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, body]: [number, string, ErrorBody] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'Request Header Fields Too Large',
          {
            error: {
              status: 431,
              code: 'headers_too_large',
              message: 'The request line and headers exceed 16 KiB.',
            },
          },
        ]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [
            408,
            'Request Timeout',
            {
              error: {
                status: 408,
                code: 'request_timeout',
                message: 'The request was not received in time.',
              },
            },
          ]
        : [
            400,
            'Bad Request',
            {
              error: { status: 400, code: 'validation_failed', message: 'Malformed HTTP request.' },
            },
          ];
  if (socket.writable) {
    const text = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}
