import fc from 'fast-check';
import { field, jsonBody } from './bodies';
import { nastyCidrs, nastyDates, nastyNames } from './nasty';
import { pathId, queryString } from './urls';
import { tokenShaped } from './values';

/** The route catalogue of the fuzz tests (test/fuzz.e2e-spec.ts): a generator of requests per route. */

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** What requests are drawn from as well as junk: ids that exist (or existed), and the caller's token. */
export interface FuzzTargets {
  keyIds: string[];
  userIds: string[];
  token: () => string;
}

const uuidOrJunk = (ids: () => string[]) =>
  fc.oneof(
    fc.nat().map((i) => ids()[i % ids().length]),
    fc.constantFrom(...nastyCidrs, ...nastyDates),
    fc.string({ maxLength: 40 }),
  );
const future = '2099-01-01T00:00:00Z';
/** Valid expiries at the edges of what the databases can hold. */
const farFutures = [
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:59:59.999Z',
  '2099-12-31T23:59:59+14:00',
  '2038-01-19T03:14:08Z',
  '+275760-09-13T00:00:00Z',
];
const pageParams = {
  page: fc.constantFrom('1', '2', '0', '-1', '1.5', '1e3', '99999999999999999999', ''),
  per_page: fc.constantFrom('1', '100', '101', '0', 'all', '2e1'),
};

const keyFields = {
  name: field(
    fc.oneof(
      fc.constantFrom(
        '  padded  ',
        'x'.repeat(128),
        "'; DROP TABLE api_keys; --",
        '%_!',
        ...nastyNames,
      ),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 128 }),
    ),
  ),
  scopes: field([], ['read:assets'], ['admin'], ['api_keys.read'], ['read:assets', 'read:assets']),
  tier: field('standard', 'premium', 'enterprise'),
  allowed_ips: field(
    [],
    ['10.0.0.0/8'],
    ['::1', '127.0.0.1'],
    ['::ffff:10.0.0.1', '0.0.0.0/0', '2001:db8::/32', '::/0'],
  ),
};
const userFields = {
  name: field(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,127}$/)),
  email: field('fuzz@example.com', null, 'not-an-email', 'A@B.CO', 'jose\u0301@example.com'),
  role: field('admin', 'manager', 'viewer', 'service', 'client'),
  status: field('active', 'disabled'),
};

