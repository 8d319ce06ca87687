// Read by Latchkey's guards and by the guard package's, so a route means the same to both.
export { accessRuleOf, type AccessRule } from '@latchkey/guard/shared';
