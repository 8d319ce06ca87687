import { Logger } from '@nestjs/common';
import { ApiError } from '../common/api-error';
import type { KeyVerifier, Verdict, VerifyRequest } from './key-verifier';

export interface RemoteVerifierConfig {
  url: string;
  serviceKey: string;
  timeoutMs: number;
}

/**
 * Asks Latchkey's `POST /api/v1/keys/verify` with the service's own key.
 * Anything but a verdict — Latchkey unreachable or too slow, a 5xx, a 401 or
 * 403 for the service key, a 429 for its budget — is a 503
 * `service_unavailable` for the caller, never a pass. A 400 means this
 * service asks for a grant Latchkey does not know: a misconfiguration,
 * answered 500 and logged.
 */
export class RemoteKeyVerifier implements KeyVerifier {
  private readonly logger = new Logger('LatchkeyGuard');
  private readonly endpoint: string;
  private down = false;

  constructor(private readonly config: RemoteVerifierConfig) {
    this.endpoint = new URL('/api/v1/keys/verify', config.url).toString();
  }

  async verify(request: VerifyRequest): Promise<Verdict> {
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.config.serviceKey}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
    } catch (error) {
      throw this.unavailable(error instanceof Error ? error.message : String(error));
    }
    if (response.status === 200) {
      const body = (await response.json().catch(() => undefined)) as { data?: Verdict } | undefined;
      if (body?.data && typeof body.data.code === 'string') {
        this.recovered();
        return body.data;
      }
      throw this.unavailable('its answer was not a verdict');
    }
    const reason = await errorCodeOf(response);
    if (response.status === 400) {
      throw new Error(`Latchkey refused to verify a key for this route: ${reason}`);
    }
    throw this.unavailable(`it answered ${response.status} ${reason}`, response);
  }

  private unavailable(reason: string, response?: Response): ApiError {
    if (!this.down) {
      this.down = true;
      // The request body holds the caller's key: it is never logged.
      this.logger.warn(
        `Latchkey at ${this.config.url} cannot verify keys (${reason}): answering 503.`,
      );
    }
    const error = ApiError.serviceUnavailable('The key service is unreachable; retry shortly.');
    const retryAfter = response?.headers.get('retry-after');
    if (retryAfter && /^\d+$/.test(retryAfter)) error.headers['Retry-After'] = retryAfter;
    return error;
  }

  private recovered(): void {
    if (!this.down) return;
    this.down = false;
    this.logger.log(`Latchkey at ${this.config.url} verifies keys again.`);
  }
}

/** Latchkey's error code and message, for the log; the body never holds a token. */
async function errorCodeOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => undefined)) as
    { error?: { code?: string; message?: string } } | undefined;
  return body?.error ? `${body.error.code}: ${body.error.message}` : '(no error body)';
}
