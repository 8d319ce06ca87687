/** `npm run bench:guard`'s two services: the keys it creates on Latchkey, the inventory service. */
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { RunningService } from './service';
import { create, freePort, startChild, waitFor200 } from './support';

export interface Seeded {
  serviceKey: string;
  clientId: string;
  tokens: string[];
}

/** A service user with an enterprise verifier key; a client with `count` reader keys. */
export async function seed(latchkey: RunningService, count: number): Promise<Seeded> {
  const { base, rootKey } = latchkey;
  const service = await create(base, rootKey, '/api/v1/users', {
    name: 'bench-inventory',
    role: 'service',
  });
  const verifier = await create(base, rootKey, '/api/v1/keys', {
    name: 'bench-verifier',
    scopes: ['api_keys.verify'],
    tier: 'enterprise',
    owner_id: service.id,
  });
  const client = await create(base, rootKey, '/api/v1/users', {
    name: 'bench-client',
    role: 'client',
  });
  const clientId = String(client.id);
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) tokens.push(await readerKey(latchkey, clientId, `bench-${i}`));
  return { serviceKey: String(verifier.key), clientId, tokens };
}

async function readerKey(latchkey: RunningService, ownerId: string, name: string): Promise<string> {
  const key = await create(latchkey.base, latchkey.rootKey, '/api/v1/keys', {
    name,
    scopes: ['read:assets'],
    owner_id: ownerId,
  });
  return String(key.key);
}

/** The inventory service; `cacheTtlMs` undefined keeps the guard's defaults. */
export async function startInventory(
  latchkeyUrl: string,
  serviceKey: string,
  cacheTtlMs?: number,
): Promise<{ child: ChildProcess; base: string; pid: number }> {
  const port = await freePort();
  const child = startChild(
    'the inventory service',
    [require.resolve('ts-node/dist/bin'), '--transpile-only', resolve('bench/guard-service.ts')],
    {
      ...process.env,
      PORT: String(port),
      LATCHKEY_URL: latchkeyUrl,
      LATCHKEY_SERVICE_KEY: serviceKey,
      LATCHKEY_CACHE_TTL_MS: cacheTtlMs === undefined ? undefined : String(cacheTtlMs),
      // Measure latency, not the timeout: under this load on a shared
      // machine a verification can take longer than the default 2 s.
      LATCHKEY_TIMEOUT_MS: '30000',
    },
  );
  const base = `http://127.0.0.1:${port}`;
  await waitFor200(`${base}/open/items`, 'the inventory service');
  return { child, base, pid: child.pid! };
}
