import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKey } from './factories/key.factory';
import { expectError } from './support/error-envelope';
import { bearer, startTestApp, TestApp } from './support/test-app';

type Schema = { maxLength?: number; maxItems?: number; items?: Schema };
const document = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')) as {
  components: { schemas: Record<string, { properties: Record<string, Schema> }> };
  paths: Record<string, Record<string, { parameters: { name: string; schema: Schema }[] }>>;
};
const property = (model: string, name: string) =>
  document.components.schemas[model].properties[name];
const bound = (value: number | undefined) => {
  if (value === undefined) throw new Error('openapi.json states no bound here');
  return value;
};

/**
 * Each size limit the OpenAPI document states on a request field is the one
 * the validators enforce: a value one over it is a 400 naming the field.
 */
describe('request size limits (openapi.json = validators)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const refused = async (request: Promise<import('supertest').Response>, field: string) => {
    const response = await request;
    expectError(response, 400, 'validation_failed');
    expect((response.body as { error: { details: { field: string }[] } }).error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: expect.stringMatching(`^${field}`) }),
      ]),
    );
  };
  const post = (path: string, body: object) => t.http.post(path).set(bearer(t.rootKey)).send(body);

  it('VerifyKeyDto: key, scopes and ip', async () => {
    const key = bound(property('VerifyKeyDto', 'key').maxLength);
    await refused(post('/api/v1/keys/verify', { key: 'k'.repeat(key + 1) }), 'key');
    const scopes = property('VerifyKeyDto', 'scopes');
    const many = Array.from({ length: bound(scopes.maxItems) + 1 }, (_, i) => `read:s${i}`);
    await refused(post('/api/v1/keys/verify', { key: 'lk_x', scopes: many }), 'scopes');
    const long = `read:${'s'.repeat(bound(scopes.items?.maxLength))}`;
    await refused(post('/api/v1/keys/verify', { key: 'lk_x', scopes: [long] }), 'scopes');
    const ip = bound(property('VerifyKeyDto', 'ip').maxLength);
    await refused(
      post('/api/v1/keys/verify', { key: 'lk_x', ip: `fe80::1%${'e'.repeat(ip)}` }),
      'ip',
    );
  });

  it('CreateKeyDto: allowed_ips and expires_at', async () => {
    const ips = property('CreateKeyDto', 'allowed_ips');
    const many = Array.from(
      { length: bound(ips.maxItems) + 1 },
      (_, i) => `10.0.${i >> 8}.${i & 255}`,
    );
    await refused(post('/api/v1/keys', { name: 'too-many-ips', allowed_ips: many }), 'allowed_ips');
    // Padding that the allowlist check trims away: only the length limit refuses it.
    const padded = `10.0.0.1${' '.repeat(bound(ips.items?.maxLength))}`;
    await refused(
      post('/api/v1/keys', { name: 'padded-ip', allowed_ips: [padded] }),
      'allowed_ips',
    );
    const date = bound(property('CreateKeyDto', 'expires_at').maxLength);
    const precise = `2999-01-01T00:00:00.${'1'.repeat(date)}Z`;
    await refused(post('/api/v1/keys', { name: 'precise', expires_at: precise }), 'expires_at');
  });

  it('RegenerateKeyDto: expires_at', async () => {
    const { id } = await createKey(t, {});
    const date = bound(property('RegenerateKeyDto', 'expires_at').maxLength);
    const precise = `2999-01-01T00:00:00.${'1'.repeat(date)}Z`;
    await refused(post(`/api/v1/keys/${id}/regenerate`, { expires_at: precise }), 'expires_at');
  });

  it('GET /audit-events: action', async () => {
    const parameter = document.paths['/api/v1/audit-events'].get.parameters.find(
      (p) => p.name === 'action',
    );
    const action = `key.${'a'.repeat(bound(parameter?.schema.maxLength))}`;
    await refused(
      t.http.get('/api/v1/audit-events').query({ action }).set(bearer(t.rootKey)),
      'action',
    );
  });
});
