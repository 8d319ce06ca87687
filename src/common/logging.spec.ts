import { PassThrough } from 'node:stream';
import fastify from 'fastify';
import type { Logger } from 'pino';
import {
  createLogger,
  lazyChildLogger,
  loggablePath,
  NestPinoLogger,
  OneLinePerRequest,
} from './logging';

describe('loggablePath', () => {
  const hex = 'ab12'.repeat(16);

  it.each([
    ['/api/v1/me?access_token=lk_' + hex, '/api/v1/me'],
    [`/api/v1/keys/lk_${hex}`, '/api/v1/keys/lk_[redacted]'],
    [`/api/v1/keys/lk_${hex.toUpperCase()}/regenerate`, '/api/v1/keys/lk_[redacted]/regenerate'],
    [`/api/v1/users/${hex}`, '/api/v1/users/[redacted]'],
    [
      '/api/v1/keys/0125cc96-c531-4348-a41e-8775f4f6e2a3',
      '/api/v1/keys/0125cc96-c531-4348-a41e-8775f4f6e2a3',
    ],
    ['/api/v1/keys', '/api/v1/keys'],
  ])('logs %s as %s', (url, logged) => {
    expect(loggablePath(url)).toBe(logged);
  });
});

describe('createLogger', () => {
  /** What a logger made for `output` writes there, ANSI colours taken out. */
  function written(terminal: boolean, log: (logger: Logger) => void): string {
    const output = Object.assign(new PassThrough(), { isTTY: terminal });
    const chunks: string[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    log(createLogger('info', output));
    // eslint-disable-next-line no-control-regex -- colour escapes
    return chunks.join('').replace(/\u001b\[[0-9;]*m/g, '');
  }

  const ready = (logger: Logger) => {
    logger.info({ context: 'InstanceLoader' }, 'AppModule dependencies initialized');
    logger.info({ context: 'Bootstrap' }, 'API key authentication ready (key file: /d/.api_key)');
  };

  it('writes JSON lines, start-up chatter included, when stdout is not a terminal', () => {
    const lines = written(false, ready)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { context: string; msg: string });
    expect(lines.map((line) => [line.context, line.msg])).toEqual([
      ['InstanceLoader', 'AppModule dependencies initialized'],
      ['Bootstrap', 'API key authentication ready (key file: /d/.api_key)'],
    ]);
  });

  it('writes one readable line per entry, without the start-up chatter, on a terminal', () => {
    expect(written(true, ready)).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: \[Bootstrap\] API key authentication ready \(key file: \/d\/\.api_key\)\n$/,
    );
  });

  it('keeps fields, serialized as in JSON, and start-up warnings on readable lines', () => {
    const line = written(true, (logger) => {
      logger.warn({ context: 'InstanceLoader' }, 'slow module');
      logger.info(
        { req: { method: 'GET', url: '/api/v1/me?access_token=lk_x' } },
        'request completed',
      );
    });
    expect(line).toContain('WARN: [InstanceLoader] slow module');
    expect(line).toContain('INFO: request completed {"req":{"method":"GET","path":"/api/v1/me"}}');
  });

  it("never writes a request's headers, and logs a response by its status", () => {
    const [line] = written(false, (logger) =>
      logger.info({
        req: { headers: { authorization: 'Bearer lk_x', 'x-api-key': 'lk_y', cookie: 'c=lk_z' } },
        res: { statusCode: 201, getHeaders: () => ({ 'x-api-key': 'lk_y' }) },
      }),
    )
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(line.req).toEqual({});
    expect(line.res).toEqual({ statusCode: 201 });
  });
});

describe('NestPinoLogger', () => {
  function entries(log: (logger: NestPinoLogger) => void): Record<string, unknown>[] {
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    log(new NestPinoLogger(createLogger('info', output)));
    return chunks
      .join('')
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as Record<string, unknown>);
  }

  it("writes Nest's messages with their context, an error's stack, and nothing below the level", () => {
    const lines = entries((logger) => {
      logger.log('listening', 'Main');
      logger.error('Unhandled error on GET /x', 'Error: boom\n    at x', 'Errors');
      logger.warn({ outage: true }, 'Redis');
      logger.debug('hidden', 'Main');
      logger.verbose('hidden', 'Main');
    });
    expect(
      lines.map(({ level, context, msg, stack, outage }) => ({
        level,
        context,
        msg,
        stack,
        outage,
      })),
    ).toEqual([
      { level: 30, context: 'Main', msg: 'listening' },
      {
        level: 50,
        context: 'Errors',
        msg: 'Unhandled error on GET /x',
        stack: 'Error: boom\n    at x',
      },
      { level: 40, context: 'Redis', outage: true },
    ]);
  });
});

describe('OneLinePerRequest', () => {
  it('logs one line per request: its id, method, path without the query, status and time', async () => {
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const logger = createLogger('info', output);
    const app = fastify({
      loggerInstance: logger,
      logController: new OneLinePerRequest(logger),
      childLoggerFactory: lazyChildLogger,
    });
    app.get('/me', () => ({ ok: true }));
    await app.inject({
      url: '/me?access_token=lk_x',
      headers: { authorization: 'Bearer lk_y', 'x-api-key': 'lk_z', cookie: 'c=lk_w' },
    });
    await app.close();
    const lines = chunks
      .join('')
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      reqId: expect.any(String) as string,
      req: { method: 'GET', path: '/me' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number) as number,
    });
    expect(chunks.join('')).not.toMatch(/lk_/);
  });
});

describe('lazyChildLogger', () => {
  function requestLogger(level: 'info' | 'warn') {
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const parent = createLogger(level, output);
    const child = jest.spyOn(parent, 'child');
    const log = lazyChildLogger(parent, { reqId: 'req-1' }, {});
    const lines = () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((text) => JSON.parse(text) as Record<string, unknown>);
    return { log, child, lines };
  }

  it('makes no pino child for lines below the level', () => {
    const { log, child, lines } = requestLogger('warn');
    log.info('dropped');
    log.debug({ a: 1 }, 'dropped');
    expect(child).not.toHaveBeenCalled();
    expect(lines()).toEqual([]);
    expect(log.level).toBe('warn');
  });

  it("writes an enabled line with the request's bindings, through one child", () => {
    const { log, child, lines } = requestLogger('info');
    log.warn({ outage: true }, 'first');
    log.info('second');
    expect(child).toHaveBeenCalledTimes(1);
    expect(lines()).toMatchObject([
      { level: 40, reqId: 'req-1', outage: true, msg: 'first' },
      { level: 30, reqId: 'req-1', msg: 'second' },
    ]);
  });

  it('follows a level set on it', () => {
    const { log, lines } = requestLogger('warn');
    log.level = 'info';
    log.info('now written');
    expect(lines()).toMatchObject([{ level: 30, reqId: 'req-1', msg: 'now written' }]);
  });
});
