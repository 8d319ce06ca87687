import type { TestApp } from '../support/test-app';
import { bearer } from '../support/test-app';

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

let sequence = 0;

/** Creates a key through the API (as root unless `as` is given) and returns the 201 body's data. */
export async function createKey(
  t: TestApp,
  body: Record<string, unknown> = {},
  as: string = t.rootKey,
): Promise<CreatedKey> {
  const response = await t.http
    .post('/api/v1/keys')
    .set(bearer(as))
    .send({ name: `key-${++sequence}`, ...body });
  if (response.status !== 201) {
    throw new Error(`creating a key failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body.data as CreatedKey;
}
