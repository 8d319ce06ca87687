import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { LogLevel } from '../config/environment';
import { redactTokens } from './redact-tokens';

/**
 * A request path as logged: without the query string, and with anything
 * shaped like a key (that a careless client put in the path) masked.
 */
export function loggablePath(url: string | undefined): string | undefined {
  return url === undefined ? undefined : redactTokens(url.split('?')[0]);
}

/**
 * Structured JSON logs. Credentials never reach them: the key headers are
 * redacted, and a request is logged by its path without the query string,
 * where a careless client might have put a key, and with anything shaped
 * like a key masked.
 */
export function loggerParams(level: LogLevel): Params {
  return {
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level,
      redact: {
        paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: IncomingMessage & { id?: unknown }) => ({
          id: req.id,
          method: req.method,
          path: loggablePath(req.url),
        }),
      },
    },
  };
}
