import { HttpStatus } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { principalOf } from '../../test/factories/principal.factory';
import { ApiError } from '../common/api-error';
import { Role } from '../domain/permission';
import { ReadinessService } from '../health/readiness.service';
import type { AuthenticationResult } from '../keys/key-authentication.service';
import { KeyAuthenticationService } from '../keys/key-authentication.service';
import { MetricsService } from '../metrics/metrics.service';
import { Public } from '../permissions/permissions.decorators';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import { ApiKeyAuthGuard } from './api-key-auth.guard';

class ItemsController {
  list(): void {}

  @Public()
  health(): void {}
}

const IP = '203.0.113.7';
const TOKEN = 'lk_' + 'a'.repeat(64);
const caller = principalOf(Role.Client, ['read:assets']);

/**
 * ApiKeyAuthGuard with its collaborators replaced: authentication answers
 * `result`, the service is ready unless told, and the address's anonymous
 * budget is counted (and refuses when `budgetSpent`).
 */
async function authGuard({
  result = { code: 'VALID', principal: caller },
  ready = true,
  budgetSpent = false,
}: {
  result?: AuthenticationResult | Promise<AuthenticationResult>;
  ready?: boolean;
  budgetSpent?: boolean;
} = {}) {
  const keys = { authenticate: jest.fn(() => result) };
  const rateLimit = {
    enforce: jest.fn(() =>
      budgetSpent
        ? Promise.reject(new ApiError(HttpStatus.TOO_MANY_REQUESTS, 'rate_limited', 'Slow down.'))
        : Promise.resolve(),
    ),
  };
  const metrics = { recordAuthentication: jest.fn() };
  const moduleRef = await Test.createTestingModule({
    providers: [
      ApiKeyAuthGuard,
      { provide: ReadinessService, useValue: { isReady: ready } },
      { provide: KeyAuthenticationService, useValue: keys },
      { provide: RateLimitService, useValue: rateLimit },
      { provide: MetricsService, useValue: metrics },
    ],
  }).compile();
  return { guard: moduleRef.get(ApiKeyAuthGuard), keys, rateLimit, metrics };
}

/** A request to `handler` from IP with these raw headers, and the context the guard sees. */
function requestTo(handler: 'list' | 'health', rawHeaders: string[] = []) {
  const request: Record<string, unknown> = { ip: IP, raw: { rawHeaders } };
  const reply = { header: jest.fn() };
  const method = ItemsController.prototype[handler];
  return { request, context: new ExecutionContextHost([request, reply], ItemsController, method) };
}

const withKey = (handler: 'list' | 'health' = 'list') =>
  requestTo(handler, ['Authorization', `Bearer ${TOKEN}`]);

describe('ApiKeyAuthGuard', () => {
  it('lets a public route through without a key, asking nothing', async () => {
    const { guard, keys, rateLimit } = await authGuard({ ready: false });

    expect(guard.canActivate(requestTo('health').context)).toBe(true);
    expect(keys.authenticate).not.toHaveBeenCalled();
    expect(rateLimit.enforce).not.toHaveBeenCalled();
  });

  it('admits a valid key at once and puts its principal on the request', async () => {
    const { guard, keys, metrics } = await authGuard();
    const { request, context } = requestTo('list', ['X-Api-Key', TOKEN]);

    expect(guard.canActivate(context)).toBe(true);
    expect(keys.authenticate).toHaveBeenCalledWith(TOKEN, IP);
    expect(request.principal).toBe(caller);
    expect(metrics.recordAuthentication).toHaveBeenCalledWith(true);
  });

  it('admits a key the database had to be read for, once read', async () => {
    const { guard } = await authGuard({
      result: Promise.resolve({ code: 'VALID', principal: caller }),
    });
    const { request, context } = withKey();

    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.principal).toBe(caller);
  });

  it('answers 503 while the service is not ready, before reading any key', async () => {
    const { guard, keys } = await authGuard({ ready: false });

    expect(() => guard.canActivate(withKey().context)).toThrow(
      expect.objectContaining({ code: 'service_unavailable' }),
    );
    expect(keys.authenticate).not.toHaveBeenCalled();
  });

  it('answers 401 without a key, spending the address’s anonymous budget', async () => {
    const { guard, keys, rateLimit, metrics } = await authGuard();

    await expect(guard.canActivate(requestTo('list').context)).rejects.toMatchObject({
      code: 'unauthorized',
    });
    expect(keys.authenticate).not.toHaveBeenCalled();
    expect(rateLimit.enforce).toHaveBeenCalledWith({ kind: 'ip', ip: IP }, expect.anything());
    expect(metrics.recordAuthentication).toHaveBeenCalledWith(false);
  });

  it('answers 429 instead once the address has spent its budget on refused keys', async () => {
    const { guard } = await authGuard({ result: { code: 'NOT_FOUND' }, budgetSpent: true });

    await expect(guard.canActivate(withKey().context)).rejects.toMatchObject({
      code: 'rate_limited',
    });
  });

  it('answers 403 ip_not_allowed for a key used from outside its allowlist, noting the key', async () => {
    const { guard } = await authGuard({
      result: Promise.resolve({ code: 'IP_NOT_ALLOWED', keyId: 'key-1' }),
    });
    const { request, context } = withKey();

    await expect(guard.canActivate(context)).rejects.toMatchObject({ code: 'ip_not_allowed' });
    expect(request.principal).toBeUndefined();
    expect(request.keyRefusal).toEqual({ keyId: 'key-1', code: 'IP_NOT_ALLOWED' });
  });
});
