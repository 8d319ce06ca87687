import { Logger } from '@nestjs/common';
import { Pool } from 'undici';
import { ApiError } from './api-error';
import type { KeyVerifier, Verdict, VerifyRequest } from './key-verifier';

const WARN_INTERVAL_MS = 10_000;
const VERIFY_PATH = '/api/v1/keys/verify';

export interface RemoteVerifierConfig {
  url: string;
  serviceKey: string;
  timeoutMs: number;
  /** Keep-alive connections, and so the most verifications in flight at once. */
  connections: number;
}

interface LatchkeyResponse {
  status: number;
  retryAfter?: string;
  body: unknown;
}

/**
 * Asks Latchkey's `POST /api/v1/keys/verify` with the service's own key,
 * over a pool of keep-alive connections (undici): at most `connections`
 * calls at once, the rest queued, each bounded by `timeoutMs` from the
 * moment it is asked. Anything but a verdict — Latchkey unreachable or too
 * slow, a 5xx, a 401 or 403 for the service key, a 429 for its budget — is
 * a 503 `service_unavailable` for the caller, never a pass. A 400 means this
 * service asks for a grant Latchkey does not know: a misconfiguration,
 * answered 500 and logged.
 */
export class RemoteKeyVerifier implements KeyVerifier {
  private readonly pool: Pool;
  private readonly outage: OutageWarnings;

  constructor(private readonly config: RemoteVerifierConfig) {
    this.pool = new Pool(new URL(config.url).origin, {
      connections: config.connections,
      headersTimeout: config.timeoutMs,
      bodyTimeout: config.timeoutMs,
    });
    this.outage = new OutageWarnings(config.url);
  }

  async verify(request: VerifyRequest): Promise<Verdict> {
    let response: LatchkeyResponse;
    try {
      response = await this.post(request);
    } catch (error) {
      throw this.unavailable(error instanceof Error ? error.message : String(error));
    }
    if (response.status === 200) {
      const verdict = (response.body as { data?: Verdict } | undefined)?.data;
      if (verdict && typeof verdict.code === 'string') {
        this.outage.recovered();
        return verdict;
      }
      throw this.unavailable('its answer was not a verdict');
    }
    const reason = errorCodeOf(response.body);
    if (response.status === 400) {
      throw new Error(`Latchkey refused to verify a key for this route: ${reason}`);
    }
    throw this.unavailable(`it answered ${response.status} ${reason}`, response.retryAfter);
  }

  /** Closes the pooled connections (the module does on shutdown). */
  close(): Promise<void> {
    return this.pool.close();
  }

  private async post(request: VerifyRequest): Promise<LatchkeyResponse> {
    const { statusCode, headers, body } = await this.pool.request({
      path: VERIFY_PATH,
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.config.serviceKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(request),
      // Counts from the moment of asking, so time spent queued for a connection counts too.
      signal: AbortSignal.timeout(this.config.timeoutMs),
    });
    const retryAfter = headers['retry-after'];
    return {
      status: statusCode,
      retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
      // Read whole in every case, so that the connection goes back to the pool.
      body: await body.json().catch(() => undefined),
    };
  }

  private unavailable(reason: string, retryAfter?: string): ApiError {
    this.outage.failed(reason);
    const error = ApiError.serviceUnavailable('The key service is unreachable; retry shortly.');
    if (retryAfter && /^\d+$/.test(retryAfter)) error.headers['Retry-After'] = retryAfter;
    return error;
  }
}

/**
 * At most one warning per WARN_INTERVAL_MS however many verifications fail,
 * and at most one "again" line per interval when they succeed after a
 * failure, so that a flapping Latchkey cannot flood the log. The request
 * body holds the caller's key: it is never logged.
 */
class OutageWarnings {
  private readonly logger = new Logger('LatchkeyGuard');
  private down = false;
  private warnedAt = -Infinity;
  private recoveryLoggedAt = -Infinity;
  private unreported = 0;

  constructor(private readonly url: string) {}

  failed(reason: string, now = Date.now()): void {
    this.down = true;
    if (now - this.warnedAt < WARN_INTERVAL_MS) {
      this.unreported += 1;
      return;
    }
    const more =
      this.unreported > 0 ? `; ${this.unreported} more failed since the last warning` : '';
    this.logger.warn(
      `Latchkey at ${this.url} cannot verify keys (${reason}${more}): answering 503.`,
    );
    this.warnedAt = now;
    this.unreported = 0;
  }

  recovered(now = Date.now()): void {
    if (!this.down) return;
    this.down = false;
    if (now - this.recoveryLoggedAt < WARN_INTERVAL_MS) return;
    this.logger.log(`Latchkey at ${this.url} verifies keys again.`);
    this.recoveryLoggedAt = now;
  }
}

/** Latchkey's error code and message, for the log; the body never holds a token. */
function errorCodeOf(body: unknown): string {
  const error = (body as { error?: unknown } | undefined)?.error as
    { code?: unknown; message?: unknown } | string | undefined;
  if (error && typeof error === 'object') return `${String(error.code)}: ${String(error.message)}`;
  return typeof error === 'string' ? error : '(no error envelope)';
}
