/**
 * `npm run bench`'s command line:
 *
 *   npm run bench -- [--db sqlite|mariadb] [--redis] [--cache-ttl 30] [--keys 1000]
 *                    [--duration 10] [--connections 50] [--rounds 3] [--tool wrk|autocannon]
 *                    [--mariadb] [--config-ab] [--paced 0.5] [--rotate 100000 [--requests 2000000]]
 *                    [--mariadb-database latchkey_bench] [--redis-url redis://127.0.0.1:6379/13]
 *
 * `--db` and `--redis` choose the database of the main Latchkey, which runs
 * every scenario; `--mariadb` adds `GET /me` on MariaDB with Redis and
 * without it; `--config-ab` adds `GET /me` with settings a user has
 * (METRICS_PORT set, KEY_CACHE_TTL_S=0), each against the main rows.
 */
import { parseArgs } from 'node:util';
import { availableLoadTool, type LoadTool } from './load';
import { DEFAULT_REDIS_URL } from './service';
import { share, wholeNumber } from './support';

export interface Options {
  db: 'sqlite' | 'mariadb';
  redis: boolean;
  /** KEY_CACHE_TTL_S for the main service; undefined leaves its default. */
  cacheTtlS?: number;
  keys: number;
  durationS: number;
  connections: number;
  rounds: number;
  tool: LoadTool;
  /** True when wrk was not asked against but is not installed. */
  toolFallback: boolean;
  /** Add the MariaDB rows (with and without Redis). */
  mariadb: boolean;
  /** Add the rows that change one setting of the main service. */
  configAb: boolean;
  /** The paced run's rate as a share of the scenario's own req/s; 0 leaves the paced run out. */
  pacedShare: number;
  /** Distinct keys the rotation scenario uses in turn; 0 leaves it out. */
  rotate: number;
  /** Requests in the rotation scenario; 0 runs it for the duration instead. */
  requests: number;
  /** MariaDB database of the main service; other services add a suffix. Dropped and recreated. */
  mariaDbDatabase: string;
  redisUrl: string;
}

export function parseOptions(args = process.argv.slice(2)): Options {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string', default: 'sqlite' },
      redis: { type: 'boolean', default: false },
      'cache-ttl': { type: 'string' },
      keys: { type: 'string', default: '1000' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
      rounds: { type: 'string', default: '3' },
      tool: { type: 'string' },
      mariadb: { type: 'boolean', default: false },
      'config-ab': { type: 'boolean', default: false },
      paced: { type: 'string', default: '0' },
      rotate: { type: 'string', default: '0' },
      requests: { type: 'string', default: '0' },
      'mariadb-database': { type: 'string', default: 'latchkey_bench' },
      'redis-url': { type: 'string', default: DEFAULT_REDIS_URL },
    },
  });
  if (values.db !== 'sqlite' && values.db !== 'mariadb') throw new Error('--db: sqlite or mariadb');
  if (values.tool !== undefined && values.tool !== 'wrk' && values.tool !== 'autocannon') {
    throw new Error('--tool: wrk or autocannon');
  }
  if (!/^\w+$/.test(values['mariadb-database'])) {
    throw new Error('--mariadb-database: letters, digits and _ only');
  }
  const found = availableLoadTool();
  if (values.tool === 'wrk' && found !== 'wrk') throw new Error('--tool wrk: wrk is not installed');
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
    tool: values.tool ?? found,
    toolFallback: values.tool === undefined && found === 'autocannon',
    mariadb: values.mariadb,
    configAb: values['config-ab'],
    pacedShare: share('paced', values.paced),
    rotate,
    requests: wholeNumber('requests', values.requests, 0),
    mariaDbDatabase: values['mariadb-database'],
    redisUrl: values['redis-url'],
  };
}
