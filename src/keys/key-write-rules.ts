import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import { unlessTaken } from '../common/database-errors';
import { DEFAULT_TIER, KeyTier } from '../domain/key-tier';
import type { Principal } from '../domain/principal';
import { actsOnAllUsers } from '../permissions/grants';

/**
 * A tier is an agreement, not a caller's choice (SPEC section 5): only admins
 * set or change one; anyone else may name only the default, on a key that has it.
 */
export function assertMaySetTier(
  caller: Principal,
  requested: KeyTier | undefined,
  current: KeyTier,
): void {
  if (requested === undefined || actsOnAllUsers(caller.user.role)) return;
  if (requested !== DEFAULT_TIER || current !== DEFAULT_TIER) {
    throw ApiError.forbidden(
      `Only admins set or change a key's tier; leave tier out (keys get the ${DEFAULT_TIER} tier).`,
    );
  }
}

/** Runs a write that may collide with the (owner, name) unique index: 409 then. */
export async function saveUniquelyNamed(
  write: () => Promise<unknown>,
  name: string,
): Promise<void> {
  await unlessTaken(
    write,
    () =>
      new ApiError(
        HttpStatus.CONFLICT,
        'conflict',
        `A key named "${name}" already exists for this user; choose another name.`,
        [{ field: 'name', message: 'is already taken' }],
      ),
  );
}
