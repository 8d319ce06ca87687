/**
 * The yardsticks of `npm run bench` (issue 16), each a plain NestJS + Fastify
 * app with one route and nothing else (no guards, filters, logging or hooks),
 * on the framework versions of our own node_modules, run
 * as its own process: `node -r ts-node/register/transpile-only
 * bench/plain-app.ts` with PORT and HOST.
 *
 * - The plain app (the default): every Latchkey scenario is reported as a
 *   fraction of its cost per request.
 * - `YARDSTICK=contract-floor`: the same app answering what Latchkey's
 *   `GET /` answers, its body and the headers every API response carries
 *   (the security headers, `X-Request-Id`, the SPEC's `X-RateLimit-*`), set
 *   the cheapest way, in the handler. What no implementation of the
 *   contract can go below; bench.ts checks that it still matches `GET /`.
 * - `YARDSTICK=post-floor`: `POST /hello` taking `POST /keys/verify`'s body
 *   (its DTO) through Nest's ValidationPipe, with Latchkey's options, and
 *   answering a small JSON object: what any NestJS route with a validated
 *   JSON body pays, without headers, a key or a verdict.
 */
import 'reflect-metadata';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Module,
  Post,
  Res,
  type Type,
  ValidationPipe,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { version } from '../package.json';
import { VerifyKeyDto } from '../src/keys/dto/verify-key.dto';

@Controller()
class HelloController {
  @Get('hello')
  hello(): { data: { hello: string } } {
    return { data: { hello: 'world' } };
  }
}

/** Latchkey's API response headers (docs/operations.md), as `GET /` sends them. */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none';frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

@Controller()
class ContractFloorController {
  @Get('hello')
  hello(@Res({ passthrough: true }) reply: FastifyReply): { data: Record<string, string> } {
    void reply
      .headers(SECURITY_HEADERS)
      .header('x-request-id', randomUUID())
      .header('x-ratelimit-limit', '60')
      .header('x-ratelimit-remaining', '59')
      .header('x-ratelimit-reset', '60');
    return { data: { name: 'latchkey', version, docs: '/docs' } };
  }
}

@Controller()
class PostFloorController {
  @Post('hello')
  @HttpCode(200)
  hello(@Body() body: VerifyKeyDto): { data: { valid: boolean; length: number } } {
    return { data: { valid: true, length: body.key.length } };
  }
}

const YARDSTICKS: Record<string, Type<unknown>> = {
  plain: HelloController,
  'contract-floor': ContractFloorController,
  'post-floor': PostFloorController,
};
const yardstick = process.env.YARDSTICK ?? 'plain';

@Module({ controllers: [YARDSTICKS[yardstick]] })
class PlainModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(PlainModule, new FastifyAdapter(), {
    logger: false,
  });
  if (yardstick === 'post-floor') {
    app.useGlobalPipes(
      new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
    );
  }
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
  await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
}

void main();
