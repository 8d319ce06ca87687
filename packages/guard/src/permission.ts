/** Permissions gate Latchkey's management API (SPEC section 4). */
export enum Permission {
  ApiKeysRead = 'api_keys.read',
  ApiKeysWrite = 'api_keys.write',
  ApiKeysDelete = 'api_keys.delete',
  ApiKeysVerify = 'api_keys.verify',
  UsersRead = 'users.read',
  UsersWrite = 'users.write',
  AuditRead = 'audit.read',
}
