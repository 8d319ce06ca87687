import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { Test } from '@nestjs/testing';
import { ApiError } from '../common/api-error';
import { AccessGuard } from '../permissions/access.guard';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard';
import { ApiKeyAuthGuard } from './api-key-auth.guard';
import { RequestGuard } from './request.guard';

type Step = () => boolean | Promise<boolean>;

/** RequestGuard over three steps that log their name in `order`, then answer as told. */
async function requestGuard(
  steps: { authentication?: Step; rateLimit?: Step; access?: Step } = {},
) {
  const order: string[] = [];
  const step = (name: string, answer: Step = () => true) => ({
    canActivate: jest.fn(() => (order.push(name), answer())),
  });
  const moduleRef = await Test.createTestingModule({
    providers: [
      RequestGuard,
      { provide: ApiKeyAuthGuard, useValue: step('authentication', steps.authentication) },
      { provide: RateLimitGuard, useValue: step('rate limit', steps.rateLimit) },
      { provide: AccessGuard, useValue: step('access', steps.access) },
    ],
  }).compile();
  return { guard: moduleRef.get(RequestGuard), order };
}

const context = new ExecutionContextHost([{}, {}]);

describe('RequestGuard', () => {
  it('asks who is calling, then counts, then checks access, and answers at once', async () => {
    const { guard, order } = await requestGuard();

    expect(guard.canActivate(context)).toBe(true);
    expect(order).toEqual(['authentication', 'rate limit', 'access']);
  });

  it('waits for an authentication that reads the database before counting', async () => {
    let authenticated = false;
    const { guard, order } = await requestGuard({
      authentication: () => Promise.resolve().then(() => (authenticated = true)),
      rateLimit: () => authenticated,
    });

    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(order).toEqual(['authentication', 'rate limit', 'access']);
  });

  it('neither counts nor checks access once authentication refuses', async () => {
    const { guard, order } = await requestGuard({
      authentication: () => Promise.reject(ApiError.unauthorized()),
    });

    await expect(guard.canActivate(context)).rejects.toMatchObject({ code: 'unauthorized' });
    expect(order).toEqual(['authentication']);
  });

  it('counts a request that access then refuses (403s spend budget too)', async () => {
    const { guard, order } = await requestGuard({
      rateLimit: () => Promise.resolve(true),
      access: () => {
        throw ApiError.forbidden('No.');
      },
    });

    await expect(guard.canActivate(context)).rejects.toMatchObject({ code: 'forbidden' });
    expect(order).toEqual(['authentication', 'rate limit', 'access']);
  });
});
