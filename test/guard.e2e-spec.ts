import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import {
  type Change,
  type ChangeStream,
  KEY_VERIFIER,
  LatchkeyGuardModule,
  type RemoteGuardOptions,
  type RemoteVerification,
} from '@latchkey/guard';
import { createInventoryApp } from '../examples/inventory-service/src/app';
import { AppModule } from '../examples/inventory-service/src/app.module';
import { ItemsController } from '../examples/inventory-service/src/items.controller';
import { PassportAppModule } from '../examples/inventory-service/src/passport-app.module';
import { InProcessGuardModule } from '../src/guard';
import { ApiKey } from '../src/keys/api-key.entity';
import { createKey, type CreatedKey, KeyInput } from './factories/key.factory';
import { createUser, updateUser } from './factories/user.factory';
import { dataSourceOf } from './support/database';
import { until } from './support/poll';
import { isolatedRedisUrl, requireRedis } from './support/redis';
import { TcpProxy } from './support/tcp-proxy';
import { expectError } from './support/error-envelope';
import { bearer, isMariaDb, startTestApp, TestApp, withEnvironment } from './support/test-app';

const UNKNOWN_TOKEN = `lk_${'0'.repeat(64)}`;
/** Small enough to spend in a test; the other keys are premium (1,000). */
const STANDARD_LIMIT = 5;
const CACHE_TTL_MS = 1500;

interface Service {
  app: NestFastifyApplication;
  http: TestAgent;
}

/** The example service, booted in this process on a loopback port, as `npm run example:inventory` does. */
async function startInventory(root: DynamicModule, trustProxy = 0): Promise<Service> {
  const app = await createInventoryApp(root, { logger: false, trustProxy });
  await app.listen(0, '127.0.0.1');
  return { app, http: request(await app.getUrl()) };
}

/** Resolves once the stream has announced (and the guard evicted) a change of `id`. */
function heard(changes: ChangeStream, id: string): Promise<void> {
  return new Promise((resolve) => {
    const listener = (change: Change) => {
      if (change.type === 'reset' || change.id !== id) return;
      changes.off('change', listener);
      resolve();
    };
    changes.on('change', listener);
  });
}

/**
 * Every change that revokes a key (SPEC section 9): made on Latchkey while
 * the guard holds a 60 s verdict, announced as a change of the key or of its
 * owner, and the key's answer afterwards.
 */
const REVOCATIONS: {
  how: string;
  revoke: (t: TestApp, key: CreatedKey) => Promise<unknown>;
  event: 'key' | 'user';
  refused: 401 | 403;
}[] = [
  {
    how: 'disabled',
    revoke: (t, key) =>
      t.http
        .patch(`/api/v1/keys/${key.id}`)
        .set(bearer(t.rootKey))
        .send({ status: 'inactive' })
        .expect(200),
    event: 'key',
    refused: 401,
  },
  {
    how: 'deleted',
    revoke: (t, key) => t.http.delete(`/api/v1/keys/${key.id}`).set(bearer(t.rootKey)).expect(200),
    event: 'key',
    refused: 401,
  },
  {
    how: 'regenerated',
    revoke: (t, key) =>
      t.http.post(`/api/v1/keys/${key.id}/regenerate`).set(bearer(t.rootKey)).send({}).expect(200),
    event: 'key',
    refused: 401,
  },
  {
    how: 'cleaned up once expired',
    async revoke(t, key) {
      // Expired behind Latchkey's back (no event): only the clean-up announces it.
      await dataSourceOf(t)
        .getRepository(ApiKey)
        .update(key.id, { expiresAt: new Date(Date.now() - 1000) });
      const cleaned = await t.http
        .post(`/api/v1/keys/cleanup?owner_id=${key.owner_id}`)
        .set(bearer(t.rootKey))
        .send({ expired: true })
        .expect(200);
      expect(cleaned.body.data).toEqual({ deleted: 1 });
    },
    event: 'key',
    refused: 401,
  },
  {
    how: 'reported leaked',
    revoke: (t, key) =>
      t.http
        .post('/api/v1/keys/report-leak')
        .send({ tokens: [key.key] })
        .expect(202),
    event: 'key',
    refused: 401,
  },
  {
    how: 'of an owner who is disabled',
    revoke: (t, key) => updateUser(t, key.owner_id, { status: 'disabled' }),
    event: 'user',
    refused: 401,
  },
  {
    how: "of an owner whose role no longer grants the route's scope",
    revoke: (t, key) => updateUser(t, key.owner_id, { role: 'service' }),
    event: 'user',
    refused: 403,
  },
];

