import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Schemas } from '../openapi';
import { dumpTables, emptyTables } from './support/mariadb';
import { startService, whenServiceReady } from './support/service-process';
import { freePort } from './support/tcp-proxy';
import { isMariaDb } from './support/test-app';

/** What POST /keys and POST /keys/{id}/regenerate answer with. */
type KeyData = Schemas['CreatedApiKeyResponseDto'];

/**
 * Tokens never leave the responses that mint them (SPEC sections 1 and 2): a
 * scripted session against the real process, then every token it saw is
 * searched for in the process's output (trace-level logs), every other
 * response body, the database (SQLite files with their WAL, or every
 * MariaDB table) and the audit table.
 */
describe('secrets', () => {
  it('no token of a whole session appears in the logs, any other response, the database or the audit trail', async () => {
    // A fresh database: keys other files left for root must not count against the limit.
    if (isMariaDb()) await emptyTables(process.env.TEST_DATABASE_URL!);
    const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-secrets-'));
    const port = await freePort();
    const service = startService({
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'trace',
    });
    try {
      const root = await whenServiceReady(service, dataDir);
      const tokens = [root];
      /** Every response body except the create and regenerate answers, which show a token once. */
      const bodies: string[] = [];
      const call = async (
        path: string,
        init: { method?: string; headers?: Record<string, string>; body?: string } = {},
        as = root,
      ) => {
        const response = await fetch(`http://127.0.0.1:${port}${path}`, {
          ...init,
          headers: {
            Authorization: `Bearer ${as}`,
            ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...init.headers,
          },
        });
        const text = await response.text();
        return { status: response.status, text };
      };
      const mint = async (path: string, body: object): Promise<KeyData> => {
        const { status, text } = await call(path, { method: 'POST', body: JSON.stringify(body) });
        expect(status).toBeLessThan(300);
        const data = (JSON.parse(text) as { data: KeyData }).data;
        tokens.push(data.key);
        return data;
      };
      const send = async (...args: Parameters<typeof call>) => {
        const response = await call(...args);
        bodies.push(response.text);
        return response;
      };

      // Create, regenerate with a grace period, verify, and use every token.
      const used = await mint('/api/v1/keys', { name: 'session', scopes: ['read:assets'] });
      const verifier = await mint('/api/v1/keys', {
        name: 'verifier',
        scopes: ['api_keys.verify'],
      });
      const regenerated = await mint(`/api/v1/keys/${used.id}/regenerate`, {
        grace_period_s: 600,
      });
      for (const token of tokens) {
        await send('/api/v1/me', {}, token);
        await send('/api/v1/me', { headers: { Authorization: '', 'X-Api-Key': token } });
        await send(
          '/api/v1/keys/verify',
          { method: 'POST', body: JSON.stringify({ key: token, scopes: ['read:assets'] }) },
          verifier.key,
        );
      }

      // Failed or refused requests with a token wherever a client might misplace it.
      for (const token of tokens) {
        const odd: Parameters<typeof call>[] = [
          [`/api/v1/me?access_token=${token}&api_key=${token}`, { headers: { Authorization: '' } }],
          ['/api/v1/me', { headers: { Authorization: `Token ${token}` } }],
          ['/api/v1/me', { headers: { Authorization: `Basic ${token}` } }],
          ['/api/v1/me', { headers: { Authorization: `Bearer ${token} ${token}` } }],
          ['/api/v1/me', { headers: { Authorization: `Bearer ${token}x` } }],
          ['/api/v1/me', { headers: { Authorization: '', 'X-Api-Key': `${token},${token}` } }],
          [
            '/api/v1/me',
            {
              headers: {
                Authorization: '',
                Cookie: `api_key=${token}`,
                Referer: `https://example.com/?key=${token}`,
                'X-Forwarded-For': token,
                'User-Agent': token,
              },
            },
          ],
          [`/api/v1/keys/${token}`, {}],
          [`/api/v1/keys/${token}/regenerate`, { method: 'POST', body: '{}' }],
          [`/api/v1/users/${token}`, {}],
          [`/api/v1/keys?q=${token}&owner_id=${token}&sort=${token}`, {}],
          [`/api/v1/audit-events?action=${token}`, {}],
          [
            '/api/v1/keys',
            {
              method: 'POST',
              body: JSON.stringify({
                name: 'odd',
                scopes: [token],
                allowed_ips: [token],
                owner_id: token,
                expires_at: token,
                key: token,
              }),
            },
          ],
          [
            `/api/v1/keys/${used.id}`,
            { method: 'PATCH', body: JSON.stringify({ status: token, tier: token, token }) },
          ],
          [
            '/api/v1/keys/verify',
            {
              method: 'POST',
              body: JSON.stringify({ key: `${token}x`, scopes: [token], ip: token }),
            },
          ],
          [
            '/api/v1/users',
            { method: 'POST', body: JSON.stringify({ name: token, email: token, role: token }) },
          ],
          ['/api/v1/keys', { method: 'POST', body: `{"name": "broken", "key": ${token}}` }],
          ['/api/v1/keys', { method: 'POST', body: `{"name": "${token}"` }],
          [
            '/api/v1/keys',
            { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: token },
          ],
        ];
        for (const args of odd) {
          const { status } = await send(...args);
          expect({ request: args[0].slice(0, 40), status }).toEqual({
            request: args[0].slice(0, 40),
            status: expect.any(Number),
          });
          expect(status).toBeGreaterThanOrEqual(400);
        }
      }

      // Report the old token (still in its grace period) as leaked, then delete the key.
      expect(
        (
          await send('/api/v1/keys/report-leak', {
            method: 'POST',
            headers: { Authorization: '' },
            body: JSON.stringify({ tokens: [used.key, regenerated.key] }),
          })
        ).status,
      ).toBe(202);
      expect((await send(`/api/v1/keys/${used.id}`, { method: 'DELETE' })).status).toBe(200);
      expect((await send('/api/v1/me', {}, regenerated.key)).status).toBe(401);
      expect((await send('/api/v1/audit-events?per_page=100')).status).toBe(200);

      const stored = isMariaDb()
        ? [await dumpTables(process.env.TEST_DATABASE_URL!)]
        : readdirSync(dataDir)
            .filter((file) => file.startsWith('latchkey.sqlite'))
            .map((file) => readFileSync(join(dataDir, file)).toString('latin1'));
      expect(stored.join('')).toContain('key.leak_reported');
      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
      const output = service.output();
      expect(output).toContain('request completed'); // requests were logged

      for (const token of tokens) {
        const secret = token.slice(3); // the 64 hex digits, with or without the prefix
        expect(output.split('\n').filter((line) => line.includes(secret))).toEqual([]);
        expect(bodies.filter((body) => body.includes(secret))).toEqual([]);
        for (const text of stored) expect(text.includes(secret)).toBe(false);
      }
    } finally {
      service.child.kill('SIGKILL');
    }
  });
});
