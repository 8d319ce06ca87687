/**
 * `npm run bench`: throughput and latency of the key checks, each as a
 * fraction of a route that does no work (issue 6). Starts the built service
 * (bench/service.ts), seeds keys, runs autocannon against each scenario and
 * prints one Markdown table. Load never leaves this machine.
 *
 *   npm run bench -- [--db sqlite|mariadb] [--redis] [--keys 1000] [--duration 10] [--connections 50]
 *                    [--cache-ttl 30] [--rotate 100000 [--requests 2000000]]
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { insertKeys } from './bulk-keys';
import { mariaDbUrl, startService, type RunningService } from './service';
import { call, measure, type Scenario, wholeNumber } from './support';

const MARIADB_DATABASE = 'latchkey_bench';

interface Options {
  db: 'sqlite' | 'mariadb';
  redis: boolean;
  /** KEY_CACHE_TTL_S for the service; undefined leaves its default. */
  cacheTtlS?: number;
  keys: number;
  durationS: number;
  connections: number;
  /** Distinct keys the rotation scenario uses in turn; 0 leaves it out. */
  rotate: number;
  /** Requests in the rotation scenario; 0 runs it for the duration instead. */
  requests: number;
}

interface Row {
  scenario: string;
  rps: number;
  p50: number;
  p99: number;
  /** The service's CPU time (user + system) per request, in microseconds. */
  cpuUs: number;
  /** The service's resident memory when the scenario ended, and its growth during it, in MB. */
  rssMb: number;
  rssGrowthMb: number;
  /** Commits seen by SQLite's data_version while the scenario ran; undefined on MariaDB. */
  writes?: number;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'sqlite' },
      redis: { type: 'boolean', default: false },
      'cache-ttl': { type: 'string' },
      keys: { type: 'string', default: '1000' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
      rotate: { type: 'string', default: '0' },
      requests: { type: 'string', default: '0' },
    },
  });
  if (values.db !== 'sqlite' && values.db !== 'mariadb') throw new Error('--db: sqlite or mariadb');
  const rotate = wholeNumber('rotate', values.rotate, 0);
  return {
    db: values.db,
    redis: values.redis,
    cacheTtlS:
      values['cache-ttl'] === undefined
        ? undefined
        : wholeNumber('cache-ttl', values['cache-ttl'], 0),
    // Two keys are the scenarios' own (the verifier and the key it checks).
    keys: Math.max(2 + rotate, wholeNumber('keys', values.keys)),
    durationS: wholeNumber('duration', values.duration),
    connections: wholeNumber('connections', values.connections),
    rotate,
    requests: wholeNumber('requests', values.requests, 0),
  };
}

/**
 * The two keys the scenarios use, made through the API (the first may verify
 * keys, the second holds nothing), then the rest of the `count` keys written
 * straight into the database (see bulk-keys.ts). Returns the two tokens and
 * `rotate` tokens of the bulk keys.
 */
async function seedKeys(
  service: RunningService,
  options: Options,
): Promise<{ verifierKey: string; userKey: string; rotatingTokens: string[] }> {
  const { base, rootKey } = service;
  const create = async (name: string, scopes: string[]) => {
    const { status, json } = await call(base, rootKey, 'POST', '/api/v1/keys', { name, scopes });
    if (status !== 201) throw new Error(`seeding ${name}: ${status} ${JSON.stringify(json)}`);
    return String(json.data?.key);
  };
  const verifierKey = await create('bench-verifier', ['api_keys.verify']);
  const userKey = await create('bench-user', []);
  const me = await call(base, rootKey, 'GET', '/api/v1/me');
  const rootId = String((me.json.data?.user as { id: string }).id);
  const rotatingTokens = await insertKeys(
    options.db === 'mariadb'
      ? { url: mariaDbUrl(MARIADB_DATABASE), sqlitePath: '' }
      : { sqlitePath: join(service.dataDir, 'latchkey.sqlite') },
    rootId,
    options.keys - 2,
    options.rotate,
  );
  return { verifierKey, userKey, rotatingTokens };
}

function scenarios(
  verifierKey: string,
  userKey: string,
  rotatingTokens: string[],
  rotationRequests: number,
): Scenario[] {
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  const rotation: Scenario[] = rotatingTokens.length
    ? [
        {
          name: `GET /me, ${rotatingTokens.length} keys in turn`,
          method: 'GET',
          path: '/api/v1/me',
          status: 200,
          rotatingTokens,
          amount: rotationRequests || undefined,
        },
      ]
    : [];
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
    ...rotation,
  ];
}

