import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { once } from 'node:events';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import {
  type ChangeStream,
  KEY_VERIFIER,
  LatchkeyGuardModule,
  type RemoteGuardOptions,
  type RemoteVerification,
} from '@latchkey/guard';
import { createInventoryApp } from '../../examples/inventory-service/src/app';
import { AppModule } from '../../examples/inventory-service/src/app.module';
import { PassportAppModule } from '../../examples/inventory-service/src/passport-app.module';
import {
  createKey,
  type CreatedKey,
  createVerifierKey,
  type KeyInput,
} from '../factories/key.factory';
import { createUser } from '../factories/user.factory';
import { startTestApp, type TestApp } from './test-app';

/** Small enough to spend in a test; the other keys are premium (1,000). */
export const STANDARD_LIMIT = 5;

export interface Service {
  app: NestFastifyApplication;
  http: TestAgent;
}

/** The example service, booted in this process on a loopback port, as `npm run example:inventory` does. */
export async function startInventory(
  root: DynamicModule,
  trustProxy: string | false = false,
): Promise<Service> {
  const app = await createInventoryApp(root, { logger: false, trustProxy });
  await app.listen(0, '127.0.0.1');
  return { app, http: request(await app.getUrl()) };
}

/** The two ways a service puts its routes behind Latchkey: the global guard, or Passport. */
export const WAYS = {
  LatchkeyGuardModule: (latchkey: RemoteGuardOptions) =>
    AppModule.register(LatchkeyGuardModule.forRoot(latchkey)),
  'LatchkeyStrategy (Passport)': (latchkey: RemoteGuardOptions) =>
    PassportAppModule.register(latchkey),
};
export type Way = keyof typeof WAYS;
export const WAY_NAMES = Object.keys(WAYS) as Way[];

/** The change stream of a remote-mode service, once it is up. */
export async function changesUp(service: Service): Promise<ChangeStream> {
  const changes = service.app.get<RemoteVerification>(KEY_VERIFIER, { strict: false }).changes!;
  if (!changes.up) await once(changes, 'up');
  return changes;
}

/** Latchkey with a service's verifier key and a client user, and the services started against it. */
export interface LatchkeyForServices {
  t: TestApp;
  /** Latchkey's own address (never the contract proxy's): where services verify keys. */
  url: string;
  serviceKey: string;
  client: { id: string };
  /** Starts the example service on `root`; close() closes it. */
  inventory(root: DynamicModule, trustProxy?: string | false): Promise<Service>;
  /** The example service in remote mode, the `way` given, verifying with `serviceKey`. */
  remote(
    way: Way,
    overrides?: Partial<RemoteGuardOptions>,
    trustProxy?: string | false,
  ): Promise<Service>;
  /** A premium key of the client user unless told otherwise. */
  clientKey(overrides?: Partial<KeyInput>): Promise<CreatedKey>;
  /** Services started here or elsewhere, closed by close(). */
  started: Service[];
  close(): Promise<void>;
}

async function startLatchkeyForServices(): Promise<LatchkeyForServices> {
  const t = await startTestApp({ env: { RATE_LIMIT_STANDARD: String(STANDARD_LIMIT) } });
  const url = await t.app.getUrl();
  const serviceKey = await createVerifierKey(t);
  const client = await createUser(t, { role: 'client' });
  const started: Service[] = [];
  const inventory = async (root: DynamicModule, trustProxy: string | false = false) => {
    const service = await startInventory(root, trustProxy);
    started.push(service);
    return service;
  };
  return {
    t,
    url,
    serviceKey,
    client,
    inventory,
    remote: (way, overrides = {}, trustProxy = false) =>
      inventory(WAYS[way]({ url, serviceKey, ...overrides }), trustProxy),
    clientKey: (overrides = {}) =>
      createKey(t, { owner_id: client.id, tier: 'premium', ...overrides }),
    started,
    async close() {
      for (const each of started) await each.app.close();
      await t.close();
    },
  };
}

/**
 * Latchkey for services, started before the enclosing block's tests and
 * closed after them with every service started against it; its fields are
 * there once the tests run.
 */
export function latchkeyForServices(): LatchkeyForServices {
  const services = {} as LatchkeyForServices;
  beforeAll(async () => {
    Object.assign(services, await startLatchkeyForServices());
  });
  afterAll(() => services.close());
  return services;
}
