import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from './error-response';

/**
 * The single place where errors become HTTP responses, in Latchkey's
 * envelope `{"error": {status, code, message, details?}}`.
 */
@Catch()
export class LatchkeyExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const { status, body, headers, unexpected } = toErrorResponse(exception, (error) =>
      this.isUnavailable(error),
    );
    if (unexpected !== undefined) {
      // routeOptions.url is the route pattern: it never holds a query string or token.
      const route = `${request.method} ${request.routeOptions?.url ?? '(no route)'}`;
      this.logger.error(
        `Unhandled error on ${route} (request ${request.id})`,
        unexpected instanceof Error ? unexpected.stack : JSON.stringify(unexpected),
      );
    }
    void http.getResponse<FastifyReply>().status(status).headers(headers).send(body);
  }

  /** Errors that mean a backing service is down: answered 503. Latchkey adds its database's. */
  protected isUnavailable(_exception: unknown): boolean {
    return false;
  }
}
