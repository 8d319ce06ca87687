import { createKey, CreatedKey } from './factories/key.factory';
import { expectError } from './support/error-envelope';
import { emptyTables } from './support/mariadb';
import { until } from './support/poll';
import { startTraffic } from './support/traffic';
import { TcpProxy } from './support/tcp-proxy';
import { bearer, isMariaDb, startTestApp } from './support/test-app';
import { ReadinessService } from '../src/health/readiness.service';

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

    const proxyToDatabase = () =>
      TcpProxy.create({ host: database().hostname, port: Number(database().port || 3306) });

    /** A ready app whose database connection runs through a proxy the test can cut. */
    const startBehindProxy = async (env: Record<string, string | undefined>) => {
      const proxy = await proxyToDatabase();
      await proxy.start();
      // Through the proxy startTestApp does not recognise the test database: empty it here,
      // so that keys other test files left behind do not count against the per-user limit.
      await emptyTables(process.env.TEST_DATABASE_URL!);
      const t = await startTestApp({ env: { DATABASE_URL: viaProxy(proxy), ...env } });
      return { proxy, t };
    };

    it('keeps retrying and becomes ready once the database appears', async () => {
      const proxy = await proxyToDatabase();
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

    it('answers 503, never 401 or 500, to concurrent traffic while the database is gone, recovers within 5 s, and loses no committed key', async () => {
      // MariaDB's default without Redis: no verified-key cache, so every request needs the database.
      const { proxy, t } = await startBehindProxy({ KEY_CACHE_TTL_S: undefined });
      const rootKey = t.rootKey;
      try {
        const committed = [await createKey(t), await createKey(t), await createKey(t)];
        // Reads with the committed keys and creates, four at a time, through the whole outage.
        const traffic = startTraffic(4, async (n) => {
          const response =
            n % 2 === 0
              ? await t.http.get('/api/v1/me').set(bearer(committed[n % 3].key))
              : await t.http
                  .post('/api/v1/keys')
                  .set(bearer(rootKey))
                  .send({ name: `during-outage-${n}` });
          return { status: response.status, code: response.body?.error?.code, body: response.body };
        });
        await until(() => traffic.results.length >= 10, 'traffic flows');
        await proxy.cut();
        const cutAt = traffic.results.length;
        await until(
          () => traffic.results.slice(cutAt).filter((r) => r.status === 503).length >= 20,
          'twenty requests were answered during the outage',
        );
        expectError(await t.http.get('/api/v1/health'), 503, 'service_unavailable');
        expectError(
          await t.http.get('/api/v1/me').set(bearer(rootKey)),
          503,
          'service_unavailable',
        );

        await proxy.start();
        await until(
          async () => (await t.http.get('/api/v1/me').set(bearer(rootKey))).status === 200,
          'the service answers again',
          { withinMs: 5000 },
        );
        const results = await traffic.stop();

        const outcomes = new Set(results.map((r) => `${r.status} ${r.code ?? ''}`.trim()));
        for (const outcome of outcomes)
          expect(['200', '201', '503 service_unavailable']).toContain(outcome);
        // Every key committed before the cut, and every create that answered 201, still works.
        const created = results
          .filter((r) => r.status === 201)
          .map((r) => r.body.data as CreatedKey);
        for (const key of [...committed, ...created]) {
          await t.http.get('/api/v1/me').set(bearer(key.key)).expect(200);
          await t.http.get(`/api/v1/keys/${key.id}`).set(bearer(rootKey)).expect(200);
        }
      } finally {
        await t.close();
        await proxy.cut();
      }
    });

    // The jest timeout is the bound's backstop: before the fix, requests held
    // by a stalled connection waited until it came back, i.e. forever here.
    it('answers 503 to requests in flight and new while the database stalls without resetting, health at once, and recovers', async () => {
      const { proxy, t } = await startBehindProxy({ KEY_CACHE_TTL_S: undefined });
      try {
        const committed = await createKey(t);
        const needingTheDatabase = (n: number) =>
          Array.from({ length: n }, (_, i) =>
            i % 2 === 0
              ? t.http.get('/api/v1/me').set(bearer(committed.key))
              : t.http
                  .post('/api/v1/keys')
                  .set(bearer(t.rootKey))
                  .send({ name: `stalled-${i}` }),
          );
        proxy.stall();
        // More than the pool's 10 connections: some wait for a connection, the rest for an answer.
        const inFlight = Promise.all([...needingTheDatabase(12), t.http.get('/api/v1/health')]);
        const health = await t.http.get('/api/v1/health');
        expectError(health, 503, 'service_unavailable');
        expect(health.body.error.details).toEqual(
          expect.arrayContaining([{ field: 'database', message: 'not answering' }]),
        );
        const arrivingLater = Promise.all(needingTheDatabase(4));
        for (const response of [...(await inFlight), ...(await arrivingLater)]) {
          expectError(response, 503, 'service_unavailable');
        }

        proxy.resume();
        await until(
          async () => (await t.http.get('/api/v1/me').set(bearer(committed.key))).status === 200,
          'the service answers again',
          { withinMs: 5000 },
        );
        await t.http.get('/api/v1/health').expect(200);
        await t.http
          .post('/api/v1/keys')
          .set(bearer(t.rootKey))
          .send({ name: 'after' })
          .expect(201);
      } finally {
        await t.close();
        await proxy.cut();
      }
    });

    it('answers a key verified within KEY_CACHE_TTL_S from the cache while the database is gone', async () => {
      const { proxy, t } = await startBehindProxy({ KEY_CACHE_TTL_S: '3600' });
      try {
        await t.http.get('/api/v1/me').set(bearer(t.rootKey)).expect(200);
        const unused = await createKey(t);
        await proxy.cut();
        await t.http.get('/api/v1/me').set(bearer(t.rootKey)).expect(200);
        expectError(
          await t.http.get('/api/v1/me').set(bearer(unused.key)),
          503,
          'service_unavailable',
        );
        expectError(
          await t.http.post('/api/v1/keys').set(bearer(t.rootKey)).send({ name: 'during-outage' }),
          503,
          'service_unavailable',
        );
        await proxy.start();
        await until(
          async () => (await t.http.get('/api/v1/me').set(bearer(unused.key))).status === 200,
          'the service reads the database again',
          { withinMs: 5000 },
        );
      } finally {
        await t.close();
        await proxy.cut();
      }
    });
  });
});
