// One set of decorators for Latchkey's routes and its users': the guard package's.
export {
  Public,
  PermissionsMetadata,
  PublicMetadata,
  RequireKey,
  RequirePermissions,
  RequireScopes,
  ScopesMetadata,
} from '@latchkey/guard/shared';
