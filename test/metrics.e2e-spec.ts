import { randomUUID } from 'node:crypto';
import { createKey } from './factories/key.factory';
import { expectError } from './support/error-envelope';
import { until } from './support/poll';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { MetricsServer } from '../src/metrics/metrics.server';

type Labels = Record<string, string>;
interface Sample {
  name: string;
  labels: Labels;
  value: number;
}

/** Parses Prometheus' text format into samples (enough for prom-client's output). */
function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample: ${line}`);
      const labels: Labels = {};
      for (const [, name, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
        labels[name] = value;
      }
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

/** The value of the one sample with this name and exactly these labels (0 if absent). */
function valueOf(samples: Sample[], name: string, labels: Labels = {}): number {
  const wanted = JSON.stringify(Object.entries(labels).sort());
  const found = samples.filter(
    (s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === wanted,
  );
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0]?.value ?? 0;
}

describe('GET /metrics on its own listener', () => {
  let t: TestApp;
  let metricsUrl: string;
  const scrape = async () => {
    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  beforeAll(async () => {
    t = await startTestApp({
      env: { METRICS_PORT: '0', RATE_LIMIT_STANDARD: '2', RATE_LIMIT_ANONYMOUS: '3' },
    });
    metricsUrl = t.app.get(MetricsServer).url!;
  });
  afterAll(() => t.close());

  it('listens on loopback, apart from the API, and serves nothing else', async () => {
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(metricsUrl).port).not.toBe(new URL(await t.app.getUrl()).port);
    expect((await fetch(new URL('/', metricsUrl))).status).toBe(404);
    expect((await fetch(metricsUrl, { method: 'POST' })).status).toBe(405);
    expectError(await t.http.get('/metrics'), 404, 'not_found');
    expectError(await t.http.get('/api/v1/metrics').set(bearer(t.rootKey)), 404, 'not_found');
  });

  it('exports the process metrics and every result series from the start', async () => {
    const samples = parse(await scrape());
    expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
    for (const [name, label, values] of [
      ['latchkey_key_cache_lookups_total', 'result', ['hit', 'miss']],
      ['latchkey_rate_limit_rejections_total', 'subject', ['key', 'ip']],
      ['latchkey_authentications_total', 'result', ['success', 'failure']],
      ['latchkey_key_verifications_total', 'code', ['VALID', 'NOT_FOUND', 'RATE_LIMITED']],
    ] as const) {
      for (const value of values) {
        expect(samples.some((s) => s.name === name && s.labels[label] === value)).toBe(true);
      }
    }
  });

  it('counts requests by route pattern, authentications, verifications and 429s, with no id or token in a label', async () => {
    const before = parse(await scrape());
    const verifier = await createKey(t, { scopes: ['api_keys.verify'], tier: 'enterprise' });
    const user = await createKey(t); // standard tier: 2 requests a window
    const missingId = randomUUID();

    await t.http.get(`/api/v1/keys/${missingId}`).set(bearer(t.rootKey)).expect(404);
    await t.http.get(`/api/v1/keys/${missingId}?token=${user.key}`).set(bearer(t.rootKey));
    const verify = (key: string) =>
      t.http.post('/api/v1/keys/verify').set(bearer(verifier.key)).send({ key });
    expect((await verify(user.key)).body.data.code).toBe('VALID');
    expect((await verify(`lk_${'0'.repeat(64)}`)).body.data.code).toBe('NOT_FOUND');
    // The verification spent one of the user key's two requests; the second request is its last.
    await t.http.get('/api/v1/me').set(bearer(user.key)).expect(200);
    expectError(await t.http.get('/api/v1/me').set(bearer(user.key)), 429, 'rate_limited');
    // Without a valid key: 401 three times, then the address's budget is spent.
    for (let i = 0; i < 3; i++) {
      expectError(await t.http.get('/api/v1/me').set(bearer('lk_nope')), 401, 'unauthorized');
    }
    expectError(await t.http.get('/api/v1/me'), 429, 'rate_limited');
    await t.http.get('/no/such/route').expect(404);

    const grew = (after: Sample[], name: string, labels: Labels = {}) =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    const requests = (route: string, status: string, method = 'GET') => ({
      method,
      route,
      status_code: status,
    });
    let after: Sample[] = [];
    // onResponse runs once the response is sent: wait until the last request is counted.
    await until(async () => {
      after = parse(await scrape());
      return (
        grew(
          after,
          'latchkey_http_request_duration_seconds_count',
          requests('(unmatched)', '404'),
        ) === 1
      );
    }, 'the last request is counted');

    const count = 'latchkey_http_request_duration_seconds_count';
    expect(grew(after, count, requests('/api/v1/keys/:id', '404'))).toBe(2);
    expect(grew(after, count, requests('/api/v1/keys/verify', '200', 'POST'))).toBe(2);
    expect(grew(after, count, requests('/api/v1/keys', '201', 'POST'))).toBe(2);
    expect(grew(after, count, requests('/api/v1/me', '200'))).toBe(1);
    expect(grew(after, count, requests('/api/v1/me', '401'))).toBe(3);
    expect(grew(after, count, requests('/api/v1/me', '429'))).toBe(2);
    const bucket = after.find(
      (s) =>
        s.name === 'latchkey_http_request_duration_seconds_bucket' &&
        s.labels.route === '/api/v1/me' &&
        s.labels.status_code === '200' &&
        s.labels.le === '+Inf',
    );
    expect(bucket?.value).toBeGreaterThanOrEqual(1);

    expect(grew(after, 'latchkey_key_verifications_total', { code: 'VALID' })).toBe(1);
    expect(grew(after, 'latchkey_key_verifications_total', { code: 'NOT_FOUND' })).toBe(1);
    expect(grew(after, 'latchkey_key_verifications_total', { code: 'EXPIRED' })).toBe(0);
    // root twice (creates), root twice (GET /keys/:id), verifier twice, user twice (200 and 429)
    expect(grew(after, 'latchkey_authentications_total', { result: 'success' })).toBe(8);
    // three malformed keys and one missing key
    expect(grew(after, 'latchkey_authentications_total', { result: 'failure' })).toBe(4);
    // Ten well-formed tokens looked up (the verified keys too). A key is cached
    // on its second read: the verifier's two lookups, the user's first two and
    // the unknown key's miss; root's last two of four (at least) and the
    // user's third hit.
    const cacheHits = grew(after, 'latchkey_key_cache_lookups_total', { result: 'hit' });
    const cacheMisses = grew(after, 'latchkey_key_cache_lookups_total', { result: 'miss' });
    expect(cacheHits + cacheMisses).toBe(10);
    expect(cacheMisses).toBeGreaterThanOrEqual(5);
    expect(cacheHits).toBeGreaterThanOrEqual(3);
    expect(grew(after, 'latchkey_rate_limit_rejections_total', { subject: 'key' })).toBe(1);
    expect(grew(after, 'latchkey_rate_limit_rejections_total', { subject: 'ip' })).toBe(1);

    const text = await scrape();
    for (const secret of [user.key, verifier.key, t.rootKey, missingId, user.id, 'no/such']) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('metrics without METRICS_PORT', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('opens no listener and adds no route to the API', async () => {
    expect(t.app.get(MetricsServer).url).toBeUndefined();
    expectError(await t.http.get('/metrics'), 404, 'not_found');
  });
});
