import { Logger } from '@nestjs/common';
import { Pool } from 'undici';
import { ApiError } from './api-error';
import type { KeyVerifier, Verdict, VerifyRequest } from './key-verifier';
import { type PendingVerification, VerificationBatches } from './verification-batches';

const WARN_INTERVAL_MS = 10_000;
const VERIFY_PATH = '/api/v1/keys/verify';
const VERIFY_BATCH_PATH = '/api/v1/keys/verify/batch';

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
 * moment it is asked. Verifications asked in the same turn of the event
 * loop go together to `POST /api/v1/keys/verify/batch` (one alone goes to
 * verify); a Latchkey without that route (404) is asked one by one from
 * then on, and a batch refused with 400 is asked again check by check, so
 * that only the route that asks for an unknown grant fails. Anything but a verdict — Latchkey unreachable or too
 * slow, a 5xx, a 401 or 403 for the service key, a 429 for its budget — is
 * a 503 `service_unavailable` for the caller, never a pass. A 400 means this
 * service asks for a grant Latchkey does not know: a misconfiguration,
 * answered 500 and logged.
 */
export class RemoteKeyVerifier implements KeyVerifier {
  private readonly pool: Pool;
  private readonly outage: OutageWarnings;
  private readonly batches: VerificationBatches;
  /** False once Latchkey has answered 404 to a batch: it predates the route. */
  private batchesAccepted = true;

  constructor(private readonly config: RemoteVerifierConfig) {
    this.pool = new Pool(new URL(config.url).origin, {
      connections: config.connections,
      headersTimeout: config.timeoutMs,
      bodyTimeout: config.timeoutMs,
    });
    this.outage = new OutageWarnings(config.url);
    this.batches = new VerificationBatches(config.connections, (batch) => this.send(batch));
  }

  verify(request: VerifyRequest): Promise<Verdict> {
    return this.batches.add(request);
  }

  /** Closes the pooled connections (the module does on shutdown). */
  close(): Promise<void> {
    return this.pool.close();
  }

  /** Settles every verification of `batch`: one call for all of them where Latchkey takes batches. */
  private async send(batch: PendingVerification[]): Promise<void> {
    if (batch.length === 1 || !this.batchesAccepted) return this.sendEach(batch);
    let response: LatchkeyResponse;
    try {
      const checks = batch.map((pending) => pending.request);
      response = await this.post(VERIFY_BATCH_PATH, { checks }, batch[0].askedAt);
    } catch (error) {
      throw this.unavailable(error instanceof Error ? error.message : String(error));
    }
    // 404: a Latchkey from before the route. 400: a check Latchkey refuses, alone, not its batch.
    if (response.status === 404 || response.status === 400) {
      if (response.status === 404) this.batchesAccepted = false;
      return this.sendEach(batch);
    }
    if (response.status !== 200) {
      const reason = `it answered ${response.status} ${errorCodeOf(response.body)}`;
      throw this.unavailable(reason, response.retryAfter);
    }
    const verdicts = (response.body as { data?: unknown } | undefined)?.data;
    if (
      !Array.isArray(verdicts) ||
      verdicts.length !== batch.length ||
      !verdicts.every(isVerdict)
    ) {
      throw this.unavailable('its answer was not a verdict for each check');
    }
    this.outage.recovered();
    batch.forEach((pending, i) => pending.resolve(verdicts[i]));
  }

  private async sendEach(batch: PendingVerification[]): Promise<void> {
    await Promise.all(
      batch.map(({ request, askedAt, resolve, reject }) =>
        this.verifyOne(request, askedAt).then(resolve, reject),
      ),
    );
  }

  private async verifyOne(request: VerifyRequest, askedAt: number): Promise<Verdict> {
    let response: LatchkeyResponse;
    try {
      response = await this.post(VERIFY_PATH, request, askedAt);
    } catch (error) {
      throw this.unavailable(error instanceof Error ? error.message : String(error));
    }
    if (response.status === 200) {
      const verdict = (response.body as { data?: unknown } | undefined)?.data;
      if (isVerdict(verdict)) {
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

  /** `askedAt`: when the (oldest) verification was asked; the timeout counts from then. */
  private async post(path: string, body: object, askedAt: number): Promise<LatchkeyResponse> {
    const leftMs = this.config.timeoutMs - (performance.now() - askedAt);
    if (leftMs <= 0) throw new Error(`no verdict within ${this.config.timeoutMs} ms`);
    const {
      statusCode,
      headers,
      body: answer,
    } = await this.pool.request({
      path,
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.config.serviceKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
      // Counts from the moment of asking, so time spent waiting for a batch or a connection counts too.
      signal: AbortSignal.timeout(Math.ceil(leftMs)),
    });
    const retryAfter = headers['retry-after'];
    return {
      status: statusCode,
      retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
      // Read whole in every case, so that the connection goes back to the pool.
      body: await answer.json().catch(() => undefined),
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

function isVerdict(value: unknown): value is Verdict {
  return typeof (value as Verdict | undefined)?.code === 'string';
}

/** Latchkey's error code and message, for the log; the body never holds a token. */
function errorCodeOf(body: unknown): string {
  const error = (body as { error?: unknown } | undefined)?.error as
    { code?: unknown; message?: unknown } | string | undefined;
  if (error && typeof error === 'object') return `${String(error.code)}: ${String(error.message)}`;
  return typeof error === 'string' ? error : '(no error envelope)';
}
