import type { Response } from 'supertest';
import { createKey, keyInput } from './factories/key.factory';
import {
  createUser,
  updateUser,
  userInput,
  uniqueName,
  type UserBody,
} from './factories/user.factory';
import { expectError } from './support/error-envelope';
import { ALL_PERMISSION_NAMES, ROLE_PERMISSIONS } from './support/spec-roles';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * Every management route × every role × three keys: one with the `admin`
 * scope (all of its owner's role), one holding exactly the route's
 * permission, one holding nothing. A route answers its success status exactly
 * when the role grants the permission and the key holds it; otherwise 403
 * `forbidden`. Add a row to ROUTES for each new route.
 */

/** The roles of SPEC section 4 (the keys of ROLE_PERMISSIONS), as the API names them. */
const ROLES = Object.keys(ROLE_PERMISSIONS) as UserBody['role'][];
const KEY_KINDS = ['admin-scoped', 'exact', 'empty'] as const;
type KeyKind = (typeof KEY_KINDS)[number];

/** What the rows may refer to, made in beforeAll. */
interface Fixtures {
  userId: string;
  token: string;
}

interface RouteCase {
  route: string;
  /** null: any valid key may call it. */
  permission: string | null;
  success: number;
  call: (f: Fixtures) => {
    method: 'get' | 'post' | 'patch' | 'delete';
    path: string;
    body?: object;
  };
}

const ROUTES: RouteCase[] = [
  {
    route: 'GET /me',
    permission: null,
    success: 200,
    call: () => ({ method: 'get', path: '/me' }),
  },
  {
    route: 'GET /scopes',
    permission: null,
    success: 200,
    call: () => ({ method: 'get', path: '/scopes' }),
  },
  {
    route: 'GET /roles',
    permission: 'users.read',
    success: 200,
    call: () => ({ method: 'get', path: '/roles' }),
  },
  {
    route: 'GET /users',
    permission: 'users.read',
    success: 200,
    call: () => ({ method: 'get', path: '/users' }),
  },
  {
    route: 'GET /users/:id',
    permission: 'users.read',
    success: 200,
    call: (f) => ({ method: 'get', path: `/users/${f.userId}` }),
  },
  {
    route: 'POST /users',
    permission: 'users.write',
    success: 201,
    call: () => ({ method: 'post', path: '/users', body: userInput() }),
  },
  {
    route: 'PATCH /users/:id',
    permission: 'users.write',
    success: 200,
    call: (f) => ({
      method: 'patch',
      path: `/users/${f.userId}`,
      body: { email: `${uniqueName('mail')}@example.com` },
    }),
  },
  {
    route: 'POST /keys',
    permission: 'api_keys.write',
    success: 201,
    call: () => ({ method: 'post', path: '/keys', body: keyInput() }),
  },
  {
    route: 'GET /keys',
    permission: 'api_keys.read',
    success: 200,
    call: () => ({ method: 'get', path: '/keys' }),
  },
  {
    route: 'GET /keys/cleanup',
    permission: 'api_keys.read',
    success: 200,
    call: () => ({ method: 'get', path: '/keys/cleanup' }),
  },
  {
    route: 'POST /keys/cleanup',
    permission: 'api_keys.delete',
    success: 200,
    call: () => ({ method: 'post', path: '/keys/cleanup', body: { expired: true } }),
  },
  {
    route: 'GET /audit-events',
    permission: 'audit.read',
    success: 200,
    call: () => ({ method: 'get', path: '/audit-events' }),
  },
  {
    route: 'POST /keys/verify',
    permission: 'api_keys.verify',
    success: 200,
    call: (f) => ({ method: 'post', path: '/keys/verify', body: { key: f.token } }),
  },
];

const isAllowed = (route: RouteCase, role: string, kind: KeyKind) =>
  route.permission === null ||
  (kind !== 'empty' && ROLE_PERMISSIONS[role].includes(route.permission));

const CASES = ROUTES.flatMap((route) =>
  ROLES.flatMap((role) =>
    KEY_KINDS.map((kind) => ({ route, role, kind, allowed: isAllowed(route, role, kind) })),
  ),
);

describe('access matrix: route × role × key', () => {
  let t: TestApp;
  let fixtures: Fixtures;
  /** tokens[role][kind or permission] */
  const tokens: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const target = await createUser(t);
    fixtures = { userId: target.id, token: (await createKey(t, { owner_id: target.id })).key };
    // Each user starts as an admin so that it can be given a key with any
    // permission; the role change then narrows those keys, as in production.
    for (const role of ROLES) {
      const user = await createUser(t, { role: 'admin' });
      const keyFor = async (scopes: string[]) =>
        (await createKey(t, { owner_id: user.id, scopes })).key;
      tokens[role] = { 'admin-scoped': await keyFor(['admin']), empty: await keyFor([]) };
      for (const permission of ALL_PERMISSION_NAMES) {
        tokens[role][permission] = await keyFor([permission]);
      }
      await updateUser(t, user.id, { role });
    }
  });
  afterAll(() => t.close());

  const send = (route: RouteCase, token?: string): Promise<Response> => {
    const { method, path, body } = route.call(fixtures);
    const request = t.http[method](`/api/v1${path}`);
    if (token) void request.set(bearer(token));
    return body ? request.send(body) : request;
  };

  it.each(CASES.map((c) => [c.route.route, c.role, c.kind, c.allowed ? 'allowed' : '403', c]))(
    '%s as %s with a %s key: %s',
    async (_route, _role, _kind, _outcome, { route, role, kind, allowed }) => {
      const tokenName = kind === 'exact' ? (route.permission ?? 'empty') : kind;
      const response = await send(route, tokens[role][tokenName]);
      if (allowed) expect(response.status).toBe(route.success);
      else expectError(response, 403, 'forbidden');
    },
  );

  it.each(ROUTES.map((route) => [route.route, route]))(
    '%s without a key: 401',
    async (_, route) => {
      expectError(await send(route), 401, 'unauthorized');
    },
  );
});
