import type { ApiError } from './api-error';
import { admit } from './admit';
import type { Verdict } from './key-verifier';

const key = {
  key_id: '5d0c7c3e-1111-4a4a-8a8a-000000000001',
  owner_id: '5d0c7c3e-1111-4a4a-8a8a-000000000002',
  scopes: ['read:assets'],
  tier: 'standard',
  expires_at: null,
  ratelimit: { limit: 100, remaining: 42, reset: 17 },
};
const rule = { permissions: [], scopes: ['read:assets'] };

function outcome(verdict: Verdict, required = rule) {
  const headers: Record<string, string | number> = {};
  const reply = { header: (name: string, value: string | number) => (headers[name] = value) };
  try {
    return { identity: admit(verdict, required, '192.0.2.1', reply), headers };
  } catch (error) {
    const e = error as ApiError;
    return { status: e.getStatus(), code: e.code, errorHeaders: e.headers, headers };
  }
}

describe('admit: a verdict as Latchkey answers it over HTTP', () => {
  it('VALID: the identity, and the budget as X-RateLimit-* headers', () => {
    expect(outcome({ valid: true, code: 'VALID', ...key })).toEqual({
      identity: {
        keyId: key.key_id,
        ownerId: key.owner_id,
        grants: ['read:assets'],
        tier: 'standard',
        expiresAt: null,
      },
      headers: { 'X-RateLimit-Limit': 100, 'X-RateLimit-Remaining': 42, 'X-RateLimit-Reset': 17 },
    });
  });

  it.each(['NOT_FOUND', 'INACTIVE', 'EXPIRED', 'OWNER_DISABLED'] as const)(
    '%s: 401 unauthorized with WWW-Authenticate, whatever the reason',
    (code) => {
      expect(outcome({ valid: false, code })).toMatchObject({
        status: 401,
        code: 'unauthorized',
        errorHeaders: { 'WWW-Authenticate': 'Bearer' },
      });
    },
  );

  it('IP_NOT_ALLOWED: 403 ip_not_allowed', () => {
    expect(outcome({ valid: false, code: 'IP_NOT_ALLOWED' })).toMatchObject({
      status: 403,
      code: 'ip_not_allowed',
    });
  });

  it('RATE_LIMITED: 429 rate_limited, Retry-After = the reset, headers passed through', () => {
    const verdict: Verdict = {
      valid: false,
      code: 'RATE_LIMITED',
      ...key,
      ratelimit: { limit: 100, remaining: 0, reset: 9 },
    };
    expect(outcome(verdict)).toMatchObject({
      status: 429,
      code: 'rate_limited',
      errorHeaders: { 'Retry-After': '9' },
      headers: { 'X-RateLimit-Remaining': 0 },
    });
  });

  it('INSUFFICIENT_SCOPE: 403 insufficient_scope for a scope, forbidden for a permission', () => {
    const verdict: Verdict = { valid: false, code: 'INSUFFICIENT_SCOPE', ...key, scopes: [] };
    expect(outcome(verdict)).toMatchObject({ status: 403, code: 'insufficient_scope' });
    expect(outcome(verdict, { permissions: ['users.read'], scopes: [] } as never)).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
  });
});
