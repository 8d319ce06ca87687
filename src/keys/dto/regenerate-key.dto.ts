import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { MAX_DATE_TIME_CHARS, MaxChars } from '../../common/bounds';
import { IsFutureDate, NotNullWhenPresent } from '../../common/validators';

export class RegenerateKeyDto {
  @ApiPropertyOptional({
    example: 300,
    minimum: 0,
    maximum: 86400,
    default: 0,
    description: 'Seconds during which the old token keeps working. 0: it fails at once.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86400)
  grace_period_s?: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2027-06-01T00:00:00Z',
    description: 'New expiry (future); `null` for never. Omitted: the expiry stays.',
  })
  @MaxChars(MAX_DATE_TIME_CHARS)
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsISO8601({ strict: true, strictSeparator: true })
  @IsFutureDate()
  expires_at?: string | null;

  @ApiPropertyOptional({
    example: 30,
    minimum: 1,
    maximum: 3650,
    description: 'New expiry in days from now. Not with expires_at.',
  })
  @NotNullWhenPresent()
  @IsInt()
  @Min(1)
  @Max(3650)
  expires_in_days?: number;
}
