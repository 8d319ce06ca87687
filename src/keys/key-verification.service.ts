import { Injectable } from '@nestjs/common';
import { missingGrants } from '../permissions/grants';
import { PermissionsService } from '../permissions/permissions.service';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import { outcomeOfVerdict } from '../usage/usage-outcome';
import { UsageRecorder } from '../usage/usage.recorder';
import type { VerifyKeyDto } from './dto/verify-key.dto';
import type { VerifyKeyResponseDto } from './dto/verify-key-response.dto';
import { KeyAuthenticationService } from './key-authentication.service';
import type { VerificationCode } from '../domain/verification-codes';

/** Matches no allowlist entry, so a key with an allowlist cannot pass without an address. */
const NO_CLIENT_ADDRESS = '';

/**
 * Answers for another service whether a key may make a request, with the very
 * decisions the guards make: `KeyAuthenticationService.authenticate` (the one
 * `decideKeyAccess`) and the same effective-grants check as `AccessGuard`.
 */
@Injectable()
export class KeyVerificationService {
  constructor(
    private readonly keys: KeyAuthenticationService,
    private readonly permissions: PermissionsService,
    private readonly rateLimit: RateLimitService,
    private readonly usage: UsageRecorder,
  ) {}

  /** The verdict, counted in the verified key's usage when the token names a key. */
  async verify(request: VerifyKeyDto): Promise<VerifyKeyResponseDto> {
    this.permissions.assertKnownScopes(request.scopes ?? []);
    return this.verifyKnown(request);
  }

  /**
   * The verdicts of several checks, in their order, each as `verify` gives
   * it. Every check's scopes are known before any key's budget is spent, so
   * a 400 leaves nothing counted.
   */
  async verifyAll(checks: VerifyKeyDto[]): Promise<VerifyKeyResponseDto[]> {
    checks.forEach((check, i) =>
      this.permissions.assertKnownScopes(check.scopes ?? [], `checks[${i}].scopes`),
    );
    const verdicts: VerifyKeyResponseDto[] = [];
    // In turn: two checks of one key spend its budget in the order they were asked.
    for (const check of checks) verdicts.push(await this.verifyKnown(check));
    return verdicts;
  }

  private async verifyKnown(request: VerifyKeyDto): Promise<VerifyKeyResponseDto> {
    const verdict = await this.decide(request);
    if (verdict.keyId) this.usage.record(verdict.keyId, outcomeOfVerdict(verdict.response.code));
    return verdict.response;
  }

  private async decide(
    request: VerifyKeyDto,
  ): Promise<{ response: VerifyKeyResponseDto; keyId?: string }> {
    const required = request.scopes ?? [];
    const { code, principal, keyId } = await this.keys.authenticate(
      request.key,
      request.ip ?? NO_CLIENT_ADDRESS,
    );
    if (!principal) return { response: { valid: false, code }, keyId };

    const grants = this.permissions.grantsOf(principal);
    // A verified use spends the key's own budget, as a request to a guarded route would.
    const budget = await this.rateLimit.consumeForKey(principal.key);
    const key = {
      key_id: principal.key.id,
      owner_id: principal.user.id,
      scopes: grants,
      tier: principal.key.tier,
      expires_at: principal.key.expiresAt?.toISOString() ?? null,
      ...(budget && {
        ratelimit: { limit: budget.limit, remaining: budget.remaining, reset: budget.reset },
      }),
    };
    const verdict = (code: VerificationCode) => ({
      response: { valid: code === 'VALID', code, ...key },
      keyId: key.key_id,
    });
    if (budget && !budget.allowed) return verdict('RATE_LIMITED');
    if (missingGrants(grants, required).length > 0) return verdict('INSUFFICIENT_SCOPE');
    return verdict('VALID');
  }
}
