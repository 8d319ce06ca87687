import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isIP } from 'node:net';
import { extractApiKey } from '../auth/extract-api-key';
import { ApiError } from '../common/api-error';
import { accessRuleOf } from '../permissions/access-rule';
import { admit, type LatchkeyIdentity } from './admit';
import { KEY_VERIFIER, type KeyVerifier } from './key-verifier';

/** Request property that holds the verified caller. */
export const IDENTITY_PROPERTY = 'latchkey';

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

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = accessRuleOf(context.getHandler(), context.getClass());
    if (rule?.isPublic) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { [IDENTITY_PROPERTY]?: LatchkeyIdentity }>();
    const token = extractApiKey(request.raw);
    // No key at all: nothing to ask Latchkey.
    if (!token) throw ApiError.unauthorized();

    const required = { permissions: rule?.permissions ?? [], scopes: rule?.scopes ?? [] };
    const verdict = await this.verifier.verify({
      key: token,
      scopes: [...required.permissions, ...required.scopes],
      // Behind a trusted proxy request.ip is whatever X-Forwarded-For said; an
      // address that is not one is left out, so a key with an allowlist fails
      // closed (IP_NOT_ALLOWED) and the caller gets a 403, not a 500.
      ip: isIP(request.ip) ? request.ip : undefined,
    });
    request[IDENTITY_PROPERTY] = admit(
      verdict,
      required,
      request.ip,
      http.getResponse<FastifyReply>(),
    );
    return true;
  }
}
