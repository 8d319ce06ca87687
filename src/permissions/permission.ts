/** Permissions gate the management API (SPEC section 4). */
export enum Permission {
  ApiKeysRead = 'api_keys.read',
  ApiKeysWrite = 'api_keys.write',
  ApiKeysDelete = 'api_keys.delete',
  ApiKeysVerify = 'api_keys.verify',
  UsersRead = 'users.read',
  UsersWrite = 'users.write',
  AuditRead = 'audit.read',
}

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
