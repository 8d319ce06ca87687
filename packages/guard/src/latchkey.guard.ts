import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isIP } from 'node:net';
import { type AccessRule, accessRuleOf } from './access-rule';
import { admit, type LatchkeyIdentity } from './admit';
import { ApiError } from './api-error';
import { extractApiKey } from './extract-api-key';
import { KEY_VERIFIER, type KeyVerifier, type VerifyRequest } from './key-verifier';

/** Request property that holds the verified caller. */
export const IDENTITY_PROPERTY = 'latchkey';
/** Request property that holds the route's rule and reply, for LatchkeyStrategy. */
const ROUTE_PROPERTY = 'latchkeyRoute';

/**
 * What LatchkeyStrategy needs but Passport does not hand it: the route's
 * rule, the reply, and this application's verifier (Passport keeps one
 * strategy per name for the whole process, whatever application made it).
 */
export interface RecordedRoute {
  rule: AccessRule;
  reply: FastifyReply;
  verifier: KeyVerifier;
}

type GuardedRequest = FastifyRequest & {
  [IDENTITY_PROPERTY]?: LatchkeyIdentity;
  [ROUTE_PROPERTY]?: RecordedRoute;
};

/**
 * Deny by default, as in Latchkey: every route needs a valid key unless it
 * is `@Public()`, and the grants its `@RequireScopes(...)` /
 * `@RequirePermissions(...)` name (read exactly as Latchkey reads them,
 * handler first). The key comes from `Authorization: Bearer` or
 * `X-Api-Key` only; the client address is Fastify's `request.ip`, which
 * honours the service's own `trustProxy`.
 */
@Injectable()
export class LatchkeyGuard implements CanActivate {
  constructor(@Inject(KEY_VERIFIER) private readonly verifier: KeyVerifier) {}

  /** Synchronous for public routes and cached verdicts: Nest awaits only a promise. */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const rule = ruleOf(context);
    if (rule.isPublic) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<GuardedRequest>();
    const token = extractApiKey(request.raw);
    // No key at all: nothing to ask Latchkey.
    if (!token) throw ApiError.unauthorized();
    const identity = verifyKey(
      this.verifier,
      token,
      rule,
      request,
      http.getResponse<FastifyReply>(),
    );
    if (identity instanceof Promise) {
      return identity.then((verified) => (setIdentity(request, verified), true));
    }
    setIdentity(request, identity);
    return true;
  }
}

/**
 * With Passport (`globalGuard: false`): records each route's rule on its
 * request, for LatchkeyStrategy, which cannot see the route, and lets it through.
 */
@Injectable()
export class LatchkeyRouteRules implements CanActivate {
  constructor(@Inject(KEY_VERIFIER) private readonly verifier: KeyVerifier) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    http.getRequest<GuardedRequest>()[ROUTE_PROPERTY] = {
      rule: ruleOf(context),
      reply: http.getResponse<FastifyReply>(),
      verifier: this.verifier,
    };
    return true;
  }
}

/** A route with no decision at all still needs a key (deny by default). */
function ruleOf(context: ExecutionContext): AccessRule {
  return (
    accessRuleOf(context.getHandler(), context.getClass()) ?? {
      isPublic: false,
      permissions: [],
      scopes: [],
    }
  );
}

/** What LatchkeyRouteRules recorded for this request, if it ran. */
export function recordedRoute(request: FastifyRequest): RecordedRoute | undefined {
  return (request as GuardedRequest)[ROUTE_PROPERTY];
}

/** Hands the verified caller to `@ApiKey()`. */
export function setIdentity(request: FastifyRequest, identity: LatchkeyIdentity): void {
  (request as GuardedRequest)[IDENTITY_PROPERTY] = identity;
}

/**
 * Asks Latchkey about `token` for this route and answers as Latchkey would
 * (identity or ApiError): at once from a cached verdict, else when it comes.
 */
export function verifyKey(
  verifier: KeyVerifier,
  token: string,
  rule: Pick<AccessRule, 'permissions' | 'scopes'>,
  request: FastifyRequest,
  reply: FastifyReply,
): LatchkeyIdentity | Promise<LatchkeyIdentity> {
  const required = { permissions: rule.permissions, scopes: rule.scopes };
  const asked: VerifyRequest = {
    key: token,
    scopes: [...required.permissions, ...required.scopes],
    // Behind a trusted proxy request.ip is whatever X-Forwarded-For said; an
    // address that is not one is left out, so a key with an allowlist fails
    // closed (IP_NOT_ALLOWED) and the caller gets a 403, not a 500.
    ip: isIP(request.ip) ? request.ip : undefined,
  };
  const cached = verifier.cached?.(asked);
  if (cached) return admit(cached, required, request.ip, reply);
  return verifier.verify(asked).then((verdict) => admit(verdict, required, request.ip, reply));
}
