/**
 * `@latchkey/guard/shared`: the pieces Latchkey's own server takes from this
 * package, so that its routes and guarded services answer from one source.
 * Not a stable API for services.
 */
export { accessRuleOf, type AccessRule } from './access-rule';
export { ApiError, type ErrorBody, type ErrorCode, type ErrorDetail } from './api-error';
export { assertGranted, missingGrants } from './assert-granted';
export {
  API_KEY_SCHEME,
  ApiErrors,
  BEARER_SCHEME,
  ERROR_DESCRIPTIONS,
  ERROR_EXAMPLES,
  ErrorResponseDto,
} from './error-envelope.docs';
export { toErrorResponse, type ErrorResponse } from './error-response';
export { extractApiKey } from './extract-api-key';
export { MAX_VERIFY_BATCH } from './key-verifier';
export { perRoute, type Controller, type Handler } from './per-route';
export {
  PermissionsMetadata,
  Public,
  PublicMetadata,
  RequireKey,
  RequirePermissions,
  RequireScopes,
  ScopesMetadata,
} from './permissions.decorators';
export {
  rateLimited,
  setRateLimitHeaders,
  type HeaderSink,
  type RateLimitBudget,
} from './rate-limit-headers';
export { redactTokens } from './redact-tokens';
