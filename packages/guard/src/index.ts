/**
 * `@latchkey/guard`: put a NestJS (Fastify) service's routes behind
 * Latchkey's keys. The decorators are Latchkey's own, so a route reads the
 * same in both. The Passport strategy is `@latchkey/guard/passport`.
 */
export {
  LatchkeyGuardModule,
  type LatchkeyGuardAsyncOptions,
  type LatchkeyGuardVerifierOptions,
} from './latchkey-guard.module';
export type {
  CacheOptions,
  LatchkeyGuardOptions,
  ModuleOptions,
  RemoteGuardOptions,
} from './latchkey-guard.options';
export { LatchkeyGuard } from './latchkey.guard';
export { ApiKey } from './api-key.decorator';
export type { LatchkeyIdentity } from './admit';
export {
  KEY_VERIFIER,
  type KeyVerifier,
  type Verdict,
  type VerificationCode,
  type VerifyRequest,
} from './key-verifier';
export { CachedKeyVerifier, type VerdictCacheConfig } from './cached-key-verifier';
export { ChangeStream, type Change, type ChangeListener } from './change-stream';
export { Public, RequireKey, RequirePermissions, RequireScopes } from './permissions.decorators';
export { Permission } from './permission';
export { LatchkeyExceptionFilter } from './exception.filter';
export { ApiError, type ErrorBody, type ErrorCode, type ErrorDetail } from './api-error';
export { RemoteVerification, wholeMs } from './remote-verification';