/**
 * A fresh owner's key (the change may disable or demote the owner) passes
 * `service`, which follows `changes`; `row`'s change made on `changedOn`
 * is announced, and the key is refused at once.
 */
async function expectRevocationHeard(
  service: Service,
  changes: ChangeStream,
  { revoke, event, refused }: (typeof REVOCATIONS)[number],
  createdOn: TestApp,
  changedOn: TestApp,
): Promise<void> {
  const owner = await createUser(createdOn, { role: 'client' });
  const key = await createKey(createdOn, {
    owner_id: owner.id,
    scopes: ['read:assets'],
    tier: 'premium',
  });
  expect((await service.http.get('/items').set(bearer(key.key))).status).toBe(200);
  const announced = heard(changes, event === 'user' ? owner.id : key.id);
  await revoke(changedOn, key);
  await announced;
  const answer = await service.http.get('/items').set(bearer(key.key));
  expectError(answer, refused, refused === 401 ? 'unauthorized' : 'insufficient_scope');
}

/** The two ways a service puts its routes behind Latchkey: the global guard, or Passport. */
const WAYS = {
  LatchkeyGuardModule: (latchkey: RemoteGuardOptions) =>
    AppModule.register(LatchkeyGuardModule.forRoot(latchkey)),
  'LatchkeyStrategy (Passport)': (latchkey: RemoteGuardOptions) =>
    PassportAppModule.register(latchkey),
};

