import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { metricsConfig } from './metrics.config';
import { MetricsServer } from './metrics.server';
import { MetricsService } from './metrics.service';

const EXPOSITION = { contentType: 'text/plain; version=0.0.4', body: 'requests_total 3\n' };

/**
 * MetricsServer on a free loopback port (`port` undefined: metrics off),
 * over a MetricsService whose scrape answers as told; started as the
 * application would start it.
 */
async function metricsServer(
  port: number | undefined,
  scrape: () => Promise<typeof EXPOSITION> = () => Promise.resolve(EXPOSITION),
) {
  const moduleRef = await Test.createTestingModule({
    providers: [
      MetricsServer,
      { provide: metricsConfig.KEY, useValue: { host: '127.0.0.1', port } },
      { provide: MetricsService, useValue: { scrape: jest.fn(scrape) } },
    ],
  }).compile();
  const server = moduleRef.get(MetricsServer);
  await server.onApplicationBootstrap();
  return server;
}

describe('MetricsServer', () => {
  let server: MetricsServer | undefined;

  beforeEach(() => jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined));
  afterEach(async () => {
    await server?.onApplicationShutdown();
    server = undefined;
    jest.restoreAllMocks();
  });

  it('listens nowhere unless METRICS_PORT is set', async () => {
    server = await metricsServer(undefined);

    expect(server.url).toBeUndefined();
  });

  it('answers GET /metrics with the exposition, never cached, and HEAD without a body', async () => {
    server = await metricsServer(0);
    const url = String(server.url);

    const got = await fetch(url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe(EXPOSITION.contentType);
    expect(got.headers.get('cache-control')).toBe('no-store');
    expect(await got.text()).toBe(EXPOSITION.body);
    const head = await fetch(`${url}?fresh=1`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 404 off /metrics and 405 naming GET and HEAD for other methods', async () => {
    server = await metricsServer(0);
    const url = String(server.url);

    expect((await fetch(new URL('/', url))).status).toBe(404);
    const posted = await fetch(url, { method: 'POST' });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 500 when collecting fails, and keeps serving', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    let fail = true;
    server = await metricsServer(0, () =>
      fail ? Promise.reject(new Error('collector threw')) : Promise.resolve(EXPOSITION),
    );
    const url = String(server.url);

    expect((await fetch(url)).status).toBe(500);
    fail = false;
    expect((await fetch(url)).status).toBe(200);
  });

  it('names the port in the error when it cannot listen', async () => {
    server = await metricsServer(0);
    const taken = Number(new URL(String(server.url)).port);

    await expect(metricsServer(taken)).rejects.toThrow(`127.0.0.1:${taken} (METRICS_PORT)`);
  });

  it('stops listening at shutdown', async () => {
    server = await metricsServer(0);
    const url = String(server.url);

    await server.onApplicationShutdown();

    expect(server.url).toBeUndefined();
    await expect(fetch(url)).rejects.toThrow();
  });
});
