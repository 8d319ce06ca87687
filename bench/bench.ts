/**
 * `npm run bench`: throughput and latency of the key checks, each as a
 * fraction of a route that does no work (issue 6). Starts the built service
 * (bench/service.ts), seeds keys through the API, runs autocannon against
 * each scenario and prints one Markdown table. Load never leaves this machine.
 *
 *   npm run bench -- [--db sqlite|mariadb] [--redis] [--keys 1000] [--duration 10] [--connections 50]
 */
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { positive, seedKeys, startService } from './service';

interface Options {
  db: 'sqlite' | 'mariadb';
  redis: boolean;
  keys: number;
  durationS: number;
  connections: number;
}

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Every response must have this status, or the numbers measure something else. */
  status: number;
}

interface Row {
  scenario: string;
  rps: number;
  p50: number;
  p99: number;
  /** Commits seen by SQLite's data_version while the scenario ran; undefined on MariaDB. */
  writes?: number;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'sqlite' },
      redis: { type: 'boolean', default: false },
      keys: { type: 'string', default: '1000' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
    },
  });
  if (values.db !== 'sqlite' && values.db !== 'mariadb') throw new Error('--db: sqlite or mariadb');
  return {
    db: values.db,
    redis: values.redis,
    // Two keys are the scenarios' own (the verifier and the key it checks).
    keys: Math.max(2, positive('keys', values.keys)),
    durationS: positive('duration', values.duration),
    connections: positive('connections', values.connections),
  };
}

function scenarios(verifierKey: string, userKey: string): Scenario[] {
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  return [
    { name: 'hello (baseline)', method: 'GET', path: '/api/v1/bench/hello', status: 200 },
    {
      name: 'GET /me, valid key',
      method: 'GET',
      path: '/api/v1/me',
      headers: bearer(userKey),
      status: 200,
    },
    {
      name: 'GET /me, malformed key',
      method: 'GET',
      path: '/api/v1/me',
      headers: bearer('not-a-key'),
      status: 401,
    },
    {
      name: 'GET /me, unknown key',
      method: 'GET',
      path: '/api/v1/me',
      headers: bearer(`lk_${'0'.repeat(64)}`),
      status: 401,
    },
    {
      name: 'POST /keys/verify',
      method: 'POST',
      path: '/api/v1/keys/verify',
      headers: { ...bearer(verifierKey), 'content-type': 'application/json' },
      body: JSON.stringify({ key: userKey }),
      status: 200,
    },
  ];
}

/**
 * Counts commits to the SQLite file by other connections: `data_version`
 * changes when one is seen. Polled every 100 ms, so several commits within
 * one poll count once: a lower bound, but 0 means no writes at all.
 */
function sqliteWriteCounter(file: string): { stop(): number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const version = () => db.pragma('data_version', { simple: true }) as number;
  let last = version();
  let changes = 0;
  const timer = setInterval(() => {
    const now = version();
    if (now !== last) changes += 1;
    last = now;
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      db.close();
      return changes;
    },
  };
}

async function measure(base: string, scenario: Scenario, options: Options, sqliteFile?: string) {
  const probe = await fetch(`${base}${scenario.path}`, {
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
  });
  if (probe.status !== scenario.status) {
    throw new Error(`${scenario.name}: expected ${scenario.status}, got ${probe.status}`);
  }
  if (scenario.path.endsWith('/verify')) {
    const { data } = (await probe.json()) as { data: { valid: boolean } };
    if (!data.valid) throw new Error(`${scenario.name}: the verified key is not VALID`);
  }
  const run = (duration: number) =>
    autocannon({
      url: `${base}${scenario.path}`,
      method: scenario.method,
      headers: scenario.headers,
      body: scenario.body,
      connections: options.connections,
      duration,
    });
  // A short warm-up so the JIT and the connection pools are not measured cold.
  await run(Math.max(1, Math.round(options.durationS / 5)));
  const writes = sqliteFile ? sqliteWriteCounter(sqliteFile) : undefined;
  const result = await run(options.durationS);
  const row: Row = {
    scenario: scenario.name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    writes: writes?.stop(),
  };
  const expected = result.statusCodeStats?.[`${scenario.status}`]?.count ?? 0;
  if (result.errors > 0 || expected !== result.requests.total) {
    throw new Error(
      `${scenario.name}: ${result.requests.total} requests, ${expected} answered ${scenario.status}, ` +
        `${result.errors} errors (${JSON.stringify(result.statusCodeStats)})`,
    );
  }
  return row;
}

function table(rows: Row[], options: Options): string {
  const baseline = rows[0].rps;
  const lines = [
    '| scenario | req/s | p50 ms | p99 ms | vs hello | SQLite commits seen |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${(r.rps / baseline).toFixed(2)} | ${r.writes ?? 'n/a'} |`,
    ),
  ];
  const setup =
    `${options.db}${options.redis ? ' + Redis' : ''}, ${options.keys} keys, ` +
    `${options.connections} connections, ${options.durationS} s per scenario, node ${process.version}`;
  return `${setup}\n\n${lines.join('\n')}`;
}

async function main(): Promise<void> {
  const options = parseOptions();
  const service = await startService({
    db: options.db,
    redis: options.redis,
    mariaDbDatabase: 'latchkey_bench',
    // The seeded keys all belong to root, which already holds its own.
    maxKeysPerUser: options.keys + 1,
    // Read when app.module.ts is imported, so it must be in the child's
    // environment from the start.
    env: { BENCH_BASELINE: '1' },
    tool: 'bench',
  });
  try {
    process.stderr.write(`bench: seeding ${options.keys} keys\n`);
    const [verifierKey, userKey] = await seedKeys(service.base, service.rootKey, options.keys);
    const sqliteFile =
      options.db === 'sqlite' ? join(service.dataDir, 'latchkey.sqlite') : undefined;
    const rows: Row[] = [];
    for (const scenario of scenarios(verifierKey, userKey)) {
      process.stderr.write(`bench: ${scenario.name}\n`);
      rows.push(await measure(service.base, scenario, options, sqliteFile));
    }
    process.stdout.write(`${table(rows, options)}\n`);
  } finally {
    await service.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
