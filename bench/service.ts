/**
 * Latchkey under load, for `npm run bench` and `npm run soak`: start the
 * built service (`dist/`) as a child process on 127.0.0.1 with a throw-away
 * DATA_DIR and rate limits too high to matter, wait until it is healthy, and
 * seed keys through its API. Load never leaves this machine.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DatabaseSettings } from '../src/database/data-source-options';
import { insertKeys } from './bulk-keys';
import { call, freePort, startChild, stopChild, waitFor200 } from './support';

const MARIADB_SERVER = 'mariadb://root@127.0.0.1:3306';
/** Each run adds its own key prefix, so runs never share a counter. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379/13';
/** High enough that no request is ever refused with a 429. */
const NO_LIMIT = '100000000';

export interface ServiceOptions {
  db: 'sqlite' | 'mariadb';
  redis: boolean;
  /** MariaDB database to drop and recreate (`--db mariadb` only). */
  mariaDbDatabase: string;
  /** MAX_KEYS_PER_USER: root owns every seeded key. */
  maxKeysPerUser: number;
  /** Redis server and db (`redis: true` only); DEFAULT_REDIS_URL when not given. */
  redisUrl?: string;
  /** Extra environment for the service, e.g. LOG_LEVEL; `undefined` removes a variable. */
  env?: NodeJS.ProcessEnv;
  /**
   * Start bench/latchkey-with-yardsticks.ts (built to dist/bench/ by
   * `npm run build:bench`) instead of dist/src/main.js: the same service plus
   * the in-app yardstick routes, which the shipped service never has.
   */
  yardsticks?: boolean;
  /** Options for node itself, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Names the script in messages. */
  tool: string;
}

export interface RunningService {
  base: string;
  pid: number;
  dataDir: string;
  /** The database the service uses, for writing rows straight into it. */
  database: DatabaseSettings;
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

/** Starts the built service (`node dist/src/main.js`) and returns once it answers healthy. */
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
      ? `${options.redisUrl ?? DEFAULT_REDIS_URL}?keyPrefix=${options.tool}${randomBytes(4).toString('hex')}:`
      : undefined,
    ...options.env,
  };
  // Its log lines (one per request at the default level) go to a file, as
  // they would to a collector, not to our terminal.
  const log = openSync(join(dataDir, 'service.log'), 'a');
  const child = startChild(
    'the service',
    [
      ...(options.nodeArgs ?? []),
      resolve(options.yardsticks ? 'dist/bench/latchkey-with-yardsticks.js' : 'dist/src/main.js'),
    ],
    env,
    log,
  );
  const stop = async () => {
    await stopChild(child);
    closeSync(log);
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
  const database: DatabaseSettings =
    options.db === 'mariadb'
      ? { url: mariaDbUrl(options.mariaDbDatabase), sqlitePath: '' }
      : { sqlitePath: join(dataDir, 'latchkey.sqlite') };
  return { base, pid: child.pid!, dataDir, database, rootKey, stop };
}

/** The yardsticks of plain-app.ts, by their YARDSTICK. */
export type Yardstick = 'plain' | 'contract-floor' | 'post-floor';

/** A body shaped as `POST /keys/verify`'s, for the POST floor. */
export const VERIFY_SHAPED_BODY = JSON.stringify({ key: `lk_${'0'.repeat(64)}` });

/**
 * A yardstick of plain-app.ts: the plain app, the yardstick of every ratio,
 * by default; the contract floor (what Latchkey's `GET /` answers); the POST
 * floor (a validated JSON body, `POST /hello`).
 */
export async function startPlainApp(
  nodeArgs: string[] = [],
  yardstick: Yardstick = 'plain',
): Promise<{
  base: string;
  pid: number;
  stop(): Promise<void>;
}> {
  const port = await freePort();
  const name = `the ${yardstick === 'plain' ? 'plain app' : yardstick.replace('-', ' ')}`;
  const child = startChild(
    name,
    [...nodeArgs, '-r', 'ts-node/register/transpile-only', resolve('bench/plain-app.ts')],
    { ...process.env, HOST: '127.0.0.1', PORT: String(port), YARDSTICK: yardstick },
  );
  const base = `http://127.0.0.1:${port}`;
  const probe: RequestInit | undefined =
    yardstick === 'post-floor'
      ? {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: VERIFY_SHAPED_BODY,
        }
      : undefined;
  await waitFor200(`${base}/hello`, name, probe).catch(async (error: unknown) => {
    await stopChild(child);
    throw error;
  });
  return { base, pid: child.pid!, stop: () => stopChild(child) };
}

export interface SeededKeys {
  /** May verify keys (`api_keys.verify`). */
  verifierKey: string;
  /** Holds nothing: what `GET /me` is called with. */
  userKey: string;
  /** Tokens of bulk keys, for scenarios that use many keys in turn. */
  rotatingTokens: string[];
  /** The ids of those keys, in the same order, for changing them through the API. */
  rotatingIds: string[];
}

/**
 * The two keys the scenarios use, made through the API, then the rest of
 * the `count` keys written straight into the database (bulk-keys.ts), so the
 * table is the size of a real one. Hands back `rotate` of the bulk tokens.
 */
export async function seedKeys(
  service: RunningService,
  count: number,
  rotate = 0,
): Promise<SeededKeys> {
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
  const rotating = await insertKeys(service.database, rootId, Math.max(0, count - 2), rotate);
  return {
    verifierKey,
    userKey,
    rotatingTokens: rotating.map((key) => key.token),
    rotatingIds: rotating.map((key) => key.id),
  };
}

/** The URL of a database on the local MariaDB server. */
export function mariaDbUrl(database: string): string {
  return `${MARIADB_SERVER}/${database}`;
}
