// Where a key may be sent (SPEC section 2), read alike by Latchkey and the guard package.
export { extractApiKey } from '@latchkey/guard/shared';
