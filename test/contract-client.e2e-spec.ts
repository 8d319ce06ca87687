import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../openapi';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * A client typed from the committed openapi.json (openapi-typescript +
 * openapi-fetch) drives a key's whole life: if the document and the service
 * disagreed on a path, a field or a status, this would not compile or would fail.
 */
describe('the committed OpenAPI document matches the service', () => {
  let t: TestApp;
  let api: Client<paths>;

  beforeAll(async () => {
    t = await startTestApp();
    api = createClient<paths>({ baseUrl: t.url, headers: bearer(t.rootKey) });
  });
  afterAll(() => t.close());

  it('is the document the service serves at /docs-json', async () => {
    const committed: unknown = JSON.parse(
      readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8'),
    );
    const { body } = await t.http.get('/docs-json').expect(200);
    expect(body).toEqual(committed);
  });

  it('creates, lists, regenerates and deletes a key through the typed client', async () => {
    const created = await api.POST('/api/v1/keys', {
      body: { name: 'typed-client', scopes: ['read:assets'], tier: 'premium' },
    });
    expect(created.response.status).toBe(201);
    const key = created.data!.data;
    expect(key).toEqual(
      expect.objectContaining({
        name: 'typed-client',
        scopes: ['read:assets'],
        tier: 'premium',
        status: 'active',
        expired: false,
        expires_at: null,
        allowed_ips: [],
        last_used: null,
        masked_key: `lk_****${key.key.slice(-4)}`,
      }),
    );
    expect(key.key).toMatch(/^lk_[0-9a-f]{64}$/);

    const listed = await api.GET('/api/v1/keys', {
      params: { query: { q: 'typed', sort: 'name', order: 'asc', per_page: 10 } },
    });
    expect(listed.response.status).toBe(200);
    expect(listed.data!.meta).toEqual({ total: 1, page: 1, per_page: 10 });
    expect(listed.data!.data.map(({ id, name }) => ({ id, name }))).toEqual([
      { id: key.id, name: 'typed-client' },
    ]);
    expect(listed.data!.data[0]).not.toHaveProperty('key');

    const regenerated = await api.POST('/api/v1/keys/{id}/regenerate', {
      params: { path: { id: key.id } },
      body: {},
    });
    expect(regenerated.response.status).toBe(200);
    expect(regenerated.data!.data.id).toBe(key.id);
    expect(regenerated.data!.data.key).toMatch(/^lk_[0-9a-f]{64}$/);
    expect(regenerated.data!.data.key).not.toBe(key.key);

    // The new token works, the old one does not.
    await t.http.get('/api/v1/me').set(bearer(regenerated.data!.data.key)).expect(200);
    await t.http.get('/api/v1/me').set(bearer(key.key)).expect(401);

    const deleted = await api.DELETE('/api/v1/keys/{id}', { params: { path: { id: key.id } } });
    expect(deleted.response.status).toBe(200);
    expect(deleted.data).toEqual({ status: 'success', message: 'API key revoked.' });

    const gone = await api.GET('/api/v1/keys/{id}', { params: { path: { id: key.id } } });
    expect(gone.response.status).toBe(404);
    expect(gone.error).toEqual({
      error: { status: 404, code: 'not_found', message: 'API key not found.' },
    });
  });
});
