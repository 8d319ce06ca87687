import type { Change, ChangeStream } from '@latchkey/guard';
import { createKey, type CreatedKey } from '../factories/key.factory';
import { createUser, updateUser } from '../factories/user.factory';
import { expectError } from './error-envelope';
import type { Service } from './guard';
import { expireInDatabase } from './keys';
import { bearer, type TestApp } from './test-app';

/** Resolves once the stream has announced (and the guard evicted) a change of `id`. */
function heard(changes: ChangeStream, id: string): Promise<void> {
  return new Promise((resolve) => {
    const listener = (change: Change) => {
      if (change.type === 'reset' || change.id !== id) return;
      changes.off('change', listener);
      resolve();
    };
    changes.on('change', listener);
  });
}

/**
 * Every change that revokes a key (SPEC section 9): made on Latchkey while
 * the guard holds a 60 s verdict, announced as a change of the key or of its
 * owner, and the key's answer afterwards.
 */
export const REVOCATIONS: {
  how: string;
  revoke: (t: TestApp, key: CreatedKey) => Promise<unknown>;
  event: 'key' | 'user';
  refused: 401 | 403;
}[] = [
  {
    how: 'disabled',
    revoke: (t, key) =>
      t.http
        .patch(`/api/v1/keys/${key.id}`)
        .set(bearer(t.rootKey))
        .send({ status: 'inactive' })
        .expect(200),
    event: 'key',
    refused: 401,
  },
  {
    how: 'deleted',
    revoke: (t, key) => t.http.delete(`/api/v1/keys/${key.id}`).set(bearer(t.rootKey)).expect(200),
    event: 'key',
    refused: 401,
  },
  {
    how: 'regenerated',
    revoke: (t, key) =>
      t.http.post(`/api/v1/keys/${key.id}/regenerate`).set(bearer(t.rootKey)).send({}).expect(200),
    event: 'key',
    refused: 401,
  },
  {
    how: 'cleaned up once expired',
    async revoke(t, key) {
      // Expired behind Latchkey's back (no event): only the clean-up announces it.
      await expireInDatabase(t, key.id);
      const cleaned = await t.http
        .post(`/api/v1/keys/cleanup?owner_id=${key.owner_id}`)
        .set(bearer(t.rootKey))
        .send({ expired: true })
        .expect(200);
      expect(cleaned.body.data).toEqual({ deleted: 1 });
    },
    event: 'key',
    refused: 401,
  },
  {
    how: 'reported leaked',
    revoke: (t, key) =>
      t.http
        .post('/api/v1/keys/report-leak')
        .send({ tokens: [key.key] })
        .expect(202),
    event: 'key',
    refused: 401,
  },
  {
    how: 'of an owner who is disabled',
    revoke: (t, key) => updateUser(t, key.owner_id, { status: 'disabled' }),
    event: 'user',
    refused: 401,
  },
  {
    how: "of an owner whose role no longer grants the route's scope",
    revoke: (t, key) => updateUser(t, key.owner_id, { role: 'service' }),
    event: 'user',
    refused: 403,
  },
];

/**
 * A fresh owner's key (the change may disable or demote the owner) passes
 * `service`, which follows `changes`; `row`'s change made on `changedOn`
 * is announced, and the key is refused at once.
 */
export async function expectRevocationHeard(
  service: Service,
  changes: ChangeStream,
  { revoke, event, refused }: (typeof REVOCATIONS)[number],
  createdOn: TestApp,
  changedOn: TestApp,
): Promise<void> {
  const owner = await createUser(createdOn, { role: 'client' });
  const key = await createKey(createdOn, {
    owner_id: owner.id,
    scopes: ['read:assets'],
    tier: 'premium',
  });
  expect((await service.http.get('/items').set(bearer(key.key))).status).toBe(200);
  const announced = heard(changes, event === 'user' ? owner.id : key.id);
  await revoke(changedOn, key);
  await announced;
  const answer = await service.http.get('/items').set(bearer(key.key));
  expectError(answer, refused, refused === 401 ? 'unauthorized' : 'insufficient_scope');
}
