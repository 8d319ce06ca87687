import { startTestApp, TestApp } from './support/test-app';

/**
 * The benchmark's hello route exists only when BENCH_BASELINE=1 was set
 * before app.module.ts was imported; the test run never sets it, as
 * production never does.
 */
describe('bench baseline route', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is not served without BENCH_BASELINE=1', async () => {
    expect(process.env.BENCH_BASELINE).toBeUndefined();
    await t.http.get('/api/v1/bench/hello').expect(404);
    await t.http.get('/api/v1/bench/floor').expect(404);
    await t.http.post('/api/v1/bench/hello').send({ key: 'lk_x' }).expect(404);
  });
});
