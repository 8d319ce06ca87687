import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength } from 'class-validator';

export class ReportLeakDto {
  @ApiProperty({
    example: ['lk_9c1e…'],
    minItems: 1,
    maxItems: 100,
    items: { type: 'string', maxLength: 256 },
    description: 'Tokens found in the open.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(256, { each: true })
  tokens!: string[];
}

export class ReportLeakResultDto {
  @ApiProperty({ example: 2, description: 'How many tokens were received; never which matched.' })
  received!: number;
}
