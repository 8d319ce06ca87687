import { ApiError } from '../common/api-error';
import type { KeyVerificationService } from '../keys/key-verification.service';
import type { SharedDatabaseConnection } from './in-process-verification.module';
import type { KeyVerifier, Verdict, VerifyRequest } from '@latchkey/guard';

/**
 * The very function behind `POST /api/v1/keys/verify`, called in this
 * process. The database unreachable is a 503; a grant that Latchkey's
 * catalogue does not hold is this service's misconfiguration (500), not the
 * caller's fault.
 */
export class InProcessKeyVerifier implements KeyVerifier {
  constructor(
    private readonly verification: KeyVerificationService,
    private readonly connection: SharedDatabaseConnection,
  ) {}

  async verify(request: VerifyRequest): Promise<Verdict> {
    try {
      await this.connection.ensureConnected();
      return await this.verification.verify(request);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'validation_failed') {
        throw new Error(`Latchkey refused to verify a key for this route: ${error.message}`);
      }
      throw ApiError.serviceUnavailable(
        "The key service's database is unreachable; retry shortly.",
      );
    }
  }
}
