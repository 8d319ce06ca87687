/**
 * Latchkey under load, for `npm run bench` and `npm run soak`: start the
 * built service (`dist/`) as a child process on 127.0.0.1 with a throw-away
 * DATA_DIR and rate limits too high to matter, wait until it is healthy, and
 * seed keys through its API. Load never leaves this machine.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { call, freePort, startChild, stopChild, waitFor200 } from './support';

const MARIADB_SERVER = 'mariadb://root@127.0.0.1:3306';
/** High enough that no request is ever refused with a 429. */
const NO_LIMIT = '100000000';

export interface ServiceOptions {
  db: 'sqlite' | 'mariadb';
  redis: boolean;
  /** MariaDB database to drop and recreate (`--db mariadb` only). */
  mariaDbDatabase: string;
  /** MAX_KEYS_PER_USER: root owns every seeded key. */
  maxKeysPerUser: number;
  /** Extra environment for the service, e.g. BENCH_BASELINE=1. */
  env?: NodeJS.ProcessEnv;
  /** Names the script in messages. */
  tool: string;
}

export interface RunningService {
  base: string;
  pid: number;
  dataDir: string;
  rootKey: string;
  stop(): Promise<void>;
}

async function recreateMariaDbDatabase(name: string): Promise<void> {
  const connection = await createConnection(MARIADB_SERVER.replace(/^mariadb:/, 'mysql:'));
  try {
    await connection.query(`DROP DATABASE IF EXISTS ${name}`);
    await connection.query(`CREATE DATABASE ${name}`);
  } finally {
    await connection.end();
  }
}

/** Starts `node dist/src/main.js` and returns once it answers healthy. */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const dataDir = mkdtempSync(join(tmpdir(), `latchkey-${options.tool}-`));
  if (options.db === 'mariadb') await recreateMariaDbDatabase(options.mariaDbDatabase);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    MAX_KEYS_PER_USER: String(options.maxKeysPerUser),
    RATE_LIMIT_STANDARD: NO_LIMIT,
    RATE_LIMIT_PREMIUM: NO_LIMIT,
    RATE_LIMIT_ENTERPRISE: NO_LIMIT,
    RATE_LIMIT_ANONYMOUS: NO_LIMIT,
    DATABASE_URL: options.db === 'mariadb' ? mariaDbUrl(options.mariaDbDatabase) : undefined,
    REDIS_URL: options.redis
      ? `redis://127.0.0.1:6379/13?keyPrefix=${options.tool}${randomBytes(4).toString('hex')}:`
      : undefined,
    ...options.env,
  };
  const child = startChild('the service', [resolve('dist/src/main.js')], env);
  const stop = async () => {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  };

  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor200(`${base}/api/v1/health`, 'the service');
  } catch (error) {
    await stop();
    throw error;
  }
  const rootKey = readFileSync(join(dataDir, '.api_key'), 'utf8').trim();
  return { base, pid: child.pid!, dataDir, rootKey, stop };
}

/**
 * Creates `count` keys for root through the API, a few requests at a time;
 * the first may verify keys, the others hold nothing. Returns the first two
 * tokens: the rest only make the table the size of a real one.
 */
export async function seedKeys(base: string, rootKey: string, count: number): Promise<string[]> {
  const tokens: string[] = [];
  const create = async (i: number) => {
    const { status, json } = await call(base, rootKey, 'POST', '/api/v1/keys', {
      name: `seed-${i}`,
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

/** The URL of a database on the local MariaDB server. */
export function mariaDbUrl(database: string): string {
  return `${MARIADB_SERVER}/${database}`;
}
