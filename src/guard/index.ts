/**
 * `latchkey/guard`: the guard package (`@latchkey/guard`, remote mode), plus
 * in-process mode, which needs Latchkey's own code and database:
 * `InProcessGuardModule.forRoot()`.
 */
export * from '@latchkey/guard';
export { InProcessGuardModule, type InProcessGuardOptions } from './in-process-guard.module';
