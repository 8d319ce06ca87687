import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { version } from '../package.json';
import { ApiDataResponse } from './common/swagger';
import { Public } from './permissions/permissions.decorators';
import { RateLimitPerIp } from './rate-limit/rate-limit.decorator';

class ServiceInfoDto {
  @ApiProperty({ example: 'latchkey', maxLength: 64 }) name!: string;
  @ApiProperty({ example: '0.1.0', maxLength: 64 }) version!: string;
  @ApiProperty({ example: '/docs', maxLength: 64 }) docs!: string;
}

@ApiTags('service')
@Controller()
export class AppController {
  @Get()
  @Public()
  @RateLimitPerIp()
  @ApiOperation({
    summary: 'Service name, version and where the API docs are',
    description: 'Public, limited per client address.',
  })
  @ApiDataResponse(ServiceInfoDto)
  info(): { data: ServiceInfoDto } {
    return { data: { name: 'latchkey', version, docs: '/docs' } };
  }
}
