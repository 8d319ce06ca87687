import { createKey } from './factories/key.factory';
import { expectError } from './support/error-envelope';
import { countKeys } from './support/keys';
import { bearer, startTestApp, TestApp } from './support/test-app';

/** `depth` arrays inside each other around `inner`, as JSON text. */
const nestedArrays = (depth: number, inner = '"x"') =>
  `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Input shapes an adversarial review found (issue 15), on every database. */
describe('request input', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { MAX_KEYS_PER_USER: '1000' } });
  });
  afterAll(() => t.close());

  const keyCount = () => countKeys(t);

  describe('deeply nested JSON', () => {
    it.each([
      [
        'report-leak, arrays 2,000 deep',
        '/api/v1/keys/report-leak',
        `{"tokens":${nestedArrays(2_000)}}`,
        'tokens',
      ],
      [
        'report-leak, arrays 100,000 deep',
        '/api/v1/keys/report-leak',
        `{"tokens":${nestedArrays(100_000)}}`,
        'tokens',
      ],
      [
        'create, objects 5,000 deep',
        '/api/v1/keys',
        `{"name":"deep","x":${nestedObjects(5_000)}}`,
        'x',
      ],
      ['create, a body that is arrays 40 deep', '/api/v1/keys', nestedArrays(40), 'body'],
    ])('answers %s with 400 naming the field', async (_what, path, body, field) => {
      const before = await keyCount();
      const response = await t.http
        .post(path)
        .set(bearer(t.rootKey))
        .set('Content-Type', 'application/json')
        .send(body);
      expectError(response, 400, 'validation_failed');
      expect(response.body.error.details).toEqual([
        { field, message: expect.stringMatching(/nested too deeply: at most 32 levels/) },
      ]);
      expect(await keyCount()).toBe(before);
    });

    it('takes 32 levels (and answers them as any bad field)', async () => {
      // The body is level 1, tokens level 2: 30 arrays more is 32.
      const response = await t.http
        .post('/api/v1/keys/report-leak')
        .set('Content-Type', 'application/json')
        .send(`{"tokens":[${nestedArrays(30)}]}`);
      expectError(response, 400, 'validation_failed');
      expect(response.body.error.details).toEqual([
        expect.objectContaining({ field: 'tokens', message: expect.not.stringMatching(/nested/) }),
      ]);
    });
  });

  describe('content types other than JSON', () => {
    it.each([
      ['application/x-www-form-urlencoded', 'name=form&scopes=a&scopes=b'],
      ['text/plain', '{"name":"text"}'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nm\r\n--x--',
      ],
      ['application/jsonp', '{"name":"jsonp"}'],
      ['application/merge-patch+json', '{"name":"merge"}'],
      ['application/octet-stream', '{"name":"bytes"}'],
    ])('answers %s with 415 unsupported_media_type and creates nothing', async (type, body) => {
      const before = await keyCount();
      const response = await t.http
        .post('/api/v1/keys')
        .set(bearer(t.rootKey))
        .set('Content-Type', type)
        .send(body);
      expectError(response, 415, 'unsupported_media_type');
      expect(response.body.error.message).toMatch(/Content-Type: application\/json/);
      expect(await keyCount()).toBe(before);
    });

    it('answers a body without a content type with 415', async () => {
      const { key } = await createKey(t);
      const response = await fetch(`${t.url}/api/v1/keys/report-leak`, {
        method: 'POST',
        body: new Blob([JSON.stringify({ tokens: [key] })]),
      });
      expect(response.status).toBe(415);
      expect(await response.json()).toEqual({
        error: { status: 415, code: 'unsupported_media_type', message: expect.any(String) },
      });
      await t.http.get('/api/v1/me').set(bearer(key)).expect(200);
    });

    it('takes JSON with a charset, and requests without a body', async () => {
      const { id } = await createKey(t);
      await t.http
        .post('/api/v1/keys')
        .set(bearer(t.rootKey))
        .set('Content-Type', 'application/json; charset=utf-8')
        .send('{"name":"with-charset"}')
        .expect(201);
      await t.http.post(`/api/v1/keys/${id}/regenerate`).set(bearer(t.rootKey)).expect(200);
    });
  });

  describe('tokens in error bodies', () => {
    const hex = 'f00d'.repeat(16);
    const secret = hex.slice(0, 40);

    it.each([
      ['a token in an unknown path', 'GET', `/api/v1/nope/lk_${hex}`, undefined, 404],
      [
        'a token in the query of an unknown path',
        'GET',
        `/api/v1/nope?access_token=lk_${hex}`,
        undefined,
        404,
      ],
      ['a field named like a token', 'POST', '/api/v1/keys', { name: 'x', [`lk_${hex}`]: 1 }, 400],
      // Scopes are at most 64 characters: a 40-digit run is as secret-shaped.
      ['a secret as a scope', 'POST', '/api/v1/keys', { name: 'x', scopes: [`lk_${secret}`] }, 400],
      [
        'a field of a user named like a token',
        'POST',
        '/api/v1/users',
        { name: 'x', role: 'viewer', [`lk_${hex}`]: 1 },
        400,
      ],
    ])('masks %s', async (_what, method, path, body, status) => {
      const response = await t.http[method === 'GET' ? 'get' : 'post'](path)
        .set(bearer(t.rootKey))
        .send(body);
      expect(response.status).toBe(status);
      expect(response.text).not.toContain(secret);
      expect(response.text).toContain('lk_[redacted]');
    });
  });
});

describe('error bodies with another KEY_PREFIX', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { KEY_PREFIX: 'acme_live_' } });
  });
  afterAll(() => t.close());

  it('mask its tokens too', async () => {
    const response = await t.http.get(`/api/v1/nope/acme_live_${'f00d'.repeat(16)}`);
    expectError(response, 404, 'not_found');
    expect(response.body.error.message).toBe('Cannot GET /api/v1/nope/acme_live_[redacted]');
  });
});
