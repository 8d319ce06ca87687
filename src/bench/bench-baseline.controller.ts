import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { VerifyKeyDto } from '../keys/dto/verify-key.dto';
import { Public } from '../permissions/permissions.decorators';

/**
 * The benchmark's yardsticks: public routes that go through the same
 * Fastify, Nest, global guards, pipes and exception filter as every other
 * route but do no work of their own, so `npm run bench` can report each real
 * route as a fraction of them. `POST hello` also receives and validates the
 * body `POST /keys/verify` takes, so that verify can be read against what a
 * body alone costs as well as against the plain `GET hello`. Not part of the
 * API, hence left out of the OpenAPI document.
 */
@ApiExcludeController()
@Controller('bench')
export class BenchBaselineController {
  @Get('hello')
  @Public()
  hello(): { data: { hello: string } } {
    return { data: { hello: 'world' } };
  }

  @Post('hello')
  @HttpCode(HttpStatus.OK)
  @Public()
  helloWithBody(@Body() _body: VerifyKeyDto): { data: { hello: string } } {
    return { data: { hello: 'world' } };
  }
}
