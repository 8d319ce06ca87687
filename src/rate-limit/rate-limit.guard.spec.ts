import { HttpStatus } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { Test } from '@nestjs/testing';
import { principalOf } from '../../test/factories/principal.factory';
import { ApiError } from '../common/api-error';
import { KeyTier } from '../domain/key-tier';
import { Role } from '../domain/permission';
import type { Principal } from '../domain/principal';
import { Public } from '../permissions/permissions.decorators';
import { RateLimitPerIp } from './rate-limit.decorator';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitService } from './rate-limit.service';

class RoutesController {
  guarded(): void {}

  @Public()
  open(): void {}

  @Public()
  @RateLimitPerIp()
  verify(): void {}
}

const IP = '203.0.113.7';

/** RateLimitGuard over a RateLimitService whose `enforce` answers `counted`. */
async function rateLimitGuard(counted: () => void | Promise<void> = () => undefined) {
  const rateLimit = { enforce: jest.fn(counted) };
  const moduleRef = await Test.createTestingModule({
    providers: [RateLimitGuard, { provide: RateLimitService, useValue: rateLimit }],
  }).compile();
  return { guard: moduleRef.get(RateLimitGuard), rateLimit };
}

function requestTo(handler: keyof RoutesController, principal?: Principal) {
  const method = RoutesController.prototype[handler];
  return new ExecutionContextHost([{ ip: IP, principal }, {}], RoutesController, method);
}

describe('RateLimitGuard', () => {
  it('leaves public routes uncounted', async () => {
    const { guard, rateLimit } = await rateLimitGuard();

    expect(guard.canActivate(requestTo('open'))).toBe(true);
    expect(rateLimit.enforce).not.toHaveBeenCalled();
  });

  it('counts a public route marked @RateLimitPerIp() against the client address', async () => {
    const { guard, rateLimit } = await rateLimitGuard();

    expect(guard.canActivate(requestTo('verify'))).toBe(true);
    expect(rateLimit.enforce).toHaveBeenCalledWith({ kind: 'ip', ip: IP }, expect.anything());
  });

  it('counts a request against its key, at the tier the key has now', async () => {
    const { guard, rateLimit } = await rateLimitGuard();
    const caller = (tier: KeyTier) => principalOf(Role.Client, [], { keyId: 'key-1', tier });

    expect(guard.canActivate(requestTo('guarded', caller(KeyTier.Standard)))).toBe(true);
    expect(guard.canActivate(requestTo('guarded', caller(KeyTier.Premium)))).toBe(true);

    expect(rateLimit.enforce.mock.calls.map(([subject]: unknown[]) => subject)).toEqual([
      { kind: 'key', id: 'key-1', tier: KeyTier.Standard },
      { kind: 'key', id: 'key-1', tier: KeyTier.Premium },
    ]);
  });

  it('waits for a shared count and passes on its refusal', async () => {
    const refused = new ApiError(HttpStatus.TOO_MANY_REQUESTS, 'rate_limited', 'Slow down.');
    const { guard } = await rateLimitGuard(() => Promise.reject(refused));

    await expect(guard.canActivate(requestTo('guarded', principalOf(Role.Client)))).rejects.toBe(
      refused,
    );
  });
});
