/**
 * `npm run bench:guard`: what `@latchkey/guard` in remote mode costs a route
 * of another service, and how fast a revocation reaches it (issue 18 item 5).
 *
 * Starts the built Latchkey (SQLite, `bench/service.ts`) and the example
 * inventory service (`bench/guard-service.ts`) as child processes on
 * 127.0.0.1, and creates through the API a `service` user with its verifier
 * key and a client with `--keys` keys holding `read:assets`. Then, for the
 * guard with its defaults (verdicts 60 s while the change stream is up) and
 * with the cache off (`cacheTtlMs: 0`), it loads the service's guarded
 * `GET /items` with the keys in turn, between two runs of the same handler
 * at `GET /open/items` with `@Public()`, and reports guarded ÷ public. Last,
 * with the defaults, it disables, deletes or regenerates a key the service
 * has just verified and measures how long the service goes on accepting it
 * after Latchkey has answered the change. Load never leaves this machine;
 * every response must be the one expected or the run fails.
 *
 *   npm run bench:guard -- [--duration 10] [--connections 50] [--keys 500] [--reach 10]
 */
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from './measure';
import { type RunningService, startService } from './service';
import {
  call,
  create,
  freePort,
  type Load,
  measure,
  type Scenario,
  startChild,
  stopChild,
  waitFor200,
  wholeNumber,
} from './support';

/** The targets. */
const TARGETS = {
  /** Guarded ÷ public, the guard's defaults. */
  defaults: 0.8,
  /** Guarded ÷ public, the cache off. */
  cacheOff: 0.3,
  /** A revoked key refused by the service within this, after Latchkey's answer. */
  reachMs: 250,
};
/** Polling for the refusal gives up after this: the stream would have failed. */
const REACH_GIVE_UP_MS = 10_000;

interface Options extends Load {
  keys: number;
  /** Revocations measured per kind of change. */
  reach: number;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
      keys: { type: 'string', default: '500' },
      reach: { type: 'string', default: '10' },
    },
  });
  return {
    durationS: wholeNumber('duration', values.duration),
    connections: wholeNumber('connections', values.connections),
    keys: wholeNumber('keys', values.keys),
    reach: wholeNumber('reach', values.reach),
  };
}

interface Seeded {
  serviceKey: string;
  clientId: string;
  tokens: string[];
}

/** A service user with an enterprise verifier key; a client with `count` reader keys. */
async function seed(latchkey: RunningService, count: number): Promise<Seeded> {
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
async function startInventory(
  latchkeyUrl: string,
  serviceKey: string,
  cacheTtlMs?: number,
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
      LATCHKEY_CACHE_TTL_MS: cacheTtlMs === undefined ? undefined : String(cacheTtlMs),
      // Measure latency, not the timeout: under this load on a shared
      // machine a verification can take longer than the default 2 s.
      LATCHKEY_TIMEOUT_MS: '30000',
    },
  );
  const base = `http://127.0.0.1:${port}`;
  await waitFor200(`${base}/open/items`, 'the inventory service');
  return { child, base };
}

interface Configuration {
  name: string;
  cacheTtlMs?: number;
  target: number;
}

interface ThroughputRow {
  configuration: string;
  publicRps: number;
  guardedRps: number;
  p50: number;
  p99: number;
  ratio: number;
  target: number;
}

/** Public, guarded, public: the guarded run against the mean of the two around it. */
async function throughput(
  base: string,
  configuration: Configuration,
  tokens: string[],
  load: Load,
): Promise<ThroughputRow> {
  const scenario = (path: string, name: string): Scenario => ({
    name: `${name}, ${configuration.name}`,
    method: 'GET',
    path,
    status: 200,
    // The same keys in turn on both routes, so both load alike (and with the same tool).
    rotatingTokens: tokens,
  });
  const run = async (s: Scenario) => {
    process.stderr.write(`bench: ${s.name}\n`);
    return measure<never>(base, s, load);
  };
  const open = scenario('/open/items', 'GET /open/items (@Public)');
  const before = await run(open);
  const guarded = await run(scenario('/items', 'GET /items (guarded)'));
  const after = await run(open);
  const publicRps = (before.rps + after.rps) / 2;
  return {
    configuration: configuration.name,
    publicRps,
    guardedRps: guarded.rps,
    p50: guarded.p50,
    p99: guarded.p99,
    ratio: guarded.rps / publicRps,
    target: configuration.target,
  };
}

/** The changes that revoke a key, made on Latchkey with the root key. */
const REVOCATIONS: Record<string, (latchkey: RunningService, id: string) => Promise<number>> = {
  disabled: async (l, id) =>
    (await call(l.base, l.rootKey, 'PATCH', `/api/v1/keys/${id}`, { status: 'inactive' })).status,
  deleted: async (l, id) => (await call(l.base, l.rootKey, 'DELETE', `/api/v1/keys/${id}`)).status,
  regenerated: async (l, id) =>
    (await call(l.base, l.rootKey, 'POST', `/api/v1/keys/${id}/regenerate`, {})).status,
};

