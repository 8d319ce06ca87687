import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { VERIFICATION_CODES, type VerificationCode } from '../domain/verification-codes';
import { BufferedCounter } from './buffered-counter';
import { metricsConfig } from './metrics.config';

export type RateLimitSubjectKind = 'key' | 'ip';

/** Label of requests that matched no route, so that no raw URL ever becomes a label. */
export const UNMATCHED_ROUTE = '(unmatched)';

/** Seconds; an API-key check should answer in a few milliseconds. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The application's Prometheus metrics, in a registry of its own (several
 * applications may share a process, as tests do). Other modules report
 * through the `record*` methods, which are cheap enough for every request.
 * Labels hold route patterns, status codes and fixed result names only:
 * never a raw URL, a key id or a token.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  /** Whether a metrics listener is configured (METRICS_PORT); nothing is measured otherwise. */
  readonly enabled: boolean;

  private readonly httpRequests: Histogram<'method' | 'route' | 'status_code'>;
  private readonly verifications: BufferedCounter<VerificationCode>;
  private readonly authentications: BufferedCounter<'success' | 'failure'>;
  private readonly rateLimitRejections: BufferedCounter<RateLimitSubjectKind>;
  private readonly keyCacheLookups: BufferedCounter<'hit' | 'miss'>;

  constructor(@Inject(metricsConfig.KEY) config: ConfigType<typeof metricsConfig>) {
    this.enabled = config.port !== undefined;
    if (this.enabled) collectDefaultMetrics({ register: this.registry });
    const registry = this.registry;
    this.httpRequests = new Histogram({
      name: 'latchkey_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status code, and how long they took (the _count series counts requests).',
      labelNames: ['method', 'route', 'status_code'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    this.verifications = new BufferedCounter(
      registry,
      'latchkey_key_verifications_total',
      'POST /api/v1/keys/verify answers by result code.',
      'code',
      VERIFICATION_CODES,
    );
    this.authentications = new BufferedCounter(
      registry,
      'latchkey_authentications_total',
      'API-key authentications on protected routes: success, or failure (missing, malformed, unknown, disabled, expired key or disabled owner).',
      'result',
      ['success', 'failure'],
    );
    this.rateLimitRejections = new BufferedCounter(
      registry,
      'latchkey_rate_limit_rejections_total',
      'Requests refused with 429, by what was counted: a key, or a client address (requests without a valid key).',
      'subject',
      ['key', 'ip'],
    );
    this.keyCacheLookups = new BufferedCounter(
      registry,
      'latchkey_key_cache_lookups_total',
      'Lookups in the verified-key cache, by result; hit ratio = hit / (hit + miss).',
      'result',
      ['hit', 'miss'],
    );
  }

  /** One answered HTTP request; `route` is the route's pattern (e.g. /api/v1/keys/:id). */
  observeHttpRequest(method: string, route: string, statusCode: number, seconds: number): void {
    this.httpRequests.observe({ method, route, status_code: statusCode }, seconds);
  }

  recordVerification(code: VerificationCode): void {
    this.verifications.inc(code);
  }

  recordAuthentication(success: boolean): void {
    this.authentications.inc(success ? 'success' : 'failure');
  }

  recordRateLimitRejection(subject: RateLimitSubjectKind): void {
    this.rateLimitRejections.inc(subject);
  }

  /** For the verified-key cache: one lookup, found (`true`) or not. */
  recordKeyCacheLookup(hit: boolean): void {
    this.keyCacheLookups.inc(hit ? 'hit' : 'miss');
  }

  /** The exposition text, and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
