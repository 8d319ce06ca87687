import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../common/api-error';
import { ReadinessService } from '../health/readiness.service';
import {
  type AuthenticationResult,
  KeyAuthenticationService,
} from '../keys/key-authentication.service';
import type { KeyAccessCode } from '../keys/key-access';
import { MetricsService } from '../metrics/metrics.service';
import { accessRuleOf } from '../permissions/access-rule';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import { extractApiKey } from './extract-api-key';
import {
  type AuthenticatedFields,
  PRINCIPAL_PROPERTY,
  REFUSAL_PROPERTY,
} from '../domain/principal';

type GuardedRequest = FastifyRequest & AuthenticatedFields;

/**
 * Deny by default: every route needs a valid key unless it is @Public().
 *
 * The key is read from the headers only (Bearer or X-Api-Key) and decided by
 * KeyAuthenticationService, the same decision `POST /keys/verify` gives.
 * No Passport here: it only wrapped these two calls, at a measured cost
 * (docs/decisions.md); services with Passport get LatchkeyStrategy.
 */
@Injectable()
export class ApiKeyAuthGuard implements CanActivate {
  constructor(
    private readonly readiness: ReadinessService,
    private readonly keys: KeyAuthenticationService,
    private readonly rateLimit: RateLimitService,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * `true` at once on a public route, and for a key the cache knows: only a
   * database read or a refusal is worth a promise.
   */
  canActivate(context: ExecutionContext): true | Promise<true> {
    const rule = accessRuleOf(context.getHandler(), context.getClass());
    if (rule?.isPublic) return true;
    if (!this.readiness.isReady) throw ApiError.serviceUnavailable();
    const http = context.switchToHttp();
    const request = http.getRequest<GuardedRequest>();
    const token = extractApiKey(request.raw);
    const result = token ? this.keys.authenticate(token, request.ip) : NO_KEY;
    const admit = (decided: AuthenticationResult): true | Promise<never> => {
      const { code, principal } = decided;
      this.metrics.recordAuthentication(principal !== undefined);
      if (!principal) {
        if (decided.keyId) request[REFUSAL_PROPERTY] = { keyId: decided.keyId, code };
        return this.refuse(code, request.ip, http.getResponse<FastifyReply>());
      }
      request[PRINCIPAL_PROPERTY] = principal;
      return true;
    };
    return result instanceof Promise ? result.then(admit) : admit(result);
  }

  /**
   * Guessing keys, or trying a key from outside its allowlist, spends the
   * client address's anonymous budget; once it is spent the answer is 429.
   * A valid key from the same address is counted against its own budget
   * and still works.
   */
  private async refuse(code: KeyAccessCode, ip: string, reply: FastifyReply): Promise<never> {
    await this.rateLimit.enforce({ kind: 'ip', ip }, reply);
    throw code === 'IP_NOT_ALLOWED' ? ApiError.ipNotAllowed(ip) : ApiError.unauthorized();
  }
}

const NO_KEY: AuthenticationResult = { code: 'NOT_FOUND' };
