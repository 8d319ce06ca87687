/**
 * `npm run bench`: throughput and latency of the key checks, each as a
 * fraction of a route that does no work (issue 6). Starts the built service
 * (`dist/`) as a child process on 127.0.0.1 with a throw-away DATA_DIR,
 * seeds keys through the API, runs autocannon against each scenario and
 * prints one Markdown table. Load never leaves this machine.
 *
 *   npm run bench -- [--db sqlite|mariadb] [--redis] [--keys 1000] [--duration 10] [--connections 50]
 */
import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createConnection } from 'mysql2/promise';
import {
  call,
  freePort,
  measure,
  positiveInteger,
  type Scenario,
  startChild,
  stopChild,
  waitFor200,
} from './support';

const MARIADB_SERVER = 'mariadb://root@127.0.0.1:3306';
const MARIADB_DATABASE = 'latchkey_bench';
/** High enough that no scenario is ever refused with a 429. */
const NO_LIMIT = '100000000';

interface Options {
  db: 'sqlite' | 'mariadb';
  redis: boolean;
  keys: number;
  durationS: number;
  connections: number;
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
  const positive = positiveInteger;
  return {
    db: values.db,
    redis: values.redis,
    // Two keys are the scenarios' own (the verifier and the key it checks).
    keys: Math.max(2, positive('keys', values.keys)),
    durationS: positive('duration', values.duration),
    connections: positive('connections', values.connections),
  };
}

async function recreateMariaDbDatabase(): Promise<void> {
  const connection = await createConnection(MARIADB_SERVER.replace(/^mariadb:/, 'mysql:'));
  try {
    await connection.query(`DROP DATABASE IF EXISTS ${MARIADB_DATABASE}`);
    await connection.query(`CREATE DATABASE ${MARIADB_DATABASE}`);
  } finally {
    await connection.end();
  }
}

function startService(options: Options, dataDir: string, port: number): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Read when app.module.ts is imported, so it must be in the child's
    // environment from the start.
    BENCH_BASELINE: '1',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // The seeded keys all belong to root, which already holds its own.
    MAX_KEYS_PER_USER: String(options.keys + 1),
    RATE_LIMIT_STANDARD: NO_LIMIT,
    RATE_LIMIT_PREMIUM: NO_LIMIT,
    RATE_LIMIT_ENTERPRISE: NO_LIMIT,
    RATE_LIMIT_ANONYMOUS: NO_LIMIT,
    DATABASE_URL: options.db === 'mariadb' ? `${MARIADB_SERVER}/${MARIADB_DATABASE}` : undefined,
    REDIS_URL: options.redis
      ? `redis://127.0.0.1:6379/13?keyPrefix=bench${randomBytes(4).toString('hex')}:`
      : undefined,
  };
  return startChild('the service', [resolve('dist/src/main.js')], env);
}

/**
 * Creates `count` keys for root through the API, a few requests at a time;
 * the first may verify keys, the others hold nothing. Returns the first two
 * tokens: the rest only make the table the size of a real one.
 */
async function seedKeys(base: string, rootKey: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  const create = async (i: number) => {
    const { status, json } = await call(base, rootKey, 'POST', '/api/v1/keys', {
      name: `bench-${i}`,
      scopes: i === 0 ? ['api_keys.verify'] : [],
    });
    if (status !== 201) throw new Error(`seeding key ${i}: ${status} ${JSON.stringify(json)}`);
    tokens[i] = String(json.data?.key);
  };
  const batch = 20;
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    await Promise.all(Array.from({ length: size }, (_, j) => create(start + j)));
  }
  return tokens.slice(0, 2);
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
      checkProbe: (body) =>
        (body as { data: { valid: boolean } }).data.valid
          ? undefined
          : 'the verified key is not VALID',
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
  const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-bench-'));
  if (options.db === 'mariadb') await recreateMariaDbDatabase();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = startService(options, dataDir, port);
  try {
    await waitFor200(`${base}/api/v1/health`, 'the service');
    const rootKey = readFileSync(join(dataDir, '.api_key'), 'utf8').trim();
    process.stderr.write(`bench: seeding ${options.keys} keys\n`);
    const [verifierKey, userKey] = await seedKeys(base, rootKey, options.keys);
    const sqliteFile = options.db === 'sqlite' ? join(dataDir, 'latchkey.sqlite') : undefined;
    const rows: Row[] = [];
    for (const scenario of scenarios(verifierKey, userKey)) {
      process.stderr.write(`bench: ${scenario.name}\n`);
      const { rps, p50, p99, monitored } = await measure(
        base,
        scenario,
        options,
        sqliteFile ? () => sqliteWriteCounter(sqliteFile) : undefined,
      );
      rows.push({ scenario: scenario.name, rps, p50, p99, writes: monitored });
    }
    process.stdout.write(`${table(rows, options)}\n`);
  } finally {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