/** Every route of the route inventory, and requests no route takes. */
export function fuzzRoutes({
  keyIds,
  userIds,
  token,
}: FuzzTargets): Record<string, fc.Arbitrary<Omit<FuzzRequest, 'headers'>>> {
  const knownKeyIds = () => keyIds;
  const knownUserIds = () => userIds;
  /** The caller's token, in the forms it might be echoed in: no response may hold it. */
  const callerToken = tokenShaped(token);
  return {
    'GET /': queryString({}).map((q) => ({ method: 'GET', path: `/${q}` })),
    'GET /api/v1/health': queryString({}).map((q) => ({
      method: 'GET',
      path: `/api/v1/health${q}`,
    })),
    'GET /docs': queryString({}).map((q) => ({ method: 'GET', path: `/docs${q}` })),
    'GET /docs-json': queryString({}).map((q) => ({ method: 'GET', path: `/docs-json${q}` })),
    'GET /api/v1/me': queryString({ access_token: fc.constant(`lk_${'b'.repeat(64)}`) }).map(
      (q) => ({
        method: 'GET',
        path: `/api/v1/me${q}`,
      }),
    ),
    'GET /api/v1/scopes': queryString({}).map((q) => ({
      method: 'GET',
      path: `/api/v1/scopes${q}`,
    })),
    'GET /api/v1/roles': queryString({}).map((q) => ({ method: 'GET', path: `/api/v1/roles${q}` })),
    'GET /api/v1/audit-events': queryString({
      ...pageParams,
      action: fc.constantFrom('key.created', 'key', 'KEY.CREATED', "key.created'--"),
    }).map((q) => ({ method: 'GET', path: `/api/v1/audit-events${q}` })),
    'POST /api/v1/users': jsonBody(userFields, {
      required: ['name', 'role'],
      extraNames: callerToken,
    }).map((body) => ({
      method: 'POST',
      path: '/api/v1/users',
      body,
    })),
    'GET /api/v1/users': queryString({
      ...pageParams,
      role: fc.constantFrom('admin', 'client', 'root', 'ADMIN'),
      status: fc.constantFrom('active', 'disabled', 'inactive'),
    }).map((q) => ({ method: 'GET', path: `/api/v1/users${q}` })),
    'GET /api/v1/users/:id': pathId(knownUserIds).map((id) => ({
      method: 'GET',
      path: `/api/v1/users/${id}`,
    })),
    'PATCH /api/v1/users/:id': fc
      .tuple(pathId(knownUserIds), jsonBody(userFields))
      .map(([id, body]) => ({ method: 'PATCH', path: `/api/v1/users/${id}`, body })),
    'POST /api/v1/keys': jsonBody(
      {
        ...keyFields,
        expires_at: field(future, ...farFutures),
        expires_in_days: field(1, 3650, 3651, 0, 1.5),
        owner_id: field(fc.nat().map((i) => userIds[i % userIds.length])),
      },
      { required: ['name'], extraNames: callerToken },
    ).map((body) => ({ method: 'POST', path: '/api/v1/keys', body })),
    'GET /api/v1/keys': queryString({
      ...pageParams,
      sort: fc.constantFrom('created_at', 'name', 'expires_at', 'last_used', 'key_hash', 'name;--'),
      order: fc.constantFrom('asc', 'desc', 'ASC', 'random'),
      status: fc.constantFrom('active', 'inactive', 'expired', 'deleted'),
      q: fc.constantFrom('fuzz', '%', '_', '!', "'", '\\'),
      owner_id: uuidOrJunk(knownUserIds),
    }).map((q) => ({ method: 'GET', path: `/api/v1/keys${q}` })),
    'GET /api/v1/keys/cleanup': queryString({ owner_id: uuidOrJunk(knownUserIds) }).map((q) => ({
      method: 'GET',
      path: `/api/v1/keys/cleanup${q}`,
    })),
    'POST /api/v1/keys/cleanup': fc
      .tuple(
        queryString({ owner_id: uuidOrJunk(knownUserIds) }),
        jsonBody({
          expired: field(true, false),
          inactive: field(true, false),
          expired_and_inactive: field(true, false),
        }),
      )
      .map(([q, body]) => ({ method: 'POST', path: `/api/v1/keys/cleanup${q}`, body })),
    'POST /api/v1/keys/verify': jsonBody(
      {
        key: field(`lk_${'c'.repeat(64)}`),
        scopes: keyFields.scopes,
        ip: field('10.0.0.1', '::1', ...nastyCidrs),
      },
      { required: ['key'] },
    ).map((body) => ({ method: 'POST', path: '/api/v1/keys/verify', body })),
    'POST /api/v1/keys/report-leak': jsonBody(
      {
        tokens: field([`lk_${'d'.repeat(64)}`], [], Array(101).fill('x')),
      },
      { required: ['tokens'] },
    ).map((body) => ({ method: 'POST', path: '/api/v1/keys/report-leak', body })),
    'GET /api/v1/keys/:id': pathId(knownKeyIds).map((id) => ({
      method: 'GET',
      path: `/api/v1/keys/${id}`,
    })),
    'GET /api/v1/keys/usage': queryString({
      ids: fc.array(uuidOrJunk(knownKeyIds), { maxLength: 4 }).map((ids) => ids.join(',')),
      granularity: fc.constantFrom('hour', 'day', 'week', ''),
    }).map((q) => ({ method: 'GET', path: `/api/v1/keys/usage${q}` })),
    'GET /api/v1/keys/:id/usage': fc
      .tuple(
        pathId(knownKeyIds),
        queryString({
          from: fc.constantFrom(future, '2026-12-01T00:00:00Z', ...nastyDates),
          to: fc.constantFrom(future, '2026-12-02T00:00:00Z', ...nastyDates),
          granularity: fc.constantFrom('hour', 'day', 'week', ''),
        }),
      )
      .map(([id, q]) => ({ method: 'GET', path: `/api/v1/keys/${id}/usage${q}` })),
    'GET /api/v1/usage': queryString({
      ...pageParams,
      from: fc.constantFrom('2026-12-01T00:00:00Z', ...nastyDates),
      to: fc.constantFrom(future, '2026-12-02T00:00:00Z', ...nastyDates),
      sort: fc.constantFrom('total', 'ok', 'rate_limited', 'name', 'total;--'),
      order: fc.constantFrom('asc', 'desc', 'DESC'),
    }).map((q) => ({ method: 'GET', path: `/api/v1/usage${q}` })),
    'PATCH /api/v1/keys/:id': fc
      .tuple(
        pathId(knownKeyIds),
        jsonBody({ ...keyFields, status: field('active', 'inactive'), expires_at: field(future) }),
      )
      .map(([id, body]) => ({ method: 'PATCH', path: `/api/v1/keys/${id}`, body })),
    'POST /api/v1/keys/:id/regenerate': fc
      .tuple(
        pathId(knownKeyIds),
        jsonBody({
          grace_period_s: field(0, 60, 86400, 86401, -1),
          expires_at: field(future, null, ...farFutures),
          expires_in_days: field(1, 3650, 0),
        }),
      )
      .map(([id, body]) => ({ method: 'POST', path: `/api/v1/keys/${id}/regenerate`, body })),
    'DELETE /api/v1/keys/:id': pathId(knownKeyIds).map((id) => ({
      method: 'DELETE',
      path: `/api/v1/keys/${id}`,
    })),
    'no such route or method': fc
      .tuple(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
        fc.oneof(
          fc.constantFrom(
            '/api/v1/keys',
            '/api/v1/me',
            '/api/v2/keys',
            '/api/v1/keys/a/b/c',
            '/api/v1/users/x/y',
          ),
          // Found echoed in the 404's message (issue 15).
          callerToken.map((token) => `/api/v1/nope/${token}`),
          callerToken.map((token) => `/api/v1/nope?access_token=${token}`),
        ),
        jsonBody({ name: field('fuzz') }, { extraNames: callerToken }),
      )
      .map(([method, path, body]) => ({ method, path, body })),
  };
}
