import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import pretty from 'pino-pretty';
import type { LogLevel } from '../config/environment';
import { redactTokens } from './redact-tokens';

/**
 * A request path as logged: without the query string, and with anything
 * shaped like a key (that a careless client put in the path) masked.
 */
export function loggablePath(url: string | undefined): string | undefined {
  return url === undefined ? undefined : redactTokens(url.split('?')[0]);
}

/** Nest's start-up chatter (a line per module and route): left out of readable logs only. */
const START_UP_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/**
 * Readable logs for a person at a terminal: one line per entry, without
 * Nest's start-up chatter, so that the first thing `npm start` shows is
 * where the service listens and where the key file is. Written straight to
 * the terminal, so the last lines before an exit are kept.
 */
function readableLogs(output: NodeJS.WritableStream): Pick<Options, 'hooks'> & {
  destination: DestinationStream;
} {
  return {
    destination: pretty({
      destination: output,
      singleLine: true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,context',
      messageFormat: '{if context}[{context}] {end}{msg}',
    }),
    hooks: {
      logMethod(args, method, level) {
        const context = (args[0] as { context?: unknown } | undefined)?.context;
        if (level <= this.levels.values.info && START_UP_CONTEXTS.has(String(context))) return;
        method.apply(this, args);
      },
    },
  };
}

/**
 * JSON lines, what log collectors and files want; readable lines instead
 * when `output` (stdout) is a terminal. Credentials never reach them: the
 * key headers are redacted, and a request is logged by its path without the
 * query string, where a careless client might have put a key, and with
 * anything shaped like a key masked.
 */
export function loggerParams(
  level: LogLevel,
  output: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
): Params {
  const options: Options = {
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
  };
  const forRoutes = [{ path: '{*path}', method: RequestMethod.ALL }];
  if (!output.isTTY) return { forRoutes, pinoHttp: options };
  const { destination, hooks } = readableLogs(output);
  return { forRoutes, pinoHttp: [{ ...options, hooks }, destination] };
}
