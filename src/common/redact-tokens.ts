export { redactTokens } from '@latchkey/guard/shared';
