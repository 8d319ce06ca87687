import type { Schemas } from '../../openapi';
import { bearer, TestApp } from '../support/test-app';
import { createUser, uniqueName } from './user.factory';

/** The body of POST /keys, as openapi.json states it. */
export type KeyInput = Schemas['CreateKeyDto'];

/** The body of POST /keys: a fresh name and no grants unless told otherwise. */
export function keyInput(overrides: Partial<KeyInput> = {}): KeyInput {
  return { name: uniqueName('key'), ...overrides };
}

/** The 201 body's data: the key and, once only, its token in `key`. */
export type CreatedKey = Schemas['CreatedApiKeyResponseDto'];

/** Creates a key through the API, as root unless another caller's token is given. */
export async function createKey(
  t: TestApp,
  overrides: Partial<KeyInput> = {},
  callerKey = t.rootKey,
): Promise<CreatedKey> {
  const response = await t.http
    .post('/api/v1/keys')
    .set(bearer(callerKey))
    .send(keyInput(overrides));
  expect(response.status).toBe(201);
  return response.body.data as CreatedKey;
}

/**
 * The token of a key that may verify other keys, as another service holds
 * one: `api_keys.verify` on an enterprise key of a `service` user.
 */
export async function createVerifierKey(t: TestApp): Promise<string> {
  const service = await createUser(t, { role: 'service' });
  const key = await createKey(t, {
    owner_id: service.id,
    scopes: ['api_keys.verify'],
    tier: 'enterprise',
  });
  return key.key;
}
