import type { LoggerService } from '@nestjs/common';
import {
  type FastifyBaseLogger,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import pino, {
  type Bindings,
  type ChildLoggerOptions,
  type DestinationStream,
  type Level,
  type Logger,
  type LoggerOptions,
} from 'pino';
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
function readableLogs(output: NodeJS.WritableStream): Pick<LoggerOptions, 'hooks'> & {
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
 * Where JSON lines go. Node writes to a file or pipe on stdout synchronously,
 * a system call per line, so stdout itself gets pino's buffered writer
 * instead: lines written while one write is under way go out together, and
 * what is left is flushed when the process exits.
 */
function jsonDestination(output: NodeJS.WritableStream): DestinationStream {
  if (output !== process.stdout) return output;
  return pino.destination({ dest: process.stdout.fd, sync: false });
}

/**
 * The one logger of the process: Fastify's (`request.log`) and, through
 * NestPinoLogger, Nest's. JSON lines, what log collectors and files want;
 * readable lines instead when `output` (stdout) is a terminal. Credentials
 * never reach them: a request is logged by its method and its path, no
 * header and no query string, where a careless client might have put
 * a key, and with anything shaped like a key masked.
 */
export function createLogger(
  level: LogLevel,
  output: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
): Logger {
  const options: LoggerOptions = {
    level,
    // What keeps credentials out: `req` is written as its method and path only,
    // never its headers, so no `redact` pass is needed (it would cost every line).
    serializers: {
      req: (req: { method?: string; url?: string }) => ({
        method: req.method,
        path: loggablePath(req.url),
      }),
      res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
    },
  };
  if (!output.isTTY) return pino(options, jsonDestination(output));
  const { destination, hooks } = readableLogs(output);
  return pino({ ...options, hooks }, destination);
}

/**
 * Fastify's request logging, one line per answered request (where Fastify
 * writes two): its `reqId`, the method, the loggable path, the status and
 * the time taken. Written on the process's logger with the id as a field,
 * the same line a request's child logger would write, so that no request
 * needs its child logger (see LazyChildLogger). At a level above `info`
 * pino drops the line before building it.
 */
export class OneLinePerRequest extends LogController {
  constructor(private readonly logger: Logger) {
    super();
  }

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const fields = { reqId: request.id, req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) this.logger.error({ ...fields, err: error }, 'request errored');
    else this.logger.info(fields, 'request completed');
  }
}

type LevelMethod = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * A request's logger (`request.log`), made into pino's child logger on the
 * first line it writes at an enabled level. Fastify asks for one per
 * request, and pino's takes about a microsecond to build, while nearly every
 * request writes nothing through it (BENCHMARKS.md, issue 16).
 */
export class LazyChildLogger implements FastifyBaseLogger {
  private made?: Logger;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  get level(): string {
    return this.made?.level ?? (this.options.level || this.parent.level);
  }

  set level(level: string) {
    this.make().level = level;
  }

  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  debug(...args: unknown[]): void {
    this.write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.write('trace', args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): Logger {
    return this.make().child(bindings, options);
  }

  private make(): Logger {
    return (this.made ??= this.parent.child(this.bindings, this.options));
  }

  private write(level: LevelMethod, args: unknown[]): void {
    const { values } = this.parent.levels;
    if (values[level] < values[this.level]) return;
    const logger = this.make();
    Reflect.apply(logger[level], logger, args);
  }
}

/** Fastify's `childLoggerFactory`: a request's logger, made when first written to. */
export function lazyChildLogger(
  parent: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  return new LazyChildLogger(parent as Logger, bindings, options);
}

/**
 * Nest's Logger written to pino: the context Nest passes last becomes the
 * `context` field, an error's stack the `stack` field.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    if (params.length > 0) fields.context = params[params.length - 1];
    const stack = params.length > 1 ? params[0] : undefined;
    if (typeof stack === 'string') fields.stack = stack;
    if (message instanceof Error) fields.err = message;
    else if (typeof message === 'object' && message !== null) Object.assign(fields, message);
    this.logger[level](fields, typeof message === 'string' ? message : undefined);
  }
}
