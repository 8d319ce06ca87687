// The error envelope is the guard package's, so Latchkey and guarded services answer alike.
export { ApiError, type ErrorBody, type ErrorCode, type ErrorDetail } from '@latchkey/guard/shared';
