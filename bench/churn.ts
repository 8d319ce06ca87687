/**
 * `npm run bench:churn`: the key cache and memory under many keys and steady
 * change (issue 16). Starts the built service with /metrics on loopback,
 * writes `--keys` keys into its database, and sends `GET /me` with each key
 * in turn (wrk, a token file read by its script) in runs of `--chunk`
 * seconds: first two passes over every key to warm the cache (a key is
 * cached on its second read), then `--requests` requests while a key in use
 * is renamed through the API `--changes` times a second, each rename
 * evicting that key everywhere. After every run it reads the cache's hits
 * and misses from /metrics, the RSS from /proc and the live heap, so a
 * plateau can be told from a leak.
 *
 *   npm run bench:churn -- [--keys 100000] [--requests 2000000] [--changes 10]
 *                          [--cache-entries <keys + 1000>] [--cache-ttl <default>] [--chunk 10]
 *                          [--connections 50]
 *
 * A key cached for KEY_CACHE_TTL_S is read again once it is older, however
 * often it is used: with every key coming back only every --keys ÷ req/s
 * seconds, the hit rate is bounded by that period against the TTL, apart
 * from any change (BENCHMARKS.md); --cache-ttl shows the changes alone.
 *                          [--db sqlite|mariadb] [--redis] [--mariadb-database latchkey_churn]
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { availableLoadTool, runLoad } from './load';
import { rssMb } from './measure';
import { seedKeys, startService, type RunningService } from './service';
import { call, freePort, type Scenario, wholeNumber } from './support';

interface Options {
  keys: number;
  requests: number;
  changesPerS: number;
  cacheEntries: number;
  /** KEY_CACHE_TTL_S; undefined leaves the service's default. */
  cacheTtlS?: number;
  chunkS: number;
  connections: number;
  db: 'sqlite' | 'mariadb';
  redis: boolean;
  mariaDbDatabase: string;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      keys: { type: 'string', default: '100000' },
      requests: { type: 'string', default: '2000000' },
      changes: { type: 'string', default: '10' },
      'cache-entries': { type: 'string' },
      'cache-ttl': { type: 'string' },
      chunk: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
      db: { type: 'string', default: 'sqlite' },
      redis: { type: 'boolean', default: false },
      'mariadb-database': { type: 'string', default: 'latchkey_churn' },
    },
  });
  if (values.db !== 'sqlite' && values.db !== 'mariadb') throw new Error('--db: sqlite or mariadb');
  const keys = wholeNumber('keys', values.keys);
  return {
    keys,
    requests: wholeNumber('requests', values.requests),
    changesPerS: wholeNumber('changes', values.changes, 0),
    cacheEntries: wholeNumber('cache-entries', values['cache-entries'] ?? String(keys + 1000)),
    cacheTtlS:
      values['cache-ttl'] === undefined ? undefined : wholeNumber('cache-ttl', values['cache-ttl']),
    chunkS: wholeNumber('chunk', values.chunk),
    connections: wholeNumber('connections', values.connections),
    db: values.db,
    redis: values.redis,
    mariaDbDatabase: values['mariadb-database'],
  };
}

/** What the service says of itself at one moment. */
interface Reading {
  hits: number;
  misses: number;
  heapMb: number;
  rssMb: number;
}

function metric(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`no ${series} in /metrics`);
  return Number(line.slice(series.length + 1));
}

async function read(service: RunningService, metricsUrl: string): Promise<Reading> {
  const text = await (await fetch(metricsUrl)).text();
  return {
    hits: metric(text, 'latchkey_key_cache_lookups_total{result="hit"}'),
    misses: metric(text, 'latchkey_key_cache_lookups_total{result="miss"}'),
    heapMb: Math.round(metric(text, 'nodejs_heap_size_used_bytes') / 2 ** 20),
    rssMb: Math.round(rssMb(service.pid)),
  };
}

/** Renames keys in use, one every 1/changesPerS s, for as long as it runs; each must answer 200. */
function renameInTurn(service: RunningService, ids: string[], changesPerS: number) {
  let made = 0;
  const failures: string[] = [];
  const timer =
    changesPerS > 0
      ? setInterval(() => {
          const id = ids[Math.floor(Math.random() * ids.length)];
          const name = `churned-${randomUUID()}`;
          made++;
          call(service.base, service.rootKey, 'PATCH', `/api/v1/keys/${id}`, { name }).then(
            ({ status }) => status === 200 || failures.push(`PATCH ${id}: ${status}`),
            (error: unknown) => failures.push(`PATCH ${id}: ${String(error)}`),
          );
        }, 1000 / changesPerS)
      : undefined;
  return {
    stop(): number {
      clearInterval(timer);
      if (failures.length > 0)
        throw new Error(`changes failed: ${failures.slice(0, 3).join('; ')}`);
      return made;
    },
  };
}

