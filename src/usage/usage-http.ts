import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  type AuthenticatedFields,
  PRINCIPAL_PROPERTY,
  REFUSAL_PROPERTY,
} from '../domain/principal';
import { outcomeOfRefusal, outcomeOfStatus } from './usage-outcome';
import type { UsageRecorder } from './usage.recorder';

/**
 * Counts every answered request that names a key, from Fastify's onResponse
 * hook: by its status when the key was accepted, by the refusal when it was
 * not. A callback hook (no promise per request); what it counts is written
 * later, in batches (UsageRecorder).
 */
export function countKeyUsage(fastify: FastifyInstance, recorder: UsageRecorder): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const guarded = request as FastifyRequest & AuthenticatedFields;
    const principal = guarded[PRINCIPAL_PROPERTY];
    if (principal) {
      recorder.record(principal.key.id, outcomeOfStatus(reply.statusCode));
    } else {
      const refusal = guarded[REFUSAL_PROPERTY];
      if (refusal?.keyId) recorder.record(refusal.keyId, outcomeOfRefusal(refusal.code));
    }
    done();
  });
}
