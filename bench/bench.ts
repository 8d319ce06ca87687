/**
 * `npm run bench`: throughput and latency of the key checks, each as a
 * fraction of a route that does no work (issue 6). Starts the built service
 * (bench/service.ts), seeds keys, runs autocannon against each scenario and
 * prints one Markdown table. Load never leaves this machine.
 *
 *   npm run bench -- [--db sqlite|mariadb] [--redis] [--keys 1000] [--duration 10] [--connections 50]
 *                    [--rounds 3] [--paced 0.5] [--cache-ttl 30] [--rotate 100000 [--requests 2000000]]
 *
 * The scenarios run in `--rounds` rounds, hello first in each, and every
 * ratio is taken within its round: on a virtual machine whose speed drifts
 * from minute to minute, a scenario is only compared with the hello run just
 * before it. Then each scenario runs once more at a fixed rate, `--paced`
 * times its own median req/s, for its latency below saturation: at full
 * speed every latency is mostly queueing (50 connections ÷ req/s), hello's
 * included.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { insertKeys } from './bulk-keys';
import { mariaDbUrl, startService, type RunningService } from './service';
import {
  call,
  type Load,
  measure,
  measurePaced,
  type Scenario,
  share,
  wholeNumber,
} from './support';

const MARIADB_DATABASE = 'latchkey_bench';
const ME = 'GET /me, valid key';
/** /me's least work with none of Latchkey's checks: how near 1.00 GET /me can get. */
const FLOOR = "GET floor (/me's least work, no Latchkey checks)";
const VERIFY = 'POST /keys/verify';
/** Receives and validates verify's body, and does nothing else: what a body alone costs. */
const POST_HELLO = "POST hello (verify's body, no key work)";

interface Options {
  db: 'sqlite' | 'mariadb';
  redis: boolean;
  /** KEY_CACHE_TTL_S for the service; undefined leaves its default. */
  cacheTtlS?: number;
  keys: number;
  durationS: number;
  connections: number;
  rounds: number;
  /** The paced run's rate as a share of the scenario's own req/s; 0 leaves the paced run out. */
  pacedShare: number;
  /** Distinct keys the rotation scenario uses in turn; 0 leaves it out. */
  rotate: number;
  /** Requests in the rotation scenario; 0 runs it for the duration instead. */
  requests: number;
}

/** One autocannon run of one scenario, and what the service did meanwhile. */
interface Sample {
  rps: number;
  p50: number;
  p99: number;
  /** The service's CPU time (user + system) per request, in microseconds. */
  cpuUs: number;
  /** The service's resident memory when the run ended, and its growth during it, in MB. */
  rssMb: number;
  rssGrowthMb: number;
  /** Commits seen by SQLite's data_version while the run ran; undefined on MariaDB. */
  writes?: number;
}

