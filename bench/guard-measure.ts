/**
 * `npm run bench:guard`'s measurements: the guarded route's throughput
 * against the public one, and how long a revoked key goes on passing.
 */
import type { RunningService } from './service';
import { measureSample, type Sample, type Server } from './measure';
import { call, create, type Load, type Scenario } from './support';

/** Polling for the refusal gives up after this: the stream would have failed. */
const REACH_GIVE_UP_MS = 10_000;

export interface Configuration {
  name: string;
  cacheTtlMs?: number;
  target: number;
}

/** One guarded run and the public runs just before and after it. */
export interface GuardedRun {
  guarded: Sample;
  open: [Sample, Sample];
}

export interface ThroughputRow {
  configuration: string;
  target: number;
  runs: GuardedRun[];
}

/**
 * Public, then `rounds` times guarded and public again: each guarded run is
 * read against the mean of the two public runs around it, so that a machine
 * whose speed drifts is compared with itself. Latchkey's CPU is read beside
 * the service's: with the cache off, every request costs it a verification.
 */
export async function throughput(
  inventory: { base: string; pid: number },
  latchkey: RunningService,
  configuration: Configuration,
  tokens: string[],
  options: Load & { rounds: number },
): Promise<ThroughputRow> {
  const server: Server = {
    base: inventory.base,
    pid: inventory.pid,
    helpers: [{ name: 'latchkey', pid: latchkey.pid }],
  };
  const scenario = (path: string, name: string): Scenario => ({
    name: `${name}, ${configuration.name}`,
    method: 'GET',
    path,
    status: 200,
    // The same keys in turn on both routes, so both load alike (and with the same tool).
    rotatingTokens: tokens,
  });
  const run = async (s: Scenario) => {
    const sample = await measureSample({ scenario: s, server }, options);
    process.stderr.write(
      `bench: ${s.name}: ${Math.round(sample.rps)} req/s, ${Math.round(sample.cpuUs)} µs CPU each\n`,
    );
    return sample;
  };
  const open = scenario('/open/items', 'GET /open/items (@Public)');
  const guarded = scenario('/items', 'GET /items (guarded)');
  const runs: GuardedRun[] = [];
  let before = await run(open);
  for (let round = 1; round <= options.rounds; round++) {
    const sample = await run(guarded);
    const after = await run(open);
    runs.push({ guarded: sample, open: [before, after] });
    before = after;
  }
  return { configuration: configuration.name, target: configuration.target, runs };
}

/** The changes that revoke a key, made on Latchkey with the root key. */
export const REVOCATIONS: Record<
  string,
  (latchkey: RunningService, id: string) => Promise<number>
> = {
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
export async function reachOnce(
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

export interface ReachRow {
  change: string;
  samples: number[];
}
