/**
 * `npm run soak`: holds a moderate, steady load on the built service for
 * SOAK_MINUTES (default 10) and reports what went wrong and whether memory
 * grew. Not a CI test: it takes minutes and its numbers depend on the
 * machine. The service is started as for `npm run bench` (bench/service.ts).
 *
 * Each connection repeats: GET /me and POST /keys/verify four times each,
 * then creates a key and deletes it again (a fifth of the requests write).
 * Memory is sampled every 30 s: RSS from /proc/<pid>/status, the live heap
 * from the service's own /metrics (started with METRICS_PORT on loopback).
 * The rate is fixed with autocannon's overallRate: by default half of what
 * the same mix reached at full speed in a 10 s calibration run just before.
 *
 *   SOAK_MINUTES=10 npm run soak -- [--db sqlite|mariadb] [--redis] [--rate <req/s>] [--connections 20]
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { seedKeys, startService, type RunningService } from './service';
import { freePort, wholeNumber } from './support';

const SEEDED_KEYS = 200;
const CALIBRATION_S = 10;
const RSS_SAMPLE_S = 30;

interface Options {
  db: 'sqlite' | 'mariadb';
  redis: boolean;
  minutes: number;
  /** Requests per second; undefined = half the calibrated peak. */
  rate?: number;
  connections: number;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'sqlite' },
      redis: { type: 'boolean', default: false },
      minutes: { type: 'string', default: process.env.SOAK_MINUTES || '10' },
      rate: { type: 'string' },
      connections: { type: 'string', default: '20' },
    },
  });
  if (values.db !== 'sqlite' && values.db !== 'mariadb') throw new Error('--db: sqlite or mariadb');
  return {
    db: values.db,
    redis: values.redis,
    minutes: wholeNumber('minutes (SOAK_MINUTES)', values.minutes),
    rate: values.rate === undefined ? undefined : wholeNumber('rate', values.rate),
    connections: wholeNumber('connections', values.connections),
  };
}

/** The service's resident set size in MiB, from /proc (Linux). */
function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!kib) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Math.round(Number(kib[1]) / 1024);
}

/**
 * The service's live JavaScript heap in MiB, from its own /metrics: RSS
 * alone cannot tell a leak from V8 keeping memory it has freed.
 */
async function heapUsedMiB(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const bytes = /^nodejs_heap_size_used_bytes (\S+)$/m.exec(text);
  if (!bytes) throw new Error('no nodejs_heap_size_used_bytes in /metrics');
  return Math.round(Number(bytes[1]) / 1024 / 1024);
}

interface Memory {
  rss: number;
  heap: number;
}

async function memory(service: RunningService, metricsUrl: string): Promise<Memory> {
  return { rss: rssMiB(service.pid), heap: await heapUsedMiB(metricsUrl) };
}

type Tally = Map<string, number>;