interface Run {
  phase: string;
  requests: number;
  rps: number;
  hitRate: number;
  after: Reading;
  changes: number;
}

function hitRate(before: Reading, after: Reading): number {
  const hits = after.hits - before.hits;
  const lookups = hits + after.misses - before.misses;
  return lookups === 0 ? 0 : hits / lookups;
}

function report(options: Options, runs: Run[], start: Reading, warm: Reading): string {
  const measured = runs.filter((run) => run.phase === 'measured');
  const last = measured[measured.length - 1]?.after ?? warm;
  const half = measured[Math.floor(measured.length / 2)]?.after ?? warm;
  const total = measured.reduce((sum, run) => sum + run.requests, 0);
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
  const [load1] = loadavg();
  return [
    `\`npm run bench:churn -- --keys ${options.keys} --requests ${options.requests} --changes ${options.changesPerS}\`` +
      ` (${options.db}${options.redis ? ' + Redis' : ''}, KEY_CACHE_MAX_ENTRIES=${options.cacheEntries},` +
      ` KEY_CACHE_TTL_S=${options.cacheTtlS ?? 'default'},` +
      ` LOG_LEVEL=warn, wrk -t1 -c${options.connections}, node ${process.version}, load average ${load1.toFixed(1)} at the end)`,
    '',
    '| run | phase | requests | req/s | cache hit rate | changes | RSS MB | heap MB |',
    '| --: | ----- | -------: | ----: | -------------: | ------: | -----: | ------: |',
    `| 0 | start | | | | | ${start.rssMb} | ${start.heapMb} |`,
    ...runs.map(
      (run, i) =>
        `| ${i + 1} | ${run.phase} | ${run.requests} | ${Math.round(run.rps)} | ${percent(run.hitRate)} |` +
        ` ${run.changes} | ${run.after.rssMb} | ${run.after.heapMb} |`,
    ),
    '',
    `Measured: ${total} requests over ${options.keys} keys with ${measured.reduce((s, r) => s + r.changes, 0)} renames;` +
      ` cache hit rate ${percent(hitRate(warm, last))}.`,
    `RSS: ${start.rssMb} MB at start, ${warm.rssMb} MB once warm, ${last.rssMb} MB at the end` +
      ` (growth over the measured requests ${last.rssMb - warm.rssMb} MB, over their second half ${last.rssMb - half.rssMb} MB).`,
  ].join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions();
  const tool = availableLoadTool();
  if (tool !== 'wrk')
    process.stderr.write('churn: wrk is not installed; autocannon takes a core\n');
  const metricsPort = await freePort();
  const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  const service = await startService({
    db: options.db,
    redis: options.redis,
    mariaDbDatabase: options.mariaDbDatabase,
    maxKeysPerUser: 30,
    env: {
      METRICS_PORT: String(metricsPort),
      KEY_CACHE_MAX_ENTRIES: String(options.cacheEntries),
      ...(options.cacheTtlS === undefined ? {} : { KEY_CACHE_TTL_S: String(options.cacheTtlS) }),
    },
    tool: 'churn',
  });
  try {
    process.stderr.write(`churn: seeding ${options.keys} keys\n`);
    const { rotatingTokens, rotatingIds } = await seedKeys(service, options.keys + 2, options.keys);
    const scenario: Scenario = {
      name: `GET /me, ${options.keys} keys in turn`,
      method: 'GET',
      path: '/api/v1/me',
      status: 200,
      rotatingTokens,
    };
    const load = { connections: options.connections, durationS: options.chunkS, tool };
    const runs: Run[] = [];
    const runUntil = async (phase: string, requests: number, changesPerS: number) => {
      for (let sent = 0; sent < requests;) {
        const before = await read(service, metricsUrl);
        const changes = renameInTurn(service, rotatingIds, changesPerS);
        const result = await runLoad(tool, service.base, scenario, load, options.chunkS);
        const made = changes.stop();
        const after = await read(service, metricsUrl);
        sent += result.total;
        runs.push({
          phase,
          requests: result.total,
          rps: result.rps,
          hitRate: hitRate(before, after),
          after,
          changes: made,
        });
        process.stderr.write(
          `churn: ${phase} ${sent}/${requests}, hit rate ${hitRate(before, after).toFixed(3)}, RSS ${after.rssMb} MB\n`,
        );
      }
    };
    const start = await read(service, metricsUrl);
    await runUntil('warm-up', 2 * options.keys, 0);
    const warm = await read(service, metricsUrl);
    await runUntil('measured', options.requests, options.changesPerS);
    process.stdout.write(`${report(options, runs, start, warm)}\n`);
  } finally {
    await service.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`churn: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
