import { PassThrough } from 'node:stream';
import pino, { type Logger } from 'pino';
import { loggablePath, loggerParams } from './logging';

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

describe('loggerParams', () => {
  /** What a logger made from the params writes to `output`, ANSI colours taken out. */
  function written(terminal: boolean, log: (logger: Logger) => void): string {
    const output = Object.assign(new PassThrough(), { isTTY: terminal });
    const chunks: string[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const { pinoHttp } = loggerParams('info', output);
    // JSON lines go to stdout, pino's default: here to `output` instead.
    const logger = Array.isArray(pinoHttp) ? pino(...pinoHttp) : pino(pinoHttp as object, output);
    log(logger);
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
    expect(
      loggerParams('info', Object.assign(new PassThrough(), { isTTY: false })).pinoHttp,
    ).not.toBeInstanceOf(Array);
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
});
