/**
 * `@latchkey/guard/passport`: Latchkey's keys as a Passport strategy named
 * `latchkey`, for services that already authenticate through Passport:
 * `@UseGuards(AuthGuard(['jwt', 'latchkey']))`. Needs `@nestjs/passport`
 * and `passport`, and `LatchkeyGuardModule.forRoot({ ..., globalGuard: false })`.
 */
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy as BearerStrategy } from 'passport-http-bearer';
import type { LatchkeyIdentity } from './admit';
import { ApiError } from './api-error';
import { extractApiKey } from './extract-api-key';
import { recordedRoute, setIdentity, verifyKey } from './latchkey.guard';

/** What passport-http-bearer is shown of a request: its key, as a Bearer header, and nothing else. */
interface KeyOnly {
  headers: { authorization?: string };
  request: FastifyRequest;
}

/**
 * Verifies the key of `Authorization: Bearer` or `X-Api-Key` through
 * Latchkey, with the grants the route's `@RequireScopes(...)` /
 * `@RequirePermissions(...)` name, and answers as LatchkeyGuard does. A key
 * Latchkey does not accept is a Passport failure, so that the next strategy
 * (e.g. `jwt`) may try; a refusal that is not about who the caller is (403,
 * 429, 503) is an error, which ends the attempt with Latchkey's answer.
 * `request.user` and `@ApiKey()` are the LatchkeyIdentity.
 */
@Injectable()
export class LatchkeyStrategy extends PassportStrategy(BearerStrategy, 'latchkey') {
  constructor() {
    super({ passReqToCallback: true });
  }

  /** passport-http-bearer also reads `access_token` from the query and the body: it is shown neither. */
  // Typed for Express by @types/passport; Nest hands it the Fastify request.
  override authenticate(request: never, options?: object): void {
    const fastify = request as FastifyRequest;
    // `@Public()` routes let everyone in, as with LatchkeyGuard, even under a global AuthGuard.
    if (recordedRoute(fastify)?.rule.isPublic) return (this as unknown as { pass(): void }).pass();
    const key = extractApiKey(fastify.raw);
    const keyOnly: KeyOnly = {
      headers: key ? { authorization: `Bearer ${key}` } : {},
      request: fastify,
    };
    super.authenticate(keyOnly as never, options);
  }

  async validate({ request }: KeyOnly, token: string): Promise<LatchkeyIdentity | false> {
    const route = recordedRoute(request);
    if (!route) {
      // Without the route's rule its grants cannot be checked: refuse rather than guess.
      throw new Error(
        'LatchkeyStrategy needs LatchkeyGuardModule.forRoot({ ..., globalGuard: false }) to read the route rules.',
      );
    }
    try {
      const identity = await verifyKey(route.verifier, token, route.rule, request, route.reply);
      setIdentity(request, identity);
      return identity;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'unauthorized') return false;
      throw error;
    }
  }
}
