import { ApiKey } from '../src/keys/api-key.entity';
import { KeyStatus } from '../src/domain/key-tier';
import { KeyTokensService } from '../src/keys/key-tokens.service';
import { createKey, type CreatedKey } from './factories/key.factory';
import { createUser, updateUser } from './factories/user.factory';
import { dataSourceOf } from './support/database';
import { expectError } from './support/error-envelope';
import { EventStreamReader, type StreamEvent } from './support/event-stream';
import { until } from './support/poll';
import { isolatedRedisUrl, redisServerUrl, requireRedis } from './support/redis';
import { TcpProxy } from './support/tcp-proxy';
import { bearer, startTestApp, type TestApp } from './support/test-app';

/*
 * The change stream of SPEC section 9 (issue 18 item 4): a guarded service
 * hears which keys and users changed, by id only, and may resume.
 */

const EVENT_ID = /^[0-9a-z]+-\d+$/;

/** A service's key that may follow the stream. */
async function verifierKey(t: TestApp): Promise<string> {
  const service = await createUser(t, { role: 'service' });
  return (await createKey(t, { owner_id: service.id, scopes: ['api_keys.verify'] })).key;
}

const patchKey = (t: TestApp, key: CreatedKey, body: object) =>
  t.http.patch(`/api/v1/keys/${key.id}`).set(bearer(t.rootKey)).send(body).expect(200);

interface Kind {
  name: string;
  /** Makes the change through `t`; returns what the event must name, and any new token. */
  apply(t: TestApp, key: CreatedKey): Promise<{ event: object; tokens?: string[] }>;
}

const keyEvent = (key: CreatedKey) => ({ event: { type: 'key', id: key.id } });

const kinds: Kind[] = [
  {
    name: 'disabled',
    apply: (t, k) => patchKey(t, k, { status: 'inactive' }).then(() => keyEvent(k)),
  },
  {
    name: 'enabled',
    async apply(t, key) {
      await dataSourceOf(t).getRepository(ApiKey).update(key.id, { status: KeyStatus.Inactive });
      await patchKey(t, key, { status: 'active' });
      return keyEvent(key);
    },
  },
  { name: 're-scoped', apply: (t, k) => patchKey(t, k, { scopes: [] }).then(() => keyEvent(k)) },
  {
    name: 're-tiered',
    apply: (t, k) => patchKey(t, k, { tier: 'premium' }).then(() => keyEvent(k)),
  },
  {
    name: 'regenerated',
    async apply(t, key) {
      const { body } = await t.http
        .post(`/api/v1/keys/${key.id}/regenerate`)
        .set(bearer(t.rootKey))
        .send({ grace_period_s: 60 })
        .expect(200);
      return { ...keyEvent(key), tokens: [body.data.key as string] };
    },
  },
  {
    name: 'deleted',
    async apply(t, key) {
      await t.http.delete(`/api/v1/keys/${key.id}`).set(bearer(t.rootKey)).expect(200);
      return keyEvent(key);
    },
  },
  {
    name: 'cleaned up',
    async apply(t, key) {
      await dataSourceOf(t)
        .getRepository(ApiKey)
        .update(key.id, { expiresAt: new Date(Date.now() - 1000) });
      await t.http
        .post(`/api/v1/keys/cleanup?owner_id=${key.owner_id}`)
        .set(bearer(t.rootKey))
        .send({ expired: true })
        .expect(200);
      return keyEvent(key);
    },
  },
  {
    name: 'reported leaked',
    async apply(t, key) {
      await t.http
        .post('/api/v1/keys/report-leak')
        .send({ tokens: [key.key] })
        .expect(202);
      return keyEvent(key);
    },
  },
  {
    name: "owner's account disabled",
    async apply(t, key) {
      await updateUser(t, key.owner_id, { status: 'disabled' });
      return { event: { type: 'user', id: key.owner_id } };
    },
  },
  {
    name: "owner's role changed",
    async apply(t, key) {
      await updateUser(t, key.owner_id, { role: 'client' });
      return { event: { type: 'user', id: key.owner_id } };
    },
  },
];

/** A fresh manager's key, to be changed. */
async function freshKey(t: TestApp): Promise<CreatedKey> {
  const owner = await createUser(t, { role: 'manager' });
  return createKey(t, { owner_id: owner.id, scopes: ['api_keys.read'] });
}

/** Disables a fresh key through `t`: one change, whose event is then expected. */
async function disableFresh(t: TestApp): Promise<CreatedKey> {
  const key = await freshKey(t);
  await patchKey(t, key, { status: 'inactive' });
  return key;
}

const expectEventFor = (event: StreamEvent, key: CreatedKey) => {
  expect(event.data).toEqual({ type: 'key', id: key.id });
  expect(event.id).toMatch(EVENT_ID);
};