/** The process's resident set size in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/** CPU seconds (user + system) the process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticksPerSecond = 100;
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
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

/** What the service did while a scenario ran, read from outside it. */
interface Observed {
  cpuSeconds: number;
  rssMb: number;
  rssGrowthMb: number;
  writes?: number;
}

function observe(pid: number, sqliteFile?: string): { stop(): Observed } {
  const writes = sqliteFile ? sqliteWriteCounter(sqliteFile) : undefined;
  const cpuBefore = cpuSeconds(pid);
  const rssBefore = rssMb(pid);
  return {
    stop() {
      const rss = rssMb(pid);
      return {
        cpuSeconds: cpuSeconds(pid) - cpuBefore,
        rssMb: rss,
        rssGrowthMb: rss - rssBefore,
        writes: writes?.stop(),
      };
    },
  };
}

async function measureRow(
  { base, pid }: RunningService,
  scenario: Scenario,
  options: Options,
  sqliteFile?: string,
): Promise<Row> {
  const measured = await measure(base, scenario, options, () => observe(pid, sqliteFile));
  const observed = measured.monitored!;
  return {
    scenario: scenario.name,
    rps: measured.rps,
    p50: measured.p50,
    p99: measured.p99,
    cpuUs: (observed.cpuSeconds * 1e6) / measured.total,
    rssMb: observed.rssMb,
    rssGrowthMb: observed.rssGrowthMb,
    writes: observed.writes,
  };
}

function table(rows: Row[], options: Options): string {
  const [baseline] = rows;
  const lines = [
    '| scenario | req/s | p50 ms | p99 ms | vs hello | CPU µs/req | hello CPU ÷ this | RSS MB (growth) | SQLite commits seen |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${(r.rps / baseline.rps).toFixed(2)} ` +
        `| ${Math.round(r.cpuUs)} | ${(baseline.cpuUs / r.cpuUs).toFixed(2)} ` +
        `| ${Math.round(r.rssMb)} (${r.rssGrowthMb >= 0 ? '+' : ''}${Math.round(r.rssGrowthMb)}) | ${r.writes ?? 'n/a'} |`,
    ),
  ];
  const setup =
    `${options.db}${options.redis ? ' + Redis' : ''}, ` +
    `KEY_CACHE_TTL_S ${options.cacheTtlS ?? 'default'}, ${options.keys} keys, ` +
    `${options.connections} connections, ${options.durationS} s per scenario, node ${process.version}`;
  return `${setup}\n\n${lines.join('\n')}`;
}

async function main(): Promise<void> {
  const options = parseOptions();
  const service = await startService({
    db: options.db,
    redis: options.redis,
    mariaDbDatabase: MARIADB_DATABASE,
    // Only the two scenario keys go through the API; the bulk rows skip its limit.
    maxKeysPerUser: 30,
    // Read when app.module.ts is imported, so it must be in the child's
    // environment from the start.
    env: {
      BENCH_BASELINE: '1',
      ...(options.cacheTtlS !== undefined && { KEY_CACHE_TTL_S: String(options.cacheTtlS) }),
    },
    tool: 'bench',
  });
  try {
    process.stderr.write(`bench: seeding ${options.keys} keys\n`);
    const { verifierKey, userKey, rotatingTokens } = await seedKeys(service, options);
    const sqliteFile =
      options.db === 'sqlite' ? join(service.dataDir, 'latchkey.sqlite') : undefined;
    const rows: Row[] = [];
    for (const scenario of scenarios(verifierKey, userKey, rotatingTokens, options.requests)) {
      process.stderr.write(`bench: ${scenario.name}\n`);
      rows.push(await measureRow(service, scenario, options, sqliteFile));
    }
    process.stdout.write(`${table(rows, options)}\n`);
  } finally {
    await service.stop();
  }
}

main().catch((error: unknown) => {
  // fetch() hides why it failed (refused, reset, timed out) in `cause`.
  const cause =
    error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  process.stderr.write(
    `bench: ${error instanceof Error ? error.message : String(error)}${cause}\n`,
  );
  process.exit(1);
});
