/**
 * `npm run bench:guard`: what `latchkey/guard` in remote mode adds to a
 * route of another service (issue 8). Starts the built Latchkey and the
 * example inventory service (`bench/guard-service.ts`) as child processes on
 * 127.0.0.1, creates a service key and a reader key through the API, and
 * measures (wrk, or autocannon without it) the same handler unguarded (`@Public()`) and
 * guarded, with the verdict cache (1 s) and without it (0). Load never
 * leaves this machine.
 *
 *   npm run bench:guard -- [--duration 10] [--connections 50]
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  create,
  freePort,
  type Load,
  measure,
  wholeNumber,
  type Scenario,
  startChild,
  stopChild,
  waitFor200,
} from './support';

/** High enough that no request is ever refused with a 429. */
const NO_LIMIT = '100000000';

interface Row {
  scenario: string;
  rps: number;
  p50: number;
  p99: number;
}

function parseLoad(): Load {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
    },
  });
  return {
    durationS: wholeNumber('duration', values.duration),
    connections: wholeNumber('connections', values.connections),
  };
}

function startLatchkey(dataDir: string, port: number): ChildProcess {
  return startChild('Latchkey', [resolve('dist/src/main.js')], {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_STANDARD: NO_LIMIT,
    RATE_LIMIT_PREMIUM: NO_LIMIT,
    RATE_LIMIT_ENTERPRISE: NO_LIMIT,
    RATE_LIMIT_ANONYMOUS: NO_LIMIT,
    DATABASE_URL: undefined,
    REDIS_URL: undefined,
  });
}

async function startInventory(
  latchkeyUrl: string,
  serviceKey: string,
  cacheTtlMs: number,
): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = startChild(
    'the inventory service',
    [require.resolve('ts-node/dist/bin'), '--transpile-only', resolve('bench/guard-service.ts')],
    {
      ...process.env,
      PORT: String(port),
      LATCHKEY_URL: latchkeyUrl,
      LATCHKEY_SERVICE_KEY: serviceKey,
      LATCHKEY_CACHE_TTL_MS: String(cacheTtlMs),
      // Measure latency, not the timeout: under this load on a shared
      // machine a verification can take longer than the default 2 s.
      LATCHKEY_TIMEOUT_MS: '30000',
    },
  );
  const base = `http://127.0.0.1:${port}`;
  await waitFor200(`${base}/open/items`, 'the inventory service');
  return { child, base };
}

/** A service user with an enterprise verifier key, and a client key that may read assets. */
async function seed(
  base: string,
  rootKey: string,
): Promise<{ serviceKey: string; readerKey: string }> {
  const service = await create(base, rootKey, '/api/v1/users', {
    name: 'bench-inventory',
    role: 'service',
  });
  const serviceKey = await create(base, rootKey, '/api/v1/keys', {
    name: 'bench-verifier',
    scopes: ['api_keys.verify'],
    tier: 'enterprise',
    owner_id: service.id,
  });
  const reader = await create(base, rootKey, '/api/v1/keys', {
    name: 'bench-reader',
    scopes: ['read:assets'],
  });
  return { serviceKey: String(serviceKey.key), readerKey: String(reader.key) };
}

function table(rows: Row[], load: Load): string {
  const baseline = rows[0].rps;
  const lines = [
    '| scenario | req/s | p50 ms | p99 ms | vs unguarded |',
    '|---|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${(r.rps / baseline).toFixed(2)} |`,
    ),
  ];
  const setup =
    `remote mode, Latchkey on SQLite, ${load.connections} connections, ` +
    `${load.durationS} s per scenario, node ${process.version}`;
  return `${setup}\n\n${lines.join('\n')}`;
}

async function main(): Promise<void> {
  const load = parseLoad();
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-bench-guard-'));
  const latchkeyUrl = `http://127.0.0.1:${await freePort()}`;
  const children: ChildProcess[] = [startLatchkey(dataDir, Number(new URL(latchkeyUrl).port))];
  try {
    await waitFor200(`${latchkeyUrl}/api/v1/health`, 'Latchkey');
    const rootKey = readFileSync(join(dataDir, '.api_key'), 'utf8').trim();
    const { serviceKey, readerKey } = await seed(latchkeyUrl, rootKey);
    const guarded = (name: string): Scenario => ({
      name,
      method: 'GET',
      path: '/items',
      headers: { authorization: `Bearer ${readerKey}` },
      status: 200,
    });
    const runs: { cacheTtlMs: number; scenarios: Scenario[] }[] = [
      {
        cacheTtlMs: 1000,
        scenarios: [
          { name: 'GET /open/items, unguarded', method: 'GET', path: '/open/items', status: 200 },
          guarded('GET /items, guarded, cache 1 s'),
        ],
      },
      { cacheTtlMs: 0, scenarios: [guarded('GET /items, guarded, no cache')] },
    ];
    const rows: Row[] = [];
    // What every uncached request costs Latchkey: its own verify route, loaded directly.
    const verifyDirect: Scenario = {
      name: 'POST /keys/verify on Latchkey (what a miss costs)',
      method: 'POST',
      path: '/api/v1/keys/verify',
      headers: { authorization: `Bearer ${serviceKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key: readerKey, scopes: ['read:assets'], ip: '127.0.0.1' }),
      status: 200,
    };
    for (const { cacheTtlMs, scenarios } of runs) {
      const inventory = await startInventory(latchkeyUrl, serviceKey, cacheTtlMs);
      children.push(inventory.child);
      for (const scenario of scenarios) {
        process.stderr.write(`bench: ${scenario.name}\n`);
        const { rps, p50, p99 } = await measure<never>(inventory.base, scenario, load);
        rows.push({ scenario: scenario.name, rps, p50, p99 });
      }
      await stopChild(inventory.child);
    }
    process.stderr.write(`bench: ${verifyDirect.name}\n`);
    const direct = await measure<never>(latchkeyUrl, verifyDirect, load);
    rows.push({ scenario: verifyDirect.name, ...direct });
    process.stdout.write(`${table(rows, load)}\n`);
  } finally {
    for (const child of children.reverse()) await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