describe('examples/inventory-service behind @latchkey/guard', () => {
  let t: TestApp;
  let latchkeyUrl: string;
  let latchkeyPort: number;
  let serviceKey: string;
  let client: { id: string };
  const started: Service[] = [];
  const inventory = async (root: DynamicModule, trustProxy = 0) => {
    const service = await startInventory(root, trustProxy);
    started.push(service);
    return service;
  };
  const clientKey = (overrides: Partial<KeyInput> = {}) =>
    createKey(t, { owner_id: client.id, tier: 'premium', ...overrides });

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_STANDARD: String(STANDARD_LIMIT) } });
    latchkeyUrl = await t.app.getUrl();
    latchkeyPort = Number(new URL(latchkeyUrl).port);
    const service = await createUser(t, { role: 'service' });
    serviceKey = (
      await createKey(t, { owner_id: service.id, scopes: ['api_keys.verify'], tier: 'enterprise' })
    ).key;
    client = await createUser(t, { role: 'client' });
  });
  afterAll(async () => {
    for (const service of started) await service.app.close();
    await t.close();
  });

  describe.each(Object.keys(WAYS) as (keyof typeof WAYS)[])(
    'remote mode, through the %s',
    (way) => {
      let cached: Service;
      let uncached: Service;
      /** Default options: a 60 s cache that the change stream keeps honest. */
      let streaming: Service | undefined;
      const remote = (overrides: Partial<RemoteGuardOptions> = {}, trustProxy = 0) =>
        inventory(WAYS[way]({ url: latchkeyUrl, serviceKey, ...overrides }), trustProxy);
      beforeAll(async () => {
        cached = await remote({ cacheTtlMs: CACHE_TTL_MS });
        uncached = await remote({ cacheTtlMs: 0 });
      });

      it('200 for a key with the route scope, with its budget in X-RateLimit-* headers', async () => {
        const reader = await clientKey({ scopes: ['read:assets'] });
        for (const header of [bearer(reader.key), { 'X-Api-Key': reader.key }]) {
          const response = await uncached.http.get('/items').set(header);
          expect(response.status).toBe(200);
          expect(response.body.data).toEqual(
            expect.arrayContaining([expect.objectContaining({ id: 1 })]),
          );
          expect(response.headers['x-ratelimit-limit']).toBe('1000');
          expect(Number(response.headers['x-ratelimit-remaining'])).toBeLessThan(1000);
          expect(Number(response.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
        }
      });

      it('403 insufficient_scope without the route scope; 201 with it, the owner known to the handler', async () => {
        const reader = await clientKey({ scopes: ['read:assets'] });
        const refused = await uncached.http
          .post('/items')
          .set(bearer(reader.key))
          .send({ name: 'desk' });
        expectError(refused, 403, 'insufficient_scope');
        expect(refused.body.error.message).toContain('write:assets');

        const writer = await clientKey({ scopes: ['write:assets'] });
        const created = await uncached.http
          .post('/items')
          .set(bearer(writer.key))
          .send({ name: 'desk' });
        expect(created.status).toBe(201);
        expect(created.body.data).toMatchObject({ name: 'desk', created_by: client.id });
        expectError(
          await uncached.http.get('/items').set(bearer(writer.key)),
          403,
          'insufficient_scope',
        );
      });

      it('401 with WWW-Authenticate for a missing, unknown or disabled key', async () => {
        const disabled = await clientKey({ scopes: ['read:assets'] });
        await t.http
          .patch(`/api/v1/keys/${disabled.id}`)
          .set(bearer(t.rootKey))
          .send({ status: 'inactive' });
        for (const headers of [{}, bearer(UNKNOWN_TOKEN), bearer('hello'), bearer(disabled.key)]) {
          const response = await uncached.http.get('/items').set(headers);
          expectError(response, 401, 'unauthorized');
          expect(response.headers['www-authenticate']).toBe('Bearer');
        }
      });

      it('401 for two different keys, whichever header carries which; one key sent twice is that key', async () => {
        const [first, second] = [
          await clientKey({ scopes: ['read:assets'] }),
          await clientKey({ scopes: ['read:assets'] }),
        ];
        for (const headers of [
          { Authorization: [`Bearer ${first.key}`, `Bearer ${second.key}`] },
          { ...bearer(first.key), 'X-Api-Key': second.key },
        ]) {
          expectError(await uncached.http.get('/items').set(headers), 401, 'unauthorized');
        }
        const twice = { ...bearer(first.key), 'X-Api-Key': first.key };
        expect((await uncached.http.get('/items').set(twice)).status).toBe(200);
      });

      it("403 ip_not_allowed from outside the key's allowlist: the client address goes with the verification", async () => {
        const fenced = await clientKey({ scopes: ['read:assets'], allowed_ips: ['10.0.0.0/8'] });
        expectError(
          await uncached.http.get('/items').set(bearer(fenced.key)),
          403,
          'ip_not_allowed',
        );
        const local = await clientKey({ scopes: ['read:assets'], allowed_ips: ['127.0.0.1'] });
        expect((await uncached.http.get('/items').set(bearer(local.key))).status).toBe(200);
      });

      it("sends X-Forwarded-For's address only when the service trusts its proxy", async () => {
        const fenced = await clientKey({
          scopes: ['read:assets'],
          allowed_ips: ['203.0.113.0/24'],
        });
        const forwarded = { ...bearer(fenced.key), 'X-Forwarded-For': '203.0.113.9' };
        const behindProxy = await remote({ cacheTtlMs: 0 }, 1);
        expect((await behindProxy.http.get('/items').set(forwarded)).status).toBe(200);
        expectError(await uncached.http.get('/items').set(forwarded), 403, 'ip_not_allowed');

        // A forwarded value that is no address: keys with an allowlist fail closed, others work.
        const open = await clientKey({ scopes: ['read:assets'] });
        const garbage = { 'X-Forwarded-For': 'not-an-address' };
        const fencedAnswer = await behindProxy.http
          .get('/items')
          .set({ ...bearer(fenced.key), ...garbage });
        expectError(fencedAnswer, 403, 'ip_not_allowed');
        const openAnswer = await behindProxy.http
          .get('/items')
          .set({ ...bearer(open.key), ...garbage });
        expect(openAnswer.status).toBe(200);
      });

      it('429 rate_limited with Retry-After once the key has spent its tier budget', async () => {
        const key = await clientKey({ scopes: ['read:assets'], tier: 'standard' });
        for (let i = 0; i < STANDARD_LIMIT; i++) {
          expect((await uncached.http.get('/items').set(bearer(key.key))).status).toBe(200);
        }
        const refused = await uncached.http.get('/items').set(bearer(key.key));
        expectError(refused, 429, 'rate_limited');
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        expect(refused.headers['x-ratelimit-remaining']).toBe('0');
        // One budget: Latchkey's own routes refuse the key too.
        expectError(await t.http.get('/api/v1/me').set(bearer(key.key)), 429, 'rate_limited');
      });

      it('a revoked key is refused at once without a cache, and once the cache time has passed with one', async () => {
        const key = await clientKey({ scopes: ['read:assets'] });
        const first = await cached.http.get('/items').set(bearer(key.key));
        expect(first.status).toBe(200);
        const revoked = await t.http.delete(`/api/v1/keys/${key.id}`).set(bearer(t.rootKey));
        expect(revoked.status).toBe(200);

        expectError(await uncached.http.get('/items').set(bearer(key.key)), 401, 'unauthorized');
        await sleep(CACHE_TTL_MS + 100);
        expectError(await cached.http.get('/items').set(bearer(key.key)), 401, 'unauthorized');
      });

      it('never reads a key from the query string or the body', async () => {
        const writer = await clientKey({ scopes: ['read:assets', 'write:assets'] });
        const inQuery = await uncached.http.get(`/items?access_token=${writer.key}`);
        expectError(inQuery, 401, 'unauthorized');
        const inBody = await uncached.http
          .post('/items')
          .send({ name: 'x', access_token: writer.key });
        expectError(inBody, 401, 'unauthorized');
        expect(inBody.headers['www-authenticate']).toBe('Bearer');
      });

      it.each(REVOCATIONS)(
        'with the change stream up, verdicts live 60 s, yet a key $how is refused ($refused) at once',
        async (row) => {
          const service = (streaming ??= await remote());
          const changes = service.app.get<RemoteVerification>(KEY_VERIFIER, {
            strict: false,
          }).changes!;
          if (!changes.up) await once(changes, 'up');
          await expectRevocationHeard(service, changes, row, t, t);
        },
      );

      it('the stream cut and back: 503 while Latchkey is unreachable, 200 within 2 s of its return, and a key disabled meanwhile refused', async () => {
        const proxy = await TcpProxy.create({ host: '127.0.0.1', port: latchkeyPort });
        await proxy.start();
        try {
          const service = await remote({ url: `http://127.0.0.1:${proxy.port}` });
          const changes = service.app.get<RemoteVerification>(KEY_VERIFIER, {
            strict: false,
          }).changes!;
          if (!changes.up) await once(changes, 'up');
          // Its own owner: the shared client's keys would reach MAX_KEYS_PER_USER.
          const owner = await createUser(t, { role: 'client' });
          const [kept, disabled] = [
            await clientKey({ scopes: ['read:assets'], owner_id: owner.id }),
            await clientKey({ scopes: ['read:assets'], owner_id: owner.id }),
          ];
          for (const key of [kept, disabled]) {
            expect((await service.http.get('/items').set(bearer(key.key))).status).toBe(200);
          }

          const down = once(changes, 'down');
          await proxy.cut();
          await down;
          // The 60 s verdicts went with the stream: nothing passes unverified, nothing is a 401.
          for (const key of [kept, disabled]) {
            const answer = await service.http.get('/items').set(bearer(key.key));
            expectError(answer, 503, 'service_unavailable');
            expect(answer.headers['retry-after']).toBeDefined();
          }
          await t.http
            .patch(`/api/v1/keys/${disabled.id}`)
            .set(bearer(t.rootKey))
            .send({ status: 'inactive' })
            .expect(200);

          const up = once(changes, 'up');
          await proxy.start();
          await until(
            async () => (await service.http.get('/items').set(bearer(kept.key))).status === 200,
            'the guard answers 200 again',
            { withinMs: 2000 },
          );
          await up;
          expectError(
            await service.http.get('/items').set(bearer(disabled.key)),
            401,
            'unauthorized',
          );
          expect((await service.http.get('/items').set(bearer(kept.key))).status).toBe(200);
        } finally {
          await proxy.cut();
        }
      });

      it('public routes need no key', async () => {
        const response = await uncached.http.get('/health');
        expect(response.status).toBe(200);
        expect(response.body).toEqual({ status: 'ok' });
      });

      it("503 service_unavailable, never a pass, when Latchkey is unreachable or refuses the service's key", async () => {
        const reader = await clientKey({ scopes: ['read:assets'] });
        const closedPort = await remote({ url: 'http://127.0.0.1:9', cacheTtlMs: 0 });
        const wrongServiceKey = await remote({ serviceKey: UNKNOWN_TOKEN, cacheTtlMs: 0 });
        const notAVerifier = await remote({ serviceKey: reader.key, cacheTtlMs: 0 });
        for (const service of [closedPort, wrongServiceKey, notAVerifier]) {
          const response = await service.http.get('/items').set(bearer(reader.key));
          expectError(response, 503, 'service_unavailable');
          expect(response.headers['retry-after']).toBeDefined();
        }
      });

      it("answers the service's own errors in Latchkey's envelope", async () => {
        const writer = await clientKey({ scopes: ['write:assets'] });
        const response = await uncached.http.post('/items').set(bearer(writer.key)).send({});
        expectError(response, 400, 'validation_failed');
        expectError(
          await uncached.http.get('/nothing-here').set(bearer(writer.key)),
          404,
          'not_found',
        );
      });
    },
  );

  it('forRootAsync: remote options from another provider (e.g. ConfigService)', async () => {
    const SETTINGS = Symbol('settings');
    @Module({
      providers: [{ provide: SETTINGS, useValue: { url: latchkeyUrl, serviceKey } }],
      exports: [SETTINGS],
    })
    class SettingsModule {}
    @Module({
      imports: [
        LatchkeyGuardModule.forRootAsync({
          imports: [SettingsModule],
          inject: [SETTINGS],
          useFactory: (settings: { url: string; serviceKey: string }) => settings,
        }),
      ],
      controllers: [ItemsController],
    })
    class AsyncInventoryModule {}
    const app = await NestFactory.create<NestFastifyApplication>(
      AsyncInventoryModule,
      new FastifyAdapter(),
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
    started.push({ app, http: request(await app.getUrl()) });
    const http = request(await app.getUrl());

    const reader = await clientKey({ scopes: ['read:assets'] });
    expect((await http.get('/items').set(bearer(reader.key))).status).toBe(200);
    expectError(
      await http.post('/items').set(bearer(reader.key)).send({ name: 'x' }),
      403,
      'insufficient_scope',
    );
    expectError(await http.get('/items'), 401, 'unauthorized');
  });

  describe('in-process mode (sharing Latchkey database)', () => {
    let shared: Service;
    beforeAll(async () => {
      shared = await withEnvironment(
        {
          LOG_LEVEL: 'silent',
          DATA_DIR: t.dataDir,
          DATABASE_URL: isMariaDb() ? process.env.TEST_DATABASE_URL : undefined,
        },
        () => inventory(AppModule.register(InProcessGuardModule.forRoot({ cacheTtlMs: 0 }))),
      );
    });

    it("decides with Latchkey's own code: 200, 403 insufficient_scope, 401 once revoked", async () => {
      const reader = await clientKey({ scopes: ['read:assets'] });
      const ok = await shared.http.get('/items').set(bearer(reader.key));
      expect(ok.status).toBe(200);
      expect(ok.headers['x-ratelimit-limit']).toBe('1000');
      expectError(
        await shared.http.post('/items').set(bearer(reader.key)).send({ name: 'x' }),
        403,
        'insufficient_scope',
      );
      await t.http.delete(`/api/v1/keys/${reader.id}`).set(bearer(t.rootKey));
      const refused = await shared.http.get('/items').set(bearer(reader.key));
      expectError(refused, 401, 'unauthorized');
      expect(refused.headers['www-authenticate']).toBe('Bearer');
    });

    it("503 service_unavailable, never a pass, while Latchkey's database cannot be reached", async () => {
      const reader = await clientKey({ scopes: ['read:assets'] });
      const unreachable = await withEnvironment(
        {
          LOG_LEVEL: 'silent',
          DATA_DIR: t.dataDir,
          DATABASE_URL: 'mysql://root@127.0.0.1:9/latchkey',
        },
        () => inventory(AppModule.register(InProcessGuardModule.forRoot({ cacheTtlMs: 0 }))),
      );
      const response = await unreachable.http.get('/items').set(bearer(reader.key));
      expectError(response, 503, 'service_unavailable');
      expect(response.headers['retry-after']).toBeDefined();
    });
  });
});

describe('@latchkey/guard following one of two Latchkey instances that share the database and REDIS_URL', () => {
  let a: TestApp;
  let b: TestApp;
  let service: Service;
  let changes: ChangeStream;
  beforeAll(async () => {
    await requireRedis();
    const env = { REDIS_URL: isolatedRedisUrl() };
    a = await startTestApp({ env });
    b = await startTestApp({ env, dataDir: a.dataDir, keepDatabase: true });
    const owner = await createUser(a, { role: 'service' });
    const serviceKey = (
      await createKey(a, { owner_id: owner.id, scopes: ['api_keys.verify'], tier: 'enterprise' })
    ).key;
    service = await startInventory(
      AppModule.register(LatchkeyGuardModule.forRoot({ url: await a.app.getUrl(), serviceKey })),
    );
    changes = service.app.get<RemoteVerification>(KEY_VERIFIER, { strict: false }).changes!;
    if (!changes.up) await once(changes, 'up');
  });
  afterAll(async () => {
    await service?.app.close();
    await b?.close();
    await a?.close();
  });

  it.each(REVOCATIONS)('a key $how on the other instance is refused ($refused) at once', (row) =>
    expectRevocationHeard(service, changes, row, a, b),
  );
});