describe('GET /api/v1/keys/changes', () => {
  let t: TestApp;
  let verifier: string;
  let stream: EventStreamReader;
  beforeAll(async () => {
    t = await startTestApp();
    verifier = await verifierKey(t);
    stream = await EventStreamReader.open(t.url, verifier);
  });
  afterAll(async () => {
    stream?.close();
    await t?.close();
  });

  it('refuses a missing or unknown key (401) and a key without api_keys.verify (403)', async () => {
    expectError(await t.http.get('/api/v1/keys/changes'), 401, 'unauthorized');
    expectError(
      await t.http.get('/api/v1/keys/changes').set(bearer('lk_nope')),
      401,
      'unauthorized',
    );
    const other = await freshKey(t);
    expectError(await t.http.get('/api/v1/keys/changes').set(bearer(other.key)), 403, 'forbidden');
  });

  it('is an event stream, opened with a comment line, for a verifier and for an admin key', async () => {
    expect(stream.status).toBe(200);
    expect(stream.response.headers['content-type']).toMatch(/^text\/event-stream/);
    // One Cache-Control, the event stream's own, not the API's beside it.
    const names = stream.response.rawHeaders.filter((_, i) => i % 2 === 0);
    expect(names.filter((name) => name.toLowerCase() === 'cache-control')).toHaveLength(1);
    expect(stream.response.headers['cache-control']).toMatch(/\bno-store\b/);
    expect(stream.response.headers['x-content-type-options']).toBe('nosniff');
    expect(stream.comments).toContain('connected');
    const admin = await EventStreamReader.open(t.url, t.rootKey);
    expect(admin.status).toBe(200);
    admin.close();
  });

  it.each(kinds)('names a key $name by id only, never a token or a hash', async (kind) => {
    const key = await freshKey(t);
    const { event, tokens = [] } = await kind.apply(t, key);
    const received = await stream.next();
    expect(received.data).toEqual(event);
    expect(received.id).toMatch(EVENT_ID);
    const hashes = t.app.get(KeyTokensService);
    for (const token of [key.key, ...tokens]) {
      expect(stream.text).not.toContain(token);
      expect(stream.text).not.toContain(hashes.hash(token));
    }
  });

  it('resumes after Last-Event-ID with what was missed, in order', async () => {
    const reader = await EventStreamReader.open(t.url, verifier);
    const first = await disableFresh(t);
    await stream.next();
    const seen = await reader.next();
    expectEventFor(seen, first);
    reader.close();
    const missed = [await disableFresh(t), await disableFresh(t)];
    await stream.next();
    await stream.next();

    const resumed = await EventStreamReader.open(t.url, verifier, seen.id);
    expectEventFor(await resumed.next(), missed[0]);
    expectEventFor(await resumed.next(), missed[1]);
    resumed.close();
  });

  it('starts with a reset when Last-Event-ID is one it does not hold', async () => {
    const reader = await EventStreamReader.open(t.url, verifier, 'gone-7');
    const reset = await reader.next();
    expect(reset.data).toEqual({ type: 'reset' });
    expect(reset.id).toMatch(EVENT_ID);
    const key = await disableFresh(t);
    expectEventFor(await reader.next(), key);
    await stream.next();
    reader.close();
  });
});

describe('GET /api/v1/keys/changes, two instances sharing REDIS_URL', () => {
  let a: TestApp;
  let b: TestApp;
  let verifier: string;
  beforeAll(async () => {
    await requireRedis();
    const env = { REDIS_URL: isolatedRedisUrl() };
    a = await startTestApp({ env });
    b = await startTestApp({ env, dataDir: a.dataDir, keepDatabase: true });
    verifier = await verifierKey(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it.each(kinds)('a key $name on one instance reaches the stream of the other', async (kind) => {
    const reader = await EventStreamReader.open(b.url, verifier);
    const key = await freshKey(a);
    const { event } = await kind.apply(a, key);
    expect((await reader.next()).data).toEqual(event);
    reader.close();
  });

  it('numbers events alike on every instance, so a reader may resume on another', async () => {
    const onA = await EventStreamReader.open(a.url, verifier);
    const first = await disableFresh(b);
    const seen = await onA.next();
    expectEventFor(seen, first);
    onA.close();
    const missed = await disableFresh(a);
    const onB = await EventStreamReader.open(b.url, verifier, seen.id);
    expectEventFor(await onB.next(), missed);
    onB.close();
  });
});

describe('GET /api/v1/keys/changes while Redis is unreachable', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let verifier: string;
  beforeAll(async () => {
    await requireRedis();
    const server = redisServerUrl();
    proxy = await TcpProxy.create({ host: server.hostname, port: Number(server.port || 6379) });
    await proxy.start();
    t = await startTestApp({ env: { REDIS_URL: isolatedRedisUrl(proxy.port) } });
    verifier = await verifierKey(t);
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.cut();
  });

  it('ends the stream, answers 503 until Redis is back, then streams again', async () => {
    const reader = await EventStreamReader.open(t.url, verifier);
    await proxy.cut();
    await reader.end(); // changes made elsewhere would be missed: the reader must fall back
    expectError(
      await t.http.get('/api/v1/keys/changes').set(bearer(verifier)),
      503,
      'service_unavailable',
    );

    await proxy.start();
    let again: EventStreamReader | undefined;
    await until(async () => {
      again?.close();
      again = await EventStreamReader.open(t.url, verifier);
      return again.status === 200;
    }, 'the stream opens again');
    const key = await disableFresh(t);
    expectEventFor(await again!.next(), key);
    again!.close();
  });
});

describe('GET /api/v1/keys/changes when the app closes', () => {
  it('ends open streams, so that closing is not held up and readers reconnect elsewhere', async () => {
    const t = await startTestApp();
    const reader = await EventStreamReader.open(t.url, t.rootKey);
    expect(reader.status).toBe(200);
    await t.close();
    await reader.end();
  });
});
