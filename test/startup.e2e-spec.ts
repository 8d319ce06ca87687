import { createKey } from './factories/key.factory';
import { expectError } from './support/error-envelope';
import { TcpProxy } from './support/tcp-proxy';
import { bearer, isMariaDb, startTestApp } from './support/test-app';
import { ReadinessService } from '../src/health/readiness.service';

const untilOk = async (probe: () => Promise<number>, timeoutMs: number): Promise<number> => {
  const started = Date.now();
  for (;;) {
    const status = await probe();
    if (status === 200 || Date.now() - started > timeoutMs) return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe('start-up and database outages', () => {
  it('listens at once and answers 503 on protected routes while the database is unreachable', async () => {
    const t = await startTestApp({
      env: { DATABASE_URL: 'mysql://root@127.0.0.1:1/latchkey' },
      waitUntilReady: false,
    });
    try {
      await t.http.get('/').expect(200);
      expectError(await t.http.get('/api/v1/me'), 503, 'service_unavailable');
      expectError(
        await t.http.get('/api/v1/me').set(bearer(`lk_${'a'.repeat(64)}`)),
        503,
        'service_unavailable',
      );
      expectError(
        await t.http.post('/api/v1/keys').send({ name: 'x' }),
        503,
        'service_unavailable',
      );
      const health = await t.http.get('/api/v1/health');
      expectError(health, 503, 'service_unavailable');
      expect(health.body.error.details).toEqual(
        expect.arrayContaining([
          { field: 'startup', message: 'starting' },
          { field: 'database', message: 'unreachable' },
        ]),
      );
    } finally {
      await t.close();
    }
  });

  // These need a database server to take away: the MariaDB run only.
  (isMariaDb() ? describe : describe.skip)('through a proxy that the test cuts', () => {
    const database = () => new URL(process.env.TEST_DATABASE_URL!.replace(/^mariadb:/, 'mysql:'));

    const viaProxy = (proxy: TcpProxy) => {
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.host = `127.0.0.1:${proxy.port}`;
      return url.toString();
    };

    it('keeps retrying and becomes ready once the database appears', async () => {
      const proxy = await TcpProxy.create({
        host: database().hostname,
        port: Number(database().port || 3306),
      });
      const t = await startTestApp({
        env: { DATABASE_URL: viaProxy(proxy) },
        waitUntilReady: false,
      });
      try {
        expectError(await t.http.get('/api/v1/me'), 503, 'service_unavailable');
        await proxy.start();
        await t.app.get(ReadinessService).whenReady();
        await t.http.get('/api/v1/health').expect(200);
      } finally {
        await t.close();
        await proxy.cut();
      }
    });

    it('answers 503, never 401 or 500, while the database is gone, and recovers when it returns', async () => {
      const proxy = await TcpProxy.create({
        host: database().hostname,
        port: Number(database().port || 3306),
      });
      await proxy.start();
      const t = await startTestApp({ env: { DATABASE_URL: viaProxy(proxy) } });
      const rootKey = t.rootKey;
      try {
        await t.http.get('/api/v1/me').set(bearer(rootKey)).expect(200);
        const unused = await createKey(t);
        await proxy.cut();
        for (let i = 0; i < 3; i++) {
          expectError(
            await t.http.get('/api/v1/me').set(bearer(unused.key)),
            503,
            'service_unavailable',
          );
        }
        // A key verified within KEY_CACHE_TTL_S is answered from the cache (README, "Outages").
        await t.http.get('/api/v1/me').set(bearer(rootKey)).expect(200);
        expectError(
          await t.http.post('/api/v1/keys').set(bearer(rootKey)).send({ name: 'during-outage' }),
          503,
          'service_unavailable',
        );
        expectError(await t.http.get('/api/v1/health'), 503, 'service_unavailable');

        await proxy.start();
        const status = await untilOk(
          async () => (await t.http.get('/api/v1/me').set(bearer(unused.key))).status,
          5000,
        );
        expect(status).toBe(200);
      } finally {
        await t.close();
        await proxy.cut();
      }
    });
  });
});