/** The request mix, counting each answer by request and status into `tally`. */
function requestMix(
  rootKey: string,
  verifierKey: string,
  userKey: string,
  tally: Tally,
): autocannon.Request[] {
  const count = (name: string) => (status: number) => {
    const key = `${name} → ${status}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  };
  const json = { 'content-type': 'application/json' };
  const me: autocannon.Request = {
    method: 'GET',
    path: '/api/v1/me',
    headers: { authorization: `Bearer ${userKey}` },
    onResponse: count('GET /me'),
  };
  const verify: autocannon.Request = {
    method: 'POST',
    path: '/api/v1/keys/verify',
    headers: { authorization: `Bearer ${verifierKey}`, ...json },
    body: JSON.stringify({ key: userKey }),
    onResponse: count('POST /keys/verify'),
  };
  interface Created {
    keyId?: string;
  }
  const create: autocannon.Request = {
    method: 'POST',
    path: '/api/v1/keys',
    headers: { authorization: `Bearer ${rootKey}`, ...json },
    setupRequest: (request) => ({
      ...request,
      body: JSON.stringify({ name: `soak-${randomBytes(8).toString('hex')}` }),
    }),
    onResponse: (status, body, context: Created) => {
      count('POST /keys')(status);
      context.keyId =
        status === 201 ? (JSON.parse(body) as { data: { id: string } }).data.id : undefined;
    },
  };
  const remove: autocannon.Request = {
    method: 'DELETE',
    headers: { authorization: `Bearer ${rootKey}` },
    // Nothing to delete when the create failed (already counted): start the cycle again.
    setupRequest: (request, context: Created) =>
      (context.keyId
        ? { ...request, path: `/api/v1/keys/${context.keyId}` }
        : undefined) as unknown as autocannon.Request,
    onResponse: count('DELETE /keys/:id'),
  };
  return [me, verify, me, verify, me, verify, me, verify, create, remove];
}

function run(
  service: RunningService,
  requests: autocannon.Request[],
  options: Options,
  durationS: number,
  rate?: number,
): Promise<autocannon.Result> {
  return autocannon({
    url: service.base,
    requests,
    connections: options.connections,
    duration: durationS,
    ...(rate !== undefined && { overallRate: rate }),
  });
}

function report(
  options: Options,
  rate: number,
  peak: number | undefined,
  result: autocannon.Result,
  tally: Tally,
  samples: Memory[],
): { text: string; failed: boolean } {
  const rss = samples.map((m) => m.rss);
  const heap = samples.map((m) => m.heap);
  const failures = [...tally].filter(([key]) => !/→ 2\d\d$/.test(key));
  const answered = [...tally.values()].reduce((sum, n) => sum + n, 0);
  const setup =
    `${options.db}${options.redis ? ' + Redis' : ''}, ${SEEDED_KEYS} seeded keys, ` +
    `${options.connections} connections, ${options.minutes} min at ${rate} req/s` +
    (peak === undefined ? '' : ` (half of ${Math.round(peak)} req/s measured at full speed)`) +
    `, node ${process.version}`;
  const lines = [
    setup,
    '',
    '| | |',
    '|---|---:|',
    `| requests answered | ${answered} |`,
    `| req/s (mean) | ${Math.round(result.requests.average)} |`,
    `| non-2xx | ${failures.reduce((sum, [, n]) => sum + n, 0)} |`,
    `| connection errors / timeouts | ${result.errors} / ${result.timeouts} |`,
    `| latency p50 / p99 / max ms | ${result.latency.p50} / ${result.latency.p99} / ${result.latency.max} |`,
    `| service RSS at start / end / max MiB | ${rss[0]} / ${rss[rss.length - 1]} / ${Math.max(...rss)} |`,
    `| service heap used at start / end / max MiB | ${heap[0]} / ${heap[heap.length - 1]} / ${Math.max(...heap)} |`,
    '',
    `RSS every ${RSS_SAMPLE_S} s (MiB): ${rss.join(', ')}`,
    '',
    `Heap used every ${RSS_SAMPLE_S} s (MiB): ${heap.join(', ')}`,
    '',
    'Answers by request and status:',
    '',
    ...[...tally].sort().map(([key, n]) => `- ${key}: ${n}`),
  ];
  return { text: lines.join('\n'), failed: failures.length > 0 || result.errors > 0 };
}

async function main(): Promise<void> {
  const options = parseOptions();
  const metricsPort = await freePort();
  const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  const service = await startService({
    db: options.db,
    redis: options.redis,
    mariaDbDatabase: 'latchkey_soak',
    // Root owns the seeded keys plus at most one created key per connection.
    maxKeysPerUser: SEEDED_KEYS + options.connections + 10,
    env: { METRICS_PORT: String(metricsPort) },
    tool: 'soak',
  });
  try {
    process.stderr.write(`soak: seeding ${SEEDED_KEYS} keys\n`);
    const { verifierKey, userKey } = await seedKeys(service, SEEDED_KEYS);

    let peak: number | undefined;
    let rate = options.rate;
    if (rate === undefined) {
      process.stderr.write(`soak: calibrating for ${CALIBRATION_S} s at full speed\n`);
      const mix = requestMix(service.rootKey, verifierKey, userKey, new Map());
      peak = (await run(service, mix, options, CALIBRATION_S)).requests.average;
      rate = Math.max(1, Math.round(peak / 2));
    }

    const tally: Tally = new Map();
    const samples = [await memory(service, metricsUrl)];
    const sample = (sampled: Memory) => {
      process.stderr.write(`soak: RSS ${sampled.rss} MiB, heap used ${sampled.heap} MiB\n`);
      samples.push(sampled);
    };
    process.stderr.write(`soak: ${options.minutes} min at ${rate} req/s\n`);
    sample(samples.pop()!);
    const sampler = setInterval(() => {
      memory(service, metricsUrl).then(sample, (error: unknown) =>
        process.stderr.write(`soak: sampling memory failed: ${String(error)}\n`),
      );
    }, RSS_SAMPLE_S * 1000);
    const mix = requestMix(service.rootKey, verifierKey, userKey, tally);
    const result = await run(service, mix, options, options.minutes * 60, rate);
    clearInterval(sampler);
    sample(await memory(service, metricsUrl));

    const { text, failed } = report(options, rate, peak, result, tally, samples);
    process.stdout.write(`${text}\n`);
    if (failed) process.exitCode = 1;
  } finally {
    await service.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`soak: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
