/**
 * `npm run bench:guard`'s measurements: the guarded route's throughput
 * against the public one, and how long a revoked key goes on passing.
 */
import type { RunningService } from './service';
import { call, create, type Load, measure, type Scenario } from './support';

/** Polling for the refusal gives up after this: the stream would have failed. */
const REACH_GIVE_UP_MS = 10_000;

export interface Configuration {
  name: string;
  cacheTtlMs?: number;
  target: number;
}

export interface ThroughputRow {
  configuration: string;
  publicRps: number;
  guardedRps: number;
  p50: number;
  p99: number;
  ratio: number;
  target: number;
}

/** Public, guarded, public: the guarded run against the mean of the two around it. */
export async function throughput(
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
