import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy as BearerStrategy, VerifyFunctionWithRequest } from 'passport-http-bearer';
import { ApiError } from '../common/api-error';
import { KeyAuthenticationService } from '../keys/key-authentication.service';
import { extractApiKey } from './extract-api-key';
import type { Principal } from './principal';

/**
 * passport-http-bearer also takes `access_token` from the query string and
 * the body. This variant hands it a view of the request whose only credential
 * is the key from the headers (Bearer or X-Api-Key); everything else, such as
 * the client address, still reads through to the real request.
 */
type PassportRequest = Parameters<BearerStrategy<VerifyFunctionWithRequest>['authenticate']>[0];

class HeaderApiKeyStrategy extends BearerStrategy<VerifyFunctionWithRequest> {
  // Typed for Express by @types/passport; at run time this is Fastify's request.
  override authenticate(req: PassportRequest, options?: object): void {
    const token = extractApiKey(req.headers);
    const headersOnly = Object.create(req, {
      headers: { value: token ? { authorization: `Bearer ${token}` } : {} },
      query: { value: {} },
      body: { value: {} },
    }) as PassportRequest;
    super.authenticate(headersOnly, options);
  }
}

export const API_KEY_STRATEGY = 'api-key';

@Injectable()
export class ApiKeyStrategy extends PassportStrategy(HeaderApiKeyStrategy, API_KEY_STRATEGY) {
  constructor(private readonly keys: KeyAuthenticationService) {
    super({ passReqToCallback: true });
  }

  /** Returns the principal, `false` for a 401, or throws 403 `ip_not_allowed`. */
  async validate(request: FastifyRequest, token: string): Promise<Principal | false> {
    const { code, principal } = await this.keys.authenticate(token, request.ip);
    if (code === 'IP_NOT_ALLOWED') {
      throw ApiError.ipNotAllowed(request.ip);
    }
    return principal ?? false;
  }
}
