import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { PRINCIPAL_PROPERTY, type Principal } from '../domain/principal';

/** The authenticated caller of a non-public route. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<FastifyRequest & Record<string, unknown>>();
  return request[PRINCIPAL_PROPERTY] as Principal;
});
