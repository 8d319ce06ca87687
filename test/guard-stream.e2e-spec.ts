import { once } from 'node:events';
import { createUser } from './factories/user.factory';
import { expectError } from './support/error-envelope';
import { changesUp, latchkeyForServices, WAY_NAMES } from './support/guard';
import { until } from './support/poll';
import { TcpProxy } from './support/tcp-proxy';
import { bearer } from './support/test-app';

/**
 * The change stream cut and restored: the guard's cached verdicts go with
 * it, and a change made meanwhile is known once it is back.
 */
describe('examples/inventory-service behind @latchkey/guard', () => {
  const services = latchkeyForServices();

  describe.each(WAY_NAMES)('remote mode, through the %s', (way) => {
    it('the stream cut and back: 503 while Latchkey is unreachable, 200 within 2 s of its return, and a key disabled meanwhile refused', async () => {
      const proxy = await TcpProxy.create({
        host: '127.0.0.1',
        port: Number(new URL(services.url).port),
      });
      await proxy.start();
      try {
        const service = await services.remote(way, { url: `http://127.0.0.1:${proxy.port}` });
        const changes = await changesUp(service);
        // Its own owner: the shared client's keys would reach MAX_KEYS_PER_USER.
        const owner = await createUser(services.t, { role: 'client' });
        const [kept, disabled] = [
          await services.clientKey({ scopes: ['read:assets'], owner_id: owner.id }),
          await services.clientKey({ scopes: ['read:assets'], owner_id: owner.id }),
        ];
        for (const key of [kept, disabled]) {
          expect((await service.http.get('/items').set(bearer(key.key))).status).toBe(200);
        }

        const down = once(changes, 'down');
        await proxy.cut();
        await down;
        // The 60 s verdicts went with the stream: nothing passes unverified, nothing is a 401.
        for (const key of [kept, disabled]) {
          const answer = await service.http.get('/items').set(bearer(key.key));
          expectError(answer, 503, 'service_unavailable');
          expect(answer.headers['retry-after']).toBeDefined();
        }
        await services.t.http
          .patch(`/api/v1/keys/${disabled.id}`)
          .set(bearer(services.t.rootKey))
          .send({ status: 'inactive' })
          .expect(200);

        const up = once(changes, 'up');
        await proxy.start();
        await until(
          async () => (await service.http.get('/items').set(bearer(kept.key))).status === 200,
          'the guard answers 200 again',
          { withinMs: 2000 },
        );
        await up;
        expectError(
          await service.http.get('/items').set(bearer(disabled.key)),
          401,
          'unauthorized',
        );
        expect((await service.http.get('/items').set(bearer(kept.key))).status).toBe(200);
      } finally {
        await proxy.cut();
      }
    });
  });
});
