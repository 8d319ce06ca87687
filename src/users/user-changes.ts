import type { AuditDetails } from '../audit/audit-event.entity';
import { Role } from '../domain/permission';
import { User, UserStatus } from './user.entity';

export type UserChanges = Partial<Pick<User, 'name' | 'email' | 'role' | 'status'>>;

const FIELDS = ['name', 'email', 'role', 'status'] as const;

/** The fields of `requested` that differ from `user`; fields left out do not change. */
export function diffUser(user: User, requested: UserChanges): UserChanges {
  const changes: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = requested[field];
    if (value !== undefined && value !== user[field]) changes[field] = value;
  }
  return changes;
}

/**
 * Why a change to the root user is refused, or null. The root user owns the
 * bootstrap key and is found by its name at start-up, so it must stay an
 * active admin called `root`.
 */
export function rootChangeRefusal(changes: UserChanges): string | null {
  if (changes.role !== undefined && changes.role !== Role.Admin)
    return 'The root user must stay an admin.';
  if (changes.status === UserStatus.Disabled) return 'The root user cannot be disabled.';
  if (changes.name !== undefined) return 'The root user cannot be renamed.';
  return null;
}

export interface UserEvent {
  action: 'user.role_changed' | 'user.disabled' | 'user.updated';
  details: AuditDetails;
}

/**
 * The audit events a change makes: role changes and disabling are events of
 * their own, because they change what the user's keys may do; anything else
 * is `user.updated`, naming the fields (not their values, which may be
 * personal data).
 */
export function userChangeEvents(user: User, changes: UserChanges): UserEvent[] {
  const events: UserEvent[] = [];
  if (changes.role !== undefined) {
    events.push({ action: 'user.role_changed', details: { from: user.role, to: changes.role } });
  }
  if (changes.status === UserStatus.Disabled) events.push({ action: 'user.disabled', details: {} });
  const others = FIELDS.filter(
    (field) =>
      field in changes &&
      field !== 'role' &&
      !(field === 'status' && changes.status === UserStatus.Disabled),
  );
  if (others.length > 0) events.push({ action: 'user.updated', details: { fields: others } });
  return events;
}
