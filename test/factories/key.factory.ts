import { bearer, TestApp } from '../support/test-app';
import { uniqueName } from './user.factory';

export interface KeyInput {
  name: string;
  scopes?: string[];
  tier?: string;
  expires_in_days?: number;
  allowed_ips?: string[];
  owner_id?: string;
}

/** The body of POST /keys: a fresh name and no grants unless told otherwise. */
export function keyInput(overrides: Partial<KeyInput> = {}): KeyInput {
  return { name: uniqueName('key'), ...overrides };
}

/** The 201 body's data: the key and, once only, its token in `key`. */
export interface CreatedKey {
  id: string;
  key: string;
  name: string;
  owner_id: string;
  masked_key: string;
  scopes: string[];
  tier: string;
  status: string;
  expires_at: string | null;
}

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
