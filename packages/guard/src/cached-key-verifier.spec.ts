import { ApiError } from './api-error';
import { CachedKeyVerifier } from './cached-key-verifier';
import type { KeyVerifier, Verdict, VerifyRequest } from './key-verifier';

const TOKEN = `lk_${'a'.repeat(64)}`;
const KEY_ID = '5d0c7c3e-1111-4a4a-8a8a-000000000001';
const OWNER_ID = '5d0c7c3e-1111-4a4a-8a8a-000000000002';
const request = (overrides: Partial<VerifyRequest> = {}): VerifyRequest => ({
  key: TOKEN,
  scopes: ['read:assets'],
  ip: '203.0.113.7',
  ...overrides,
});

describe('CachedKeyVerifier', () => {
  let now: number;
  let calls: VerifyRequest[];
  let answer: () => Promise<Verdict>;
  const inner: KeyVerifier = {
    verify: (req) => {
      calls.push(req);
      return answer();
    },
  };
  const clock = { now: () => now };
  const cached = (ttlMs = 1000, max = 100, unnamedTtlMs = ttlMs) =>
    new CachedKeyVerifier(inner, { ttlMs: () => ttlMs, unnamedTtlMs, maxEntries: max, clock });
  const valid = (keyId = KEY_ID, ownerId = OWNER_ID): Verdict => ({
    valid: true,
    code: 'VALID',
    key_id: keyId,
    owner_id: ownerId,
  });

  beforeEach(() => {
    now = 1_000_000;
    calls = [];
    answer = () => Promise.resolve(valid());
  });

  it('reuses a verdict within its time to live, and asks again after it', async () => {
    const verifier = cached(1000);
    await verifier.verify(request());
    now += 999;
    await verifier.verify(request());
    expect(calls).toHaveLength(1);
    now += 2;
    await verifier.verify(request());
    expect(calls).toHaveLength(2);
  });

  it('hands a stored verdict over at once, and nothing once it expired or was evicted', async () => {
    const verifier = cached(1000);
    expect(verifier.cached(request())).toBeUndefined();
    await verifier.verify(request());
    expect(verifier.cached(request())).toEqual(valid());
    expect(verifier.cached(request({ scopes: ['write:assets'] }))).toBeUndefined();
    now += 1001;
    expect(verifier.cached(request())).toBeUndefined();
    await verifier.verify(request());
    verifier.evictKey(KEY_ID);
    expect(verifier.cached(request())).toBeUndefined();
    expect(calls).toHaveLength(2);
  });

  it('keeps keys, required grants and client addresses apart; grant order does not matter', async () => {
    const verifier = cached();
    await verifier.verify(request({ scopes: ['read:assets', 'write:assets'] }));
    await verifier.verify(request({ scopes: ['write:assets', 'read:assets'] }));
    expect(calls).toHaveLength(1);
    await verifier.verify(request({ scopes: ['read:assets'] }));
    await verifier.verify(request({ ip: '203.0.113.8' }));
    await verifier.verify(request({ key: `lk_${'b'.repeat(64)}` }));
    expect(calls).toHaveLength(4);
  });

  it('shares one verification between concurrent requests for the same entry', async () => {
    const verifier = cached();
    await Promise.all([verifier.verify(request()), verifier.verify(request())]);
    expect(calls).toHaveLength(1);
  });

  it('never caches a failure: the next request asks again', async () => {
    const verifier = cached();
    answer = () => Promise.reject(ApiError.serviceUnavailable());
    await expect(verifier.verify(request())).rejects.toMatchObject({ code: 'service_unavailable' });
    answer = () => Promise.resolve({ valid: false, code: 'NOT_FOUND' });
    await expect(verifier.verify(request())).resolves.toEqual({ valid: false, code: 'NOT_FOUND' });
    expect(calls).toHaveLength(2);
  });

  it('holds at most maxEntries verdicts, dropping the least recently used', async () => {
    const verifier = cached(60_000, 2);
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) await verifier.verify(request({ ip }));
    await verifier.verify(request({ ip: '10.0.0.3' }));
    expect(calls).toHaveLength(3);
    await verifier.verify(request({ ip: '10.0.0.1' }));
    expect(calls).toHaveLength(4);
  });

  it('keeps a verdict no longer than its rate-limit window, nor one that names no key beyond unnamedTtlMs', async () => {
    const verifier = cached(60_000, 100, 1000);
    answer = () =>
      Promise.resolve({ ...valid(), ratelimit: { limit: 10, remaining: 9, reset: 5 } });
    await verifier.verify(request());
    now += 5001;
    await verifier.verify(request());
    expect(calls).toHaveLength(2);
    answer = () => Promise.resolve({ valid: false, code: 'INACTIVE' });
    await verifier.verify(request({ ip: '10.0.0.9' }));
    now += 1001;
    await verifier.verify(request({ ip: '10.0.0.9' }));
    expect(calls).toHaveLength(4);
  });

  it("counts a reused verdict's rate-limit reset down with its window", async () => {
    const verifier = cached(60_000);
    const limited: Verdict = {
      valid: false,
      code: 'RATE_LIMITED',
      key_id: KEY_ID,
      owner_id: OWNER_ID,
      ratelimit: { limit: 10, remaining: 0, reset: 30 },
    };
    answer = () => Promise.resolve(limited);
    expect((await verifier.verify(request())).ratelimit).toEqual(limited.ratelimit);
    now += 12_400;
    expect(verifier.cached(request())?.ratelimit).toEqual({ limit: 10, remaining: 0, reset: 18 });
    now += 17_000;
    expect((await verifier.verify(request())).ratelimit?.reset).toBe(1);
    expect(calls).toHaveLength(1);
    // The stored verdict itself is left as it came, for the next reader's own count.
    expect(limited.ratelimit?.reset).toBe(30);
  });

  it('stores nothing with a time to live of 0, but still shares concurrent calls', async () => {
    const verifier = cached(0);
    await Promise.all([verifier.verify(request()), verifier.verify(request())]);
    await verifier.verify(request());
    expect(calls).toHaveLength(2);
  });

  it("evicts a key's verdicts, an owner's verdicts, or all of them, and nothing else", async () => {
    const verifier = cached(60_000);
    const other = `lk_${'b'.repeat(64)}`;
    const asks = async () => {
      const before = calls.length;
      answer = () => Promise.resolve(valid());
      await verifier.verify(request());
      answer = () => Promise.resolve(valid('key-2', 'owner-2'));
      await verifier.verify(request({ key: other }));
      return calls.length - before;
    };
    expect(await asks()).toBe(2);
    verifier.evictKey('key-2');
    expect(await asks()).toBe(1);
    verifier.evictOwner(OWNER_ID);
    expect(await asks()).toBe(1);
    verifier.clear();
    expect(await asks()).toBe(2);
  });

  it('does not store the answer of a call that was in flight when an eviction came', async () => {
    const verifier = cached(60_000);
    let release!: (verdict: Verdict) => void;
    answer = () => new Promise((resolve) => (release = resolve));
    const first = verifier.verify(request());
    verifier.evictKey(KEY_ID);
    // A request after the eviction does not join the call made before it.
    answer = () => Promise.resolve(valid());
    await verifier.verify(request());
    release(valid());
    await first;
    expect(calls).toHaveLength(2);
    await verifier.verify(request());
    expect(calls).toHaveLength(2);
  });
});
