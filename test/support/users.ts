import type { Repository } from 'typeorm';
import type { Answer } from '../../openapi';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { User } from '../../src/users/user.entity';
import { dataSourceOf } from './database';
import { bearer, startTestApp, type TestApp } from './test-app';

export interface UsersApp {
  t: TestApp;
  /** The id of the root key's user. */
  rootId: string;
  users: () => Repository<User>;
  /** A user's audit events by action name: the events of one request share a timestamp. */
  eventsFor: (targetId: string) => Promise<AuditEvent[]>;
  asRoot: () => ReturnType<typeof bearer>;
}

/**
 * An app for the users' routes, started before the enclosing block's tests
 * and closed after them; its fields are there once the tests run.
 */
export function usersApp(): UsersApp {
  const app = {
    users: () => dataSourceOf(app.t).getRepository(User),
    eventsFor: async (targetId: string) =>
      (await dataSourceOf(app.t).getRepository(AuditEvent).findBy({ targetId })).sort((a, b) =>
        a.action.localeCompare(b.action),
      ),
    asRoot: () => bearer(app.t.rootKey),
  } as UsersApp;
  beforeAll(async () => {
    app.t = await startTestApp();
    const me = await app.t.http.get('/api/v1/me').set(bearer(app.t.rootKey)).expect(200);
    app.rootId = (me.body as Answer<'/api/v1/me', 'get'>).data.user.id;
  });
  afterAll(() => app.t.close());
  return app;
}
