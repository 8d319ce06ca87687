import Redis from 'ioredis';
import { SEQUENCE_KEY } from '../src/changes/changes.service';
import { ApiKey } from '../src/keys/api-key.entity';
import { KeyStatus } from '../src/domain/key-tier';
import { MetricsServer } from '../src/metrics/metrics.server';
import { createKey, type CreatedKey } from './factories/key.factory';
import { createUser, updateUser } from './factories/user.factory';
import { dataSourceOf } from './support/database';
import { until } from './support/poll';
import { isolatedRedisUrl, redisServerUrl, requireRedis } from './support/redis';
import { TcpProxy } from './support/tcp-proxy';
import { bearer, isMariaDb, startTestApp, TestApp } from './support/test-app';

/*
 * The cache of verified keys (issue 6) must never outlive a change: a key
 * used on one instance, then changed through another, is refused by the
 * first as soon as it hears of the change (a Redis message), and at once
 * where no cache is kept.
 */

/** Long enough that only an invalidation, never the TTL, can explain a refusal. */
const LONG_TTL = { KEY_CACHE_TTL_S: '3600' };

const me = (t: TestApp, token: string) => t.http.get('/api/v1/me').set(bearer(token));
const refusedBy = (t: TestApp, token: string) => async () => (await me(t, token)).status === 401;

/**
 * Disables a key in the database without telling any instance, as an
 * operator's SQL would: an instance still accepting it answered from its cache.
 */
async function disableBehindTheService(t: TestApp, key: CreatedKey): Promise<void> {
  await dataSourceOf(t).getRepository(ApiKey).update(key.id, { status: KeyStatus.Inactive });
}

interface Change {
  name: string;
  /** Makes `key` unusable through `writer`; returns the token that must now fail. */
  apply(writer: TestApp, key: CreatedKey): Promise<string>;
}

const changes: Change[] = [
  {
    name: 'disabled',
    async apply(writer, key) {
      await writer.http
        .patch(`/api/v1/keys/${key.id}`)
        .set(bearer(writer.rootKey))
        .send({ status: 'inactive' })
        .expect(200);
      return key.key;
    },
  },
  {
    name: 'deleted',
    async apply(writer, key) {
      await writer.http.delete(`/api/v1/keys/${key.id}`).set(bearer(writer.rootKey)).expect(200);
      return key.key;
    },
  },
  {
    name: 'regenerated',
    async apply(writer, key) {
      await writer.http
        .post(`/api/v1/keys/${key.id}/regenerate`)
        .set(bearer(writer.rootKey))
        .send({})
        .expect(200);
      return key.key;
    },
  },
  {
    name: 'cleaned up',
    async apply(writer, key) {
      // Expired in the database (as time would do it), then deleted by the clean-up route.
      await dataSourceOf(writer)
        .getRepository(ApiKey)
        .update(key.id, { expiresAt: new Date(Date.now() - 1000) });
      const { body } = await writer.http
        .post(`/api/v1/keys/cleanup?owner_id=${key.owner_id}`)
        .set(bearer(writer.rootKey))
        .send({ expired: true })
        .expect(200);
      expect(body.data.deleted).toBe(1);
      return key.key;
    },
  },
  {
    name: 'reported as leaked',
    async apply(writer, key) {
      await writer.http
        .post('/api/v1/keys/report-leak')
        .send({ tokens: [key.key] })
        .expect(202);
      return key.key;
    },
  },
  {
    name: "owner's account disabled",
    async apply(writer, key) {
      await updateUser(writer, key.owner_id, { status: 'disabled' });
      return key.key;
    },
  },
];

/** The reader's cache lookups so far, from its /metrics. */
async function cacheLookups(t: TestApp): Promise<{ hit: number; miss: number }> {
  const text = await (await fetch(t.app.get(MetricsServer).url!)).text();
  const count = (result: string) =>
    Number(
      new RegExp(`latchkey_key_cache_lookups_total{result="${result}"} (\\d+)`).exec(text)![1],
    );
  return { hit: count('hit'), miss: count('miss') };
}

/** Uses `key` on `t` once more; true when the cache answered (a hit, no miss). */
async function answeredFromCache(t: TestApp, key: CreatedKey): Promise<boolean> {
  const before = await cacheLookups(t);
  await me(t, key.key).expect(200);
  const after = await cacheLookups(t);
  return after.hit === before.hit + 1 && after.miss === before.miss;
}

/** A fresh user's key, used once on `reader` so that its state is cached there. */
async function cachedKeyOn(writer: TestApp, reader: TestApp): Promise<CreatedKey> {
  const owner = await createUser(writer, { role: 'manager' });
  const key = await createKey(writer, { owner_id: owner.id, scopes: ['api_keys.read'] });
  await me(reader, key.key).expect(200);
  await me(reader, key.key).expect(200);
  return key;
}

/** Two instances on one database (and one key file), as behind a load balancer. */
async function startPair(env: Record<string, string | undefined>): Promise<[TestApp, TestApp]> {
  const writer = await startTestApp({ env });
  const reader = await startTestApp({ env, dataDir: writer.dataDir, keepDatabase: true });
  return [writer, reader];
}

