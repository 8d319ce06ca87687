/**
 * What each role grants in permissions, written out from SPEC section 4
 * rather than taken from the code under test.
 */
export const ALL_PERMISSION_NAMES = [
  'api_keys.read',
  'api_keys.write',
  'api_keys.delete',
  'api_keys.verify',
  'users.read',
  'users.write',
  'audit.read',
];

export const ROLE_PERMISSIONS: Record<string, string[]> = {
  admin: ALL_PERMISSION_NAMES,
  manager: ['api_keys.read', 'api_keys.write', 'api_keys.delete'],
  viewer: ['api_keys.read'],
  service: ['api_keys.verify'],
  client: [],
};
