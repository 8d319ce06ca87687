import { ApiError } from '../common/api-error';
import { CachedKeyVerifier } from './cached-key-verifier';
import type { KeyVerifier, Verdict, VerifyRequest } from './key-verifier';

const TOKEN = `lk_${'a'.repeat(64)}`;
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
  const cached = (ttlMs = 1000, max = 100) => new CachedKeyVerifier(inner, ttlMs, max, clock);

  beforeEach(() => {
    now = 1_000_000;
    calls = [];
    answer = () => Promise.resolve({ valid: true, code: 'VALID' });
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
});
