import type { Answer, Schemas } from '../../openapi';
import { ApiKey } from '../../src/keys/api-key.entity';
import { dataSourceOf } from './database';
import { bearer, type TestApp } from './test-app';

/** The newest audit event with `action`, as the root key reads it. */
export async function latestEvent(t: TestApp, action: string): Promise<Schemas['AuditEventDto']> {
  const { body } = await t.http
    .get(`/api/v1/audit-events?action=${action}&per_page=1`)
    .set(bearer(t.rootKey))
    .expect(200);
  return (body as Answer<'/api/v1/audit-events', 'get'>).data[0];
}

/**
 * Moves a key's expiry into the past behind the service's back, announcing
 * nothing: the key is then one that has expired, not one that was changed.
 */
export async function expireInDatabase(t: TestApp, id: string): Promise<void> {
  await dataSourceOf(t)
    .getRepository(ApiKey)
    .update(id, { expiresAt: new Date(Date.now() - 1000) });
}

/** How many keys the root key sees. */
export async function countKeys(t: TestApp): Promise<number> {
  const { body } = await t.http.get('/api/v1/keys').set(bearer(t.rootKey)).expect(200);
  return (body as Answer<'/api/v1/keys', 'get'>).meta.total;
}
