/**
 * The yardstick of `npm run bench` (issue 16): a plain NestJS + Fastify app
 * with one GET route and nothing else (no guards, pipes, filters, logging,
 * hooks or headers), on the framework versions of our own node_modules. Every
 * Latchkey scenario is reported as a fraction of its cost per request. Runs
 * as its own process: `node -r ts-node/register/transpile-only bench/plain-app.ts`
 * with PORT and HOST.
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

@Controller()
class HelloController {
  @Get('hello')
  hello(): { data: { hello: string } } {
    return { data: { hello: 'world' } };
  }
}

@Module({ controllers: [HelloController] })
class PlainModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(PlainModule, new FastifyAdapter(), {
    logger: false,
  });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
  await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
}

void main();
