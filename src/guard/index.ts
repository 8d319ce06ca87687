/**
 * `latchkey/guard`: put a NestJS (Fastify) service's routes behind Latchkey's
 * keys. The decorators are Latchkey's own, so a route reads the same in both.
 */
export { LatchkeyGuardModule, type LatchkeyGuardAsyncOptions } from './latchkey-guard.module';
export type {
  InProcessGuardOptions,
  LatchkeyGuardOptions,
  RemoteGuardOptions,
} from './latchkey-guard.options';
export { LatchkeyGuard } from './latchkey.guard';
export { ApiKey } from './api-key.decorator';
export type { LatchkeyIdentity } from './admit';
export type { KeyVerifier, Verdict, VerifyRequest } from './key-verifier';
export {
  Public,
  RequireKey,
  RequirePermissions,
  RequireScopes,
} from '../permissions/permissions.decorators';
export { Permission } from '../permissions/permission';
export { AllExceptionsFilter as LatchkeyExceptionFilter } from '../common/all-exceptions.filter';
export { ApiError } from '../common/api-error';
