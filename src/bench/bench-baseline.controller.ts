import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../permissions/permissions.decorators';

/**
 * The benchmark's yardstick: a public route that goes through the same
 * Fastify, Nest, global guards and exception filter as every other route but
 * does no work of its own, so `npm run bench` can report each real route as a
 * fraction of it. Not part of the API, hence left out of the OpenAPI document.
 */
@ApiExcludeController()
@Controller('bench')
export class BenchBaselineController {
  @Get('hello')
  @Public()
  hello(): { data: { hello: string } } {
    return { data: { hello: 'world' } };
  }
}
