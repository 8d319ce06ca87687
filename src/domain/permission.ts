import { Permission } from '@latchkey/guard';

// The enum is the guard package's: routes of Latchkey and of its users name the same values.
export { Permission };

export const ALL_PERMISSIONS: readonly Permission[] = Object.values(Permission);

/** The key scope that stands for "everything the owner's role grants". */
export const ADMIN_SCOPE = 'admin';

export enum Role {
  Admin = 'admin',
  Manager = 'manager',
  Viewer = 'viewer',
  Service = 'service',
  Client = 'client',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

export function isPermission(value: string): value is Permission {
  return (ALL_PERMISSIONS as readonly string[]).includes(value);
}
