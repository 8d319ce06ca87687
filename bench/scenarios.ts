/**
 * The scenarios of `npm run bench` and `npm run bench:profile`, against a
 * seeded Latchkey; the in-app hello and floor (bench/yardsticks/, mounted
 * by bench/latchkey-with-yardsticks.ts) are extra yardsticks beside the plain app.
 */
import type { SeededKeys } from './service';
import type { Scenario } from './support';

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** Checks per batch: about what a guarded service gathers in a turn at 50 connections. */
const BATCH_CHECKS = 50;

export const me = (keys: SeededKeys): Scenario => ({
  name: 'GET /me, valid key',
  method: 'GET',
  path: '/api/v1/me',
  headers: bearer(keys.userKey),
  status: 200,
});

/** Every scenario of the main service. */
export function mainScenarios(keys: SeededKeys, rotationRequests = 0): Scenario[] {
  const { verifierKey, userKey, rotatingTokens } = keys;
  return [
    {
      name: 'in-app hello (yardstick)',
      method: 'GET',
      path: '/api/v1/bench/hello',
      status: 200,
    },
    {
      name: "in-app floor (/me's least work, no Latchkey checks)",
      method: 'GET',
      path: '/api/v1/bench/floor',
      headers: bearer(userKey),
      status: 200,
    },
    { name: 'GET / (public)', method: 'GET', path: '/', status: 200 },
    me(keys),
    {
      name: 'GET /me, malformed key',
      method: 'GET',
      path: '/api/v1/me',
      headers: bearer('not-a-key'),
      status: 401,
    },
    {
      name: 'GET /me, unknown well-formed key',
      method: 'GET',
      path: '/api/v1/me',
      headers: bearer(`lk_${'0'.repeat(64)}`),
      status: 401,
    },
    {
      name: "in-app POST hello (verify's body, no key work)",
      method: 'POST',
      path: '/api/v1/bench/hello',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: userKey }),
      status: 200,
    },
    {
      name: 'POST /keys/verify',
      method: 'POST',
      path: '/api/v1/keys/verify',
      headers: { ...bearer(verifierKey), 'content-type': 'application/json' },
      body: JSON.stringify({ key: userKey }),
      status: 200,
      checkProbe: (body) =>
        (body as { data: { valid: boolean } }).data.valid
          ? undefined
          : 'the verified key is not VALID',
    },
    {
      name: `POST /keys/verify/batch, ${BATCH_CHECKS} checks (per check)`,
      method: 'POST',
      path: '/api/v1/keys/verify/batch',
      headers: { ...bearer(verifierKey), 'content-type': 'application/json' },
      body: JSON.stringify({
        checks: Array.from({ length: BATCH_CHECKS }, () => ({ key: userKey })),
      }),
      status: 200,
      unitsPerRequest: BATCH_CHECKS,
      checkProbe: (body) =>
        (body as { data: { valid: boolean }[] }).data.every((verdict) => verdict.valid)
          ? undefined
          : 'a verified key is not VALID',
    },
    ...(rotatingTokens.length
      ? [
          {
            name: `GET /me, ${rotatingTokens.length} keys in turn`,
            method: 'GET' as const,
            path: '/api/v1/me',
            status: 200,
            rotatingTokens,
            amount: rotationRequests || undefined,
          },
        ]
      : []),
  ];
}
