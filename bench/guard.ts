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
 * at `GET /open/items` with `@Public()`, in `--rounds` rounds, and reports
 * guarded ÷ public, by req/s and by the service's CPU per request. Last,
 * with the defaults, it disables, deletes or regenerates a key the service
 * has just verified and measures how long the service goes on accepting it
 * after Latchkey has answered the change. Load never leaves this machine;
 * every response must be the one expected or the run fails.
 * Options and targets: bench/guard-options.ts; the keys and the inventory
 * service: bench/guard-setup.ts; the runs: bench/guard-measure.ts; the
 * table: bench/guard-report.ts.
 *
 *   npm run bench:guard -- [--duration 10] [--rounds 3] [--connections 50] [--keys 500] [--reach 10]
 */
import type { ChildProcess } from 'node:child_process';
import {
  type Configuration,
  type ReachRow,
  reachOnce,
  REVOCATIONS,
  throughput,
  type ThroughputRow,
} from './guard-measure';
import { parseOptions, TARGETS } from './guard-options';
import { report } from './guard-report';
import { seed, startInventory } from './guard-setup';
import { startService } from './service';
import { stopChild } from './support';

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
      rows.push(await throughput(inventory, latchkey, configuration, tokens, options));
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