/** A scenario's runs, one per round, each with the hello run of its round. */
interface Row {
  scenario: string;
  runs: { sample: Sample; hello: Sample }[];
  /** Latency at the paced rate. */
  paced?: { p50: number; p99: number };
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
      rounds: { type: 'string', default: '3' },
      paced: { type: 'string', default: '0.5' },
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
    rounds: wholeNumber('rounds', values.rounds),
    pacedShare: share('paced', values.paced),
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
      name: FLOOR,
      method: 'GET',
      path: '/api/v1/bench/floor',
      headers: bearer(userKey),
      status: 200,
    },
    { name: ME, method: 'GET', path: '/api/v1/me', headers: bearer(userKey), status: 200 },
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
      name: POST_HELLO,
      method: 'POST',
      path: '/api/v1/bench/hello',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: userKey }),
      status: 200,
    },
    {
      name: VERIFY,
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

async function measureSample(
  { base, pid }: RunningService,
  scenario: Scenario,
  load: Load,
  sqliteFile?: string,
): Promise<Sample> {
  const measured = await measure(base, scenario, load, () => observe(pid, sqliteFile));
  const observed = measured.monitored!;
  return {
    rps: measured.rps,
    p50: measured.p50,
    p99: measured.p99,
    cpuUs: (observed.cpuSeconds * 1e6) / measured.total,
    rssMb: observed.rssMb,
    rssGrowthMb: observed.rssGrowthMb,
    writes: observed.writes,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median of `values` to two places, with their range when there are several. */
function medianWithRange(values: number[]): string {
  const text = median(values).toFixed(2);
  if (values.length < 2) return text;
  return `${text} (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
}

function table(rows: Row[], options: Options): string {
  const lines = [
    '| scenario | req/s | p50 ms | p99 ms | vs hello | CPU µs/req | hello CPU ÷ this | paced p50 / p99 ms | RSS MB (growth) | SQLite commits seen |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(({ scenario, runs, paced }) => {
      const of = (pick: (sample: Sample) => number) => median(runs.map((run) => pick(run.sample)));
      const last = runs[runs.length - 1].sample;
      const growth = runs.reduce((sum, run) => sum + run.sample.rssGrowthMb, 0);
      const writes = runs.every((run) => run.sample.writes === undefined)
        ? 'n/a'
        : runs.reduce((sum, run) => sum + (run.sample.writes ?? 0), 0);
      return (
        `| ${scenario} | ${Math.round(of((s) => s.rps))} | ${of((s) => s.p50)} | ${of((s) => s.p99)} ` +
        `| ${medianWithRange(runs.map((run) => run.sample.rps / run.hello.rps))} ` +
        `| ${Math.round(of((s) => s.cpuUs))} ` +
        `| ${medianWithRange(runs.map((run) => run.hello.cpuUs / run.sample.cpuUs))} ` +
        `| ${paced ? `${paced.p50} / ${paced.p99}` : 'n/a'} ` +
        `| ${Math.round(last.rssMb)} (${growth >= 0 ? '+' : ''}${Math.round(growth)}) | ${writes} |`
      );
    }),
  ];
  const setup =
    `${options.db}${options.redis ? ' + Redis' : ''}, ` +
    `KEY_CACHE_TTL_S ${options.cacheTtlS ?? 'default'}, ${options.keys} keys, ` +
    `${options.connections} connections, ${options.rounds} rounds of ${options.durationS} s per scenario, ` +
    (options.pacedShare > 0 ? `paced runs at ${options.pacedShare} × their own req/s, ` : '') +
    `node ${process.version}`;
  return `${setup}\n\n${lines.join('\n')}`;
}

/**
 * A scenario's req/s against another yardstick's in the same rounds: verify
 * against POST hello is what the key checks cost beyond the body; /me
 * against the floor is what they cost beyond the least any key check does.
 */
function againstYardstick(rows: Row[], scenario: string, yardstick: string): string {
  const runsOf = (name: string) => rows.find((row) => row.scenario === name)!.runs;
  const yardstickRuns = runsOf(yardstick);
  const ratios = runsOf(scenario).map(
    (run, round) => run.sample.rps / yardstickRuns[round].sample.rps,
  );
  return `${scenario} vs ${yardstick}: ${medianWithRange(ratios)}`;
}

/** A paced run's rate: a share of the scenario's median req/s at full speed. */
function pacedRate(row: Row, options: Options): number {
  return Math.max(
    1,
    Math.round(options.pacedShare * median(row.runs.map((run) => run.sample.rps))),
  );
}

/**
 * Every scenario once per round, hello first, each compared with its round's
 * hello; then the paced runs; then the rotation, which runs once (it is about
 * memory over many requests, not a ratio to be steadied).
 */
async function runScenarios(
  service: RunningService,
  all: Scenario[],
  options: Options,
  sqliteFile?: string,
): Promise<Row[]> {
  const [hello, ...others] = all.filter((scenario) => !scenario.rotatingTokens);
  const rotation = all.filter((scenario) => scenario.rotatingTokens);
  const rows: Row[] = [hello, ...others, ...rotation].map((scenario) => ({
    scenario: scenario.name,
    runs: [],
  }));
  const rowOf = (scenario: Scenario) => rows.find((row) => row.scenario === scenario.name)!;
  let helloSample: Sample | undefined;
  const run = async (scenario: Scenario) => {
    const sample = await measureSample(service, scenario, options, sqliteFile);
    process.stderr.write(
      `bench: ${scenario.name}: ${Math.round(sample.rps)} req/s, ` +
        `${Math.round(sample.cpuUs)} µs CPU each, p99 ${sample.p99} ms\n`,
    );
    return sample;
  };
  for (let round = 1; round <= options.rounds; round++) {
    process.stderr.write(`bench: round ${round} of ${options.rounds}\n`);
    helloSample = await run(hello);
    rowOf(hello).runs.push({ sample: helloSample, hello: helloSample });
    for (const scenario of others) {
      rowOf(scenario).runs.push({ sample: await run(scenario), hello: helloSample });
    }
  }
  if (options.pacedShare > 0) {
    for (const scenario of [hello, ...others]) {
      const row = rowOf(scenario);
      const rate = pacedRate(row, options);
      row.paced = await measurePaced(service.base, scenario, { ...options, rate });
      process.stderr.write(
        `bench: ${scenario.name} at ${rate} req/s: p50 ${row.paced.p50} ms, p99 ${row.paced.p99} ms\n`,
      );
    }
  }
  for (const scenario of rotation) {
    rowOf(scenario).runs.push({ sample: await run(scenario), hello: helloSample! });
  }
  return rows;
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
    const rows = await runScenarios(
      service,
      scenarios(verifierKey, userKey, rotatingTokens, options.requests),
      options,
      sqliteFile,
    );
    const comparisons = [
      againstYardstick(rows, ME, FLOOR),
      againstYardstick(rows, VERIFY, POST_HELLO),
    ];
    process.stdout.write(`${table(rows, options)}\n\n${comparisons.join('\n')}\n`);
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