async function itemsStatus(base: string, token: string): Promise<number> {
  const response = await fetch(`${base}/items`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  return response.status;
}

/** Revoked keys so far, to name each one apart (names are unique per owner). */
let revoked = 0;

/**
 * Milliseconds from Latchkey's answer to the change until the service first
 * refuses the key (401), the key having been verified (and cached) just before.
 */
async function reachOnce(
  latchkey: RunningService,
  serviceBase: string,
  clientId: string,
  revoke: (latchkey: RunningService, id: string) => Promise<number>,
): Promise<number> {
  const key = await create(latchkey.base, latchkey.rootKey, '/api/v1/keys', {
    name: `bench-revoked-${++revoked}`,
    scopes: ['read:assets'],
    owner_id: clientId,
  });
  const token = String(key.key);
  for (let i = 0; i < 2; i++) {
    const status = await itemsStatus(serviceBase, token);
    if (status !== 200) throw new Error(`a fresh key: expected 200, got ${status}`);
  }
  const status = await revoke(latchkey, String(key.id));
  if (status !== 200) throw new Error(`the change: expected 200, got ${status}`);
  const answered = performance.now();
  for (;;) {
    const answer = await itemsStatus(serviceBase, token);
    const elapsed = performance.now() - answered;
    if (answer === 401) return elapsed;
    if (answer !== 200) throw new Error(`a revoked key: expected 200 or 401, got ${answer}`);
    if (elapsed > REACH_GIVE_UP_MS)
      throw new Error(`a revoked key still passes after ${elapsed} ms`);
  }
}

interface ReachRow {
  change: string;
  samples: number[];
}

const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
const ms = (value: number) => value.toFixed(1);

function report(rows: ThroughputRow[], reach: ReachRow[], options: Options): string {
  const setup =
    `remote mode, Latchkey on SQLite, ${options.keys} client keys in turn, ` +
    `${options.connections} connections, ${options.durationS} s per run, node ${process.version}`;
  const throughputTable = [
    '| guard | public req/s | guarded req/s | guarded p50 ms | guarded p99 ms | guarded ÷ public | target | |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.configuration} | ${Math.round(r.publicRps)} | ${Math.round(r.guardedRps)} | ` +
        `${r.p50} | ${r.p99} | ${r.ratio.toFixed(2)} | ≥ ${r.target.toFixed(2)} | ${met(r.ratio >= r.target)} |`,
    ),
  ];
  const reachTable = [
    `| key | samples | median ms | max ms | target | |`,
    '|---|---:|---:|---:|---:|---|',
    ...reach.map((r) => {
      const max = Math.max(...r.samples);
      return (
        `| ${r.change} | ${r.samples.length} | ${ms(median(r.samples))} | ${ms(max)} | ` +
        `≤ ${TARGETS.reachMs} | ${met(max <= TARGETS.reachMs)} |`
      );
    }),
  ];
  return [
    setup,
    '',
    ...throughputTable,
    '',
    'Revocation reach (defaults): from Latchkey answering the change to the service first refusing the key.',
    '',
    ...reachTable,
  ].join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions();
  const latchkey = await startService({
    db: 'sqlite',
    redis: false,
    mariaDbDatabase: '',
    maxKeysPerUser: options.keys + 3 * options.reach + 10,
    tool: 'bench-guard',
  });
  const children: ChildProcess[] = [];
  try {
    process.stderr.write(`bench: creating ${options.keys} client keys\n`);
    const { serviceKey, clientId, tokens } = await seed(latchkey, options.keys);
    const configurations: Configuration[] = [
      { name: 'defaults', target: TARGETS.defaults },
      { name: 'cache off', cacheTtlMs: 0, target: TARGETS.cacheOff },
    ];
    const rows: ThroughputRow[] = [];
    let reach: ReachRow[] = [];
    for (const configuration of configurations) {
      const inventory = await startInventory(latchkey.base, serviceKey, configuration.cacheTtlMs);
      children.push(inventory.child);
      rows.push(await throughput(inventory.base, configuration, tokens, options));
      if (configuration.cacheTtlMs === undefined) {
        reach = [];
        for (const [change, revoke] of Object.entries(REVOCATIONS)) {
          process.stderr.write(`bench: revocation reach, a key ${change}\n`);
          const samples: number[] = [];
          for (let i = 0; i < options.reach; i++) {
            samples.push(await reachOnce(latchkey, inventory.base, clientId, revoke));
          }
          reach.push({ change, samples });
        }
      }
      await stopChild(inventory.child);
    }
    process.stdout.write(`${report(rows, reach, options)}\n`);
  } finally {
    for (const child of children.reverse()) await stopChild(child);
    await latchkey.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
