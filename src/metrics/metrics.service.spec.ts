import { Test } from '@nestjs/testing';
import { metricsConfig } from './metrics.config';
import { MetricsService } from './metrics.service';

async function metrics(port?: number) {
  const moduleRef = await Test.createTestingModule({
    providers: [MetricsService, { provide: metricsConfig.KEY, useValue: { port } }],
  }).compile();
  return moduleRef.get(MetricsService);
}

describe('MetricsService', () => {
  it('is enabled only when a metrics port is configured', async () => {
    expect((await metrics()).enabled).toBe(false);
    expect((await metrics(9464)).enabled).toBe(true);
  });

  it('collects the process metrics only when enabled', async () => {
    expect((await (await metrics()).scrape()).body).not.toContain('process_cpu');
    expect((await (await metrics(9464)).scrape()).body).toContain('process_cpu');
  });

  it('counts verifications, authentications, 429s and cache lookups by label', async () => {
    const service = await metrics();
    service.recordVerification('EXPIRED');
    service.recordVerification('EXPIRED');
    service.recordAuthentication(true);
    service.recordAuthentication(false);
    service.recordRateLimitRejection('ip');
    service.recordKeyCacheLookup(true);
    const { body, contentType } = await service.scrape();
    expect(contentType).toMatch(/^text\/plain/);
    expect(body).toContain('latchkey_key_verifications_total{code="EXPIRED"} 2');
    expect(body).toContain('latchkey_key_verifications_total{code="VALID"} 0');
    expect(body).toContain('latchkey_authentications_total{result="success"} 1');
    expect(body).toContain('latchkey_authentications_total{result="failure"} 1');
    expect(body).toContain('latchkey_rate_limit_rejections_total{subject="ip"} 1');
    expect(body).toContain('latchkey_key_cache_lookups_total{result="hit"} 1');
    expect(body).toContain('latchkey_key_cache_lookups_total{result="miss"} 0');
  });

  it('times HTTP requests by method, route pattern and status code', async () => {
    const service = await metrics();
    service.observeHttpRequest('GET', '/api/v1/keys/:id', 200, 0.004);
    const { body } = await service.scrape();
    expect(body).toContain(
      'latchkey_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/v1/keys/:id",status_code="200"} 1',
    );
    expect(body).toContain(
      'latchkey_http_request_duration_seconds_count{method="GET",route="/api/v1/keys/:id",status_code="200"} 1',
    );
  });

  it('keeps each instance in a registry of its own', async () => {
    const [a, b] = [await metrics(), await metrics()];
    a.recordAuthentication(true);
    expect((await b.scrape()).body).toContain('latchkey_authentications_total{result="success"} 0');
  });
});
