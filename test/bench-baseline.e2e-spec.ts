import { BenchBaselineModule } from '../bench/yardsticks/bench-baseline.module';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * The benchmark's yardstick routes (bench/yardsticks/) exist only where
 * bench/latchkey-with-yardsticks.ts mounts them through createApp's
 * extraModules: they still answer there, under the app's global guards and
 * pipes, and the service itself never serves them.
 */
describe('bench yardstick routes', () => {
  describe('mounted as the bench entry does', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ extraModules: [BenchBaselineModule] });
    });
    afterAll(() => t.close());

    it('answer hello, validate a verify-shaped body and count floor requests', async () => {
      await t.http.get('/api/v1/bench/hello').expect(200, { data: { hello: 'world' } });
      await t.http.post('/api/v1/bench/hello').send({ key: t.rootKey }).expect(200);
      await t.http.post('/api/v1/bench/hello').send({ key: 42 }).expect(400);
      const floor = await t.http.get('/api/v1/bench/floor').set(bearer(t.rootKey)).expect(200);
      expect(floor.headers['x-ratelimit-limit']).toBeDefined();
      await t.http.get('/api/v1/bench/floor').expect(401);
    });
  });

  describe('the service', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('does not serve them', async () => {
      await t.http.get('/api/v1/bench/hello').expect(404);
      await t.http.get('/api/v1/bench/floor').expect(404);
      await t.http.post('/api/v1/bench/hello').send({ key: 'lk_x' }).expect(404);
    });
  });
});
