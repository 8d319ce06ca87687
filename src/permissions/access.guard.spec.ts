import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import type { Principal } from '../domain/principal';
import { ApiError } from '../common/api-error';
import { KeyTier } from '../domain/key-tier';
import { AccessGuard } from './access.guard';
import { Permission, Role } from '../domain/permission';
import { Public, RequireKey, RequirePermissions, RequireScopes } from './permissions.decorators';
import { PermissionsService } from './permissions.service';

@RequireScopes('read:assets')
class AssetsController {
  list(): void {}

  @RequireScopes('write:assets')
  create(): void {}

  @RequirePermissions(Permission.ApiKeysRead)
  audit(): void {}

  @RequireKey()
  whoAmI(): void {}

  @Public()
  health(): void {}
}

class OpenController {
  anything(): void {}
}

const principal = (role: Role, scopes: string[]): Principal => ({
  user: { id: 'u', name: 'u', role },
  key: {
    id: 'k',
    name: 'k',
    maskedKey: 'lk_****0000',
    tier: KeyTier.Standard,
    scopes,
    expiresAt: null,
  },
});

describe('AccessGuard', () => {
  const guard = new AccessGuard(
    new PermissionsService({ catalogue: ['read:assets', 'write:assets'] }),
  );

  const check = (
    controller: new () => object,
    handler: string,
    caller: Principal | undefined,
  ): string => {
    const method = (controller.prototype as Record<string, () => void>)[handler];
    const context = new ExecutionContextHost([{ principal: caller }], controller, method);
    try {
      return guard.canActivate(context) ? 'allowed' : 'denied';
    } catch (error) {
      return (error as ApiError).code;
    }
  };

  it.each<[string, Role, string[], string]>([
    ['list', Role.Client, ['read:assets'], 'allowed'],
    ['list', Role.Client, ['write:assets'], 'insufficient_scope'],
    ['create', Role.Client, ['write:assets'], 'allowed'],
    ['create', Role.Client, ['read:assets'], 'insufficient_scope'],
    ['create', Role.Viewer, ['admin'], 'insufficient_scope'],
    ['audit', Role.Viewer, [Permission.ApiKeysRead], 'allowed'],
    ['audit', Role.Client, ['admin'], 'forbidden'],
    ['whoAmI', Role.Service, [], 'allowed'],
  ])(
    "%s as %s with key scopes %j → %s (the handler's rule replaces the class's)",
    (handler, role, scopes, outcome) => {
      expect(check(AssetsController, handler, principal(role, scopes))).toBe(outcome);
    },
  );

  it('answers 401 when a guarded route has no authenticated caller', () => {
    expect(check(AssetsController, 'list', undefined)).toBe('unauthorized');
  });

  it('lets a @Public() handler through without a caller, whatever its class asks', () => {
    expect(check(AssetsController, 'health', undefined)).toBe('allowed');
  });

  it('lets through routes that ask for nothing (authentication decides those)', () => {
    expect(check(OpenController, 'anything', undefined)).toBe('allowed');
  });
});
