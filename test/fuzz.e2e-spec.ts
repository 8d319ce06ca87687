import fc from 'fast-check';
import { createKey } from './factories/key.factory';
import { createUser } from './factories/user.factory';
import { dataSourceOf } from './support/database';
import { headers } from './support/fuzz/headers';
import { type FuzzRequest, fuzzRoutes } from './support/fuzz/routes';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Property-based fuzzing of every route (fast-check): generated bodies, query
 * strings, path ids and headers. Whatever comes in, the answer is never a
 * 5xx, every error has the SPEC's envelope, no response carries the caller's
 * token, and a request that is refused (or only reads) leaves the database
 * exactly as it was. FUZZ_RUNS (default 5,000, so 10,000 per `npm test`
 * over the SQLite and MariaDB runs) is the number of generated requests per
 * run, spread evenly over the routes; FUZZ_SEED replays a run.
 */
const TOTAL_RUNS = Number(process.env.FUZZ_RUNS || 5_000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

let t: TestApp;
let baseUrl: string;
/** Ids that exist (or existed): path ids and owner ids are drawn from these as well as junk. */
const keyIds: string[] = [];
const userIds: string[] = [];
const routes = fuzzRoutes({ keyIds, userIds, token: () => t.rootKey });

/**
 * What issue 15 found stored: names that hide characters or differ only in
 * Unicode form, and allowlist entries with spaces or leading zeros.
 */
function expectStoredInputClean(text: string): void {
  const data = (JSON.parse(text) as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return;
  const { name, email, allowed_ips: allowedIps } = data as Record<string, unknown>;
  for (const value of [name, email]) {
    if (typeof value !== 'string') continue;
    expect(value).toBe(value.normalize('NFC'));
    expect(value).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
  }
  for (const entry of Array.isArray(allowedIps) ? (allowedIps as string[]) : []) {
    expect(entry).not.toMatch(/\s|\/0\d|(^|[.:])0\d+\./);
  }
}

/** Everything the API can change, minus the last-use columns that reads write in the background. */
async function snapshot(): Promise<string> {
  const database = dataSourceOf(t);
  const rows = async (table: string) =>
    database.query<Record<string, unknown>[]>(`SELECT * FROM ${table} ORDER BY id`);
  const keys = (await rows('api_keys')).map(({ last_used: _a, last_used_ip: _b, ...rest }) => rest);
  return JSON.stringify([keys, await rows('users'), await rows('audit_events')]);
}

/** The database as the last request left it. */
let stored: string;
const sent: Record<string, number> = {};
const outcomes: Record<string, number> = {};

async function send(request: FuzzRequest): Promise<{ status: number; text: string; type: string }> {
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.method === 'GET' ? undefined : request.body,
  });
  return {
    status: response.status,
    text: await response.text(),
    type: response.headers.get('content-type') ?? '',
  };
}

describe('fuzzing every route', () => {
  beforeAll(async () => {
    t = await startTestApp({
      env: {
        RATE_LIMIT_STANDARD: '100000000',
        RATE_LIMIT_PREMIUM: '100000000',
        RATE_LIMIT_ENTERPRISE: '100000000',
        RATE_LIMIT_ANONYMOUS: '100000000',
        MAX_KEYS_PER_USER: '1000',
        LAST_USED_WRITE_INTERVAL_S: '3600',
      },
    });
    baseUrl = await t.app.getUrl();
    const me = await t.http.get('/api/v1/me').set('X-Api-Key', t.rootKey).expect(200);
    userIds.push(me.body.data.user.id);
    keyIds.push(me.body.data.key.id);
    const user = await createUser(t, { role: 'manager' });
    userIds.push(user.id);
    keyIds.push((await createKey(t)).id, (await createKey(t, { owner_id: user.id })).id);
    stored = await snapshot();
  });

  afterAll(async () => {
    const total = Object.values(sent).reduce((sum, n) => sum + n, 0);
    console.log(
      `Fuzzed ${total} generated requests over ${Object.keys(sent).length} routes ` +
        `(${process.env.LATCHKEY_TEST_DB}); answers: ${JSON.stringify(outcomes)}`,
    );
    await t?.close();
  });

  // Found by fuzzing: Fastify and Node answered these with their own bodies, not the envelope.
  it.each([
    [
      'a path parameter over the router limit',
      `/api/v1/keys/${'a'.repeat(200)}`,
      {},
      400,
      'validation_failed',
    ],
    ['a malformed escape in the path', '/api/v1/keys/%E0%A4%A', {}, 400, 'validation_failed'],
    [
      'headers over 16 KiB',
      '/api/v1/me',
      { 'x-junk': 'x'.repeat(20_000) },
      431,
      'headers_too_large',
    ],
  ])('answers %s with the error envelope', async (_what, path, extra, status, code) => {
    const response = await send({
      method: 'GET',
      path,
      headers: { authorization: `Bearer ${t.rootKey}`, ...extra },
    });
    expect(response.status).toBe(status);
    expect(response.type).toMatch(/^application\/json/);
    expect(JSON.parse(response.text)).toEqual({
      error: { status, code, message: expect.any(String) },
    });
  });

  const perRoute = Math.ceil(TOTAL_RUNS / Object.keys(routes).length);

  it.each(Object.keys(routes))(
    '%s: never a 5xx, always the envelope, nothing changed when refused',
    async (route) => {
      const secret = t.rootKey.slice(3);
      const property = fc.asyncProperty(
        routes[route],
        headers(() => t.rootKey),
        async (generated, generatedHeaders) => {
          const request = { ...generated, headers: generatedHeaders };
          const before = stored;
          const response = await send(request);
          sent[route] = (sent[route] ?? 0) + 1;
          outcomes[response.status] = (outcomes[response.status] ?? 0) + 1;

          expect(response.status).toBeLessThan(500);
          expect(response.text.toLowerCase()).not.toContain(secret);
          // Found accepted (issue 15): form bodies. fetch sends a string body as text/plain.
          const contentType =
            request.headers['content-type'] ?? (request.body === undefined ? '' : 'text/plain');
          if (response.status < 300 && request.method !== 'GET' && contentType) {
            expect(contentType.split(';')[0].trim().toLowerCase()).toBe('application/json');
          }
          if (response.status < 300 && response.type.startsWith('application/json')) {
            expectStoredInputClean(response.text);
          }
          if (response.status >= 400) {
            expect(response.type).toMatch(/^application\/json/);
            const body = JSON.parse(response.text) as { error: Record<string, unknown> };
            expect(Object.keys(body)).toEqual(['error']);
            expect(body.error).toEqual(
              expect.objectContaining({
                status: response.status,
                code: expect.any(String),
                message: expect.any(String),
              }),
            );
            expect(response.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
          }
          // The database changes only by requests: the state after one is the state before the next.
          stored = await snapshot();
          const mayChange = response.status < 300 && request.method !== 'GET';
          if (!mayChange) expect(stored).toEqual(before);
          if (response.status === 201) {
            const id = (JSON.parse(response.text) as { data: { id: string } }).data.id;
            (route.includes('users') ? userIds : keyIds).push(id);
          }
        },
      );
      await fc.assert(property, { numRuns: perRoute, seed: SEED });
    },
  );
});