describe('verified-key cache', () => {
  describe('two instances sharing REDIS_URL', () => {
    const redisUrl = isolatedRedisUrl();
    let writer: TestApp;
    let reader: TestApp;
    beforeAll(async () => {
      await requireRedis();
      [writer, reader] = await startPair({ ...LONG_TTL, REDIS_URL: redisUrl, METRICS_PORT: '0' });
    });
    afterAll(async () => {
      await reader?.close();
      await writer?.close();
    });

    it('answers a key in use from the cache', async () => {
      const key = await cachedKeyOn(writer, reader);
      await disableBehindTheService(writer, key);
      await me(reader, key.key).expect(200);
    });

    // Issue 16: a change evicts what it changed, not the whole cache.
    it.each(changes)(
      'a key $name keeps the other keys cached on both instances',
      async (change) => {
        const bystander = await cachedKeyOn(writer, reader);
        await me(writer, bystander.key).expect(200);
        await me(writer, bystander.key).expect(200);
        const key = await cachedKeyOn(writer, reader);
        const token = await change.apply(writer, key);
        await until(refusedBy(reader, token), 'the other instance refuses the key');
        expect(await answeredFromCache(reader, bystander)).toBe(true);
        expect(await answeredFromCache(writer, bystander)).toBe(true);
      },
    );

    // What lets KEY_CACHE_TTL_S be long: a lost message is noticed by the next one's number.
    it('starts afresh when a change message was lost, as the next one comes out of turn', async () => {
      const key = await cachedKeyOn(writer, reader);
      await disableBehindTheService(writer, key);
      const redis = new Redis(redisUrl); // its keyPrefix is the instances'
      try {
        await redis.incr(SEQUENCE_KEY); // a number taken, its message never sent
      } finally {
        redis.disconnect();
      }
      await me(reader, key.key).expect(200);
      const other = await createKey(writer, { scopes: ['api_keys.read'] });
      await writer.http
        .patch(`/api/v1/keys/${other.id}`)
        .set(bearer(writer.rootKey))
        .send({ name: 'renamed' })
        .expect(200);
      await until(refusedBy(reader, key.key), 'the other instance reads the key again');
    });

    it("remembers a deleted key's retried token on the other instance: 401, no read", async () => {
      const key = await cachedKeyOn(writer, reader);
      await writer.http.delete(`/api/v1/keys/${key.id}`).set(bearer(writer.rootKey)).expect(200);
      await until(refusedBy(reader, key.key), 'the other instance refuses the key');
      await me(reader, key.key).expect(401); // its second read since the key went
      const before = await cacheLookups(reader);
      await me(reader, key.key).expect(401);
      await me(reader, key.key).expect(401);
      expect(await cacheLookups(reader)).toEqual({ hit: before.hit + 2, miss: before.miss });
    });

    it.each(changes)('a key $name on one instance fails on the other', async (change) => {
      const key = await cachedKeyOn(writer, reader);
      const token = await change.apply(writer, key);
      await until(refusedBy(reader, token), `the other instance refuses the key`);
      expect((await me(writer, token)).status).toBe(401);
    });

    it("a role change on one instance narrows the key's grants on the other, and only its", async () => {
      const bystander = await cachedKeyOn(writer, reader);
      const key = await cachedKeyOn(writer, reader);
      await updateUser(writer, key.owner_id, { role: 'client' });
      await until(async () => {
        const { body } = await me(reader, key.key).expect(200);
        return !(body.data.grants as string[]).includes('api_keys.read');
      }, 'the other instance drops api_keys.read');
      expect(await answeredFromCache(reader, bystander)).toBe(true);
    });
  });

  describe('while Redis is unreachable', () => {
    let proxy: TcpProxy;
    let writer: TestApp;
    let reader: TestApp;
    beforeAll(async () => {
      await requireRedis();
      const server = redisServerUrl();
      proxy = await TcpProxy.create({ host: server.hostname, port: Number(server.port || 6379) });
      await proxy.start();
      [writer, reader] = await startPair({ ...LONG_TTL, REDIS_URL: isolatedRedisUrl(proxy.port) });
    });
    afterAll(async () => {
      await reader?.close();
      await writer?.close();
      await proxy?.cut();
    });

    it('no instance trusts its cache, and caching resumes once Redis is back', async () => {
      const key = await cachedKeyOn(writer, reader);
      await proxy.cut();
      // Changes can no longer be announced: the database decides, even for a cached key.
      await disableBehindTheService(writer, key);
      await until(refusedBy(reader, key.key), 'the other instance reads the database');

      await proxy.start();
      await until(async () => {
        const next = await cachedKeyOn(writer, reader);
        await disableBehindTheService(writer, next);
        return (await me(reader, next.key)).status === 200;
      }, 'the other instance caches again');
    });
  });

  // One SQLite file serves one instance; several share a MySQL/MariaDB database.
  (isMariaDb() ? describe : describe.skip)('two instances on MariaDB without Redis', () => {
    let writer: TestApp;
    let reader: TestApp;
    beforeAll(async () => {
      // The default: no KEY_CACHE_TTL_S, so no cache, since no instance can tell the others.
      [writer, reader] = await startPair({ KEY_CACHE_TTL_S: undefined });
    });
    afterAll(async () => {
      await reader?.close();
      await writer?.close();
    });

    it('keeps no cache', async () => {
      const key = await cachedKeyOn(writer, reader);
      await disableBehindTheService(writer, key);
      expect((await me(reader, key.key)).status).toBe(401);
    });

    it.each(changes)('a key $name on one instance fails on the other at once', async (change) => {
      const key = await cachedKeyOn(writer, reader);
      const token = await change.apply(writer, key);
      expect((await me(reader, token)).status).toBe(401);
    });
  });
});
