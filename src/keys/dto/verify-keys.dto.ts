import { MAX_VERIFY_BATCH } from '@latchkey/guard/shared';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { VerifyKeyDto } from './verify-key.dto';

export { MAX_VERIFY_BATCH };

export class VerifyKeysDto {
  @ApiProperty({
    type: [VerifyKeyDto],
    example: [
      { key: 'lk_9c1e…', scopes: ['read:assets'], ip: '203.0.113.7' },
      { key: 'lk_47ad…', scopes: ['write:assets'], ip: '198.51.100.4' },
    ],
    minItems: 1,
    maxItems: MAX_VERIFY_BATCH,
    description:
      'One check per request your service is answering, each as the body of `POST /keys/verify`; ' +
      'the verdicts come back in the same order.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_VERIFY_BATCH)
  @ValidateNested({ each: true })
  @Type(() => VerifyKeyDto)
  checks!: VerifyKeyDto[];
}
