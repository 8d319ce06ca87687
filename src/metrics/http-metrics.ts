import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PRINCIPAL_PROPERTY } from '../domain/principal';
import type { Principal } from '../domain/principal';
import { MetricsService, UNMATCHED_ROUTE } from './metrics.service';

/**
 * Measures every answered request from Fastify's onResponse hook, labelled
 * by the matched route's pattern, never the URL. A 429 is a rate-limit
 * rejection of the request's key when it had a valid one (the key's
 * budget), of its client address otherwise. Does nothing unless metrics are
 * enabled, so the default configuration pays nothing.
 */
export function observeHttpRequests(fastify: FastifyInstance, metrics: MetricsService): void {
  if (!metrics.enabled) return;
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    metrics.observeHttpRequest(
      request.method,
      request.routeOptions.url ?? UNMATCHED_ROUTE,
      status,
      reply.elapsedTime / 1000,
    );
    if (status === 429) {
      const principal = (request as FastifyRequest & { [PRINCIPAL_PROPERTY]?: Principal })[
        PRINCIPAL_PROPERTY
      ];
      metrics.recordRateLimitRejection(principal ? 'key' : 'ip');
    }
    done();
  });
}
