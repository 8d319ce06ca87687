import { type ChangeStream, LatchkeyGuardModule } from '@latchkey/guard';
import { AppModule } from '../examples/inventory-service/src/app.module';
import { createVerifierKey } from './factories/key.factory';
import {
  changesUp,
  latchkeyForServices,
  type Service,
  startInventory,
  WAY_NAMES,
} from './support/guard';
import { isolatedRedisUrl, requireRedis } from './support/redis';
import { expectRevocationHeard, REVOCATIONS } from './support/revocations';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * Every kind of revocation reaches a guard that caches verdicts, through the
 * change stream: made on the instance it follows, or on another one.
 */
describe('examples/inventory-service behind @latchkey/guard', () => {
  const services = latchkeyForServices();

  describe.each(WAY_NAMES)('remote mode, through the %s', (way) => {
    /** Default options: a 60 s cache that the change stream keeps honest. */
    let streaming: Service | undefined;

    it.each(REVOCATIONS)(
      'with the change stream up, verdicts live 60 s, yet a key $how is refused ($refused) at once',
      async (row) => {
        const service = (streaming ??= await services.remote(way));
        const changes = await changesUp(service);
        await expectRevocationHeard(service, changes, row, services.t, services.t);
      },
    );
  });
});

describe('@latchkey/guard following one of two Latchkey instances that share the database and REDIS_URL', () => {
  let a: TestApp;
  let b: TestApp;
  let service: Service;
  let changes: ChangeStream;
  beforeAll(async () => {
    await requireRedis();
    const env = { REDIS_URL: isolatedRedisUrl() };
    a = await startTestApp({ env });
    b = await startTestApp({ env, dataDir: a.dataDir, keepDatabase: true });
    const serviceKey = await createVerifierKey(a);
    service = await startInventory(
      AppModule.register(LatchkeyGuardModule.forRoot({ url: await a.app.getUrl(), serviceKey })),
    );
    changes = await changesUp(service);
  });
  afterAll(async () => {
    await service?.app.close();
    await b?.close();
    await a?.close();
  });

  it.each(REVOCATIONS)('a key $how on the other instance is refused ($refused) at once', (row) =>
    expectRevocationHeard(service, changes, row, a, b),
  );
});
