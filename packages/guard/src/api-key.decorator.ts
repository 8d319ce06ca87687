import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { LatchkeyIdentity } from './admit';
import { IDENTITY_PROPERTY } from './latchkey.guard';

/**
 * The verified caller of a guarded route: `list(@ApiKey() caller: LatchkeyIdentity)`.
 * Undefined on a `@Public()` route.
 */
export const ApiKey = createParamDecorator(
  (_: unknown, context: ExecutionContext): LatchkeyIdentity | undefined => {
    const request = context.switchToHttp().getRequest<FastifyRequest & Record<string, unknown>>();
    return request[IDENTITY_PROPERTY] as LatchkeyIdentity | undefined;
  },
);
