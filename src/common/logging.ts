import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { LogLevel } from '../config/environment';

/**
 * A request path as logged: long runs of hex digits (the body of a key that
 * a careless client put in the path, e.g. /keys/lk_<64 hex>) are masked.
 * Ids are UUIDs, whose hex runs are at most 12 long, and stay readable.
 */
export function loggablePath(url: string | undefined): string | undefined {
  return url?.split('?')[0].replace(/[0-9a-f]{32,}/gi, '[redacted]');
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
