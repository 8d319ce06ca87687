import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiDataResponse, ApiErrors } from '../common/swagger';
import { MetricsService } from '../metrics/metrics.service';
import { Permission } from '../domain/permission';
import { RequirePermissions } from '../permissions/permissions.decorators';
import { VerifyKeyDto } from './dto/verify-key.dto';
import { MAX_VERIFY_BATCH, VerifyKeysDto } from './dto/verify-keys.dto';
import { VerifyKeyResponseDto } from './dto/verify-key-response.dto';
import { KeyVerificationService } from './key-verification.service';

@ApiTags('keys')
@Controller('keys')
export class KeyVerificationController {
  constructor(
    private readonly verification: KeyVerificationService,
    private readonly metrics: MetricsService,
  ) {}

  @Post('verify')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions(Permission.ApiKeysVerify)
  @ApiOperation({
    summary: 'Verify a key for another service',
    description:
      'Always 200 for a well-formed request: `valid` and `code` say whether the key may make a request ' +
      'needing `scopes` from `ip`, decided exactly as Latchkey decides for its own routes.',
  })
  @ApiDataResponse(VerifyKeyResponseDto, 200, 'The verdict; `valid` is true only for VALID.')
  @ApiErrors(400)
  async verify(@Body() dto: VerifyKeyDto): Promise<{ data: VerifyKeyResponseDto }> {
    const verdict = await this.verification.verify(dto);
    this.metrics.recordVerification(verdict.code);
    return { data: verdict };
  }

  @Post('verify/batch')
  @HttpCode(HttpStatus.OK)
  @RequirePermissions(Permission.ApiKeysVerify)
  @ApiOperation({
    summary: 'Verify several keys for another service at once',
    description:
      'Up to 100 checks in one request, each answered exactly as `POST /keys/verify` answers it, in ' +
      "the same order; each counts against its own key's limit, and the request once against the " +
      "caller's. For a service answering many requests at once (`@latchkey/guard` sends its concurrent " +
      'verifications this way): one round trip instead of one per key. An unknown scope in any check ' +
      'is a 400 for the whole request, and then no key is counted.',
  })
  @ApiDataResponse(
    VerifyKeyResponseDto,
    200,
    'The verdicts, one per check, in order.',
    MAX_VERIFY_BATCH,
  )
  @ApiErrors(400)
  async verifyAll(@Body() dto: VerifyKeysDto): Promise<{ data: VerifyKeyResponseDto[] }> {
    const verdicts = await this.verification.verifyAll(dto.checks);
    for (const verdict of verdicts) this.metrics.recordVerification(verdict.code);
    return { data: verdicts };
  }
}
