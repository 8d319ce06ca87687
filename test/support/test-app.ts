import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp, CreateAppOptions } from '../../src/app.factory';
import { ReadinessService } from '../../src/health/readiness.service';
import { ContractProxy, contractProxyEnabled } from './contract-proxy';
import { emptyTables } from './mariadb';

export interface TestAppOptions {
  /** Environment variables for this app, over startTestApp's own (undefined: unset). */
  env?: Record<string, string | undefined>;
  /** Reuse a data directory (and so the key file and SQLite file) of an earlier app. */
  dataDir?: string;
  /** Keep the rows an earlier app left in the shared MariaDB database. */
  keepDatabase?: boolean;
  /** Return as soon as the app listens, before the database is up. */
  waitUntilReady?: boolean;
  /** Modules to load beside the app's own, e.g. a resource controller to guard. */
  extraModules?: CreateAppOptions['extraModules'];
}

export interface TestApp {
  app: NestFastifyApplication;
  /** Where tests send requests (`http` goes there too), e.g. for a typed client. */
  url: string;
  http: TestAgent;
  dataDir: string;
  keyFile: string;
  /** The root key from the key file (empty until the app is ready). */
  rootKey: string;
  close(): Promise<void>;
}

export const isMariaDb = () => process.env.LATCHKEY_TEST_DB === 'mariadb';

/**
 * Boots the real application (Fastify, real database) as `npm start` would,
 * with its own variables: only those below and `options.env`, never the
 * test process's environment.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'latchkey-test-'));
  const env: Record<string, string | undefined> = {
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    DATABASE_URL: isMariaDb() ? process.env.TEST_DATABASE_URL : undefined,
    // The verified-key cache on with both databases (on MySQL/MariaDB without
    // Redis it is off unless asked for), so that every test checks that a
    // change through the API reaches authentication at once.
    KEY_CACHE_TTL_S: '3600',
    ...options.env,
  };
  if (isMariaDb() && !options.keepDatabase && env.DATABASE_URL === process.env.TEST_DATABASE_URL) {
    await emptyTables(env.DATABASE_URL!).catch(() => undefined); // no tables yet on the first run
  }

  // Listening on a real port, as in production: supertest's own per-request
  // listen/close on an idle server drops requests when many run at once.
  const app = await createApp({ env, extraModules: options.extraModules });
  await app.listen(0, '127.0.0.1');
  if (options.waitUntilReady !== false) {
    await app
      .get(ReadinessService)
      .whenReady()
      .catch(async (error: Error) => {
        await app.close();
        throw error;
      });
  }

  const keyFile = env.API_KEY_FILE ?? join(dataDir, '.api_key');
  const readRootKey = () => {
    try {
      return readFileSync(keyFile, 'utf8').trim();
    } catch {
      return '';
    }
  };
  // With LATCHKEY_CONTRACT_PROXY=1, requests go through Prism (see contract-proxy.ts).
  const contract = contractProxyEnabled()
    ? await ContractProxy.start(await app.getUrl()).catch(async (error: Error) => {
        await app.close();
        throw error;
      })
    : undefined;
  const url = contract?.url ?? (await app.getUrl());
  // A test may close its app itself (to watch what fails after); afterAll then
  // closing it again must not wait for a proxy that has already exited.
  let closing: Promise<void> | undefined;
  const close = async () => {
    try {
      // supertest's kept-alive connections would hold closing for its idle grace.
      app.getHttpServer().closeIdleConnections();
      await app.close();
    } finally {
      await contract?.close();
    }
  };
  return {
    app,
    url,
    http: request(url),
    dataDir,
    keyFile,
    rootKey: readRootKey(),
    close: () => (closing ??= close()),
  };
}

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
