/**
 * The example inventory service as `npm run bench:guard` runs it, in its own
 * process: its AppModule (GET /items behind `@latchkey/guard`, which resolves
 * to the built `packages/guard/dist`), plus the same handler at GET /open/items
 * with `@Public()`, the unguarded baseline. Configured by the environment:
 * PORT, LATCHKEY_URL, LATCHKEY_SERVICE_KEY, LATCHKEY_CACHE_TTL_MS (unset: the
 * guard's default), LATCHKEY_TIMEOUT_MS.
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LatchkeyGuardModule, Public } from '@latchkey/guard';
import { AppModule } from '../examples/inventory-service/src/app.module';

@Controller('open')
class OpenItemsController {
  private readonly items = [{ id: 1, name: 'laptop', created_by: 'seed' }];

  @Get('items')
  @Public()
  list() {
    return { data: this.items };
  }
}

@Module({
  imports: [
    AppModule.register(
      LatchkeyGuardModule.forRoot({
        url: process.env.LATCHKEY_URL!,
        serviceKey: process.env.LATCHKEY_SERVICE_KEY!,
        // Unset: the guard's defaults (60 s with the change stream up, 1 s without).
        ...(process.env.LATCHKEY_CACHE_TTL_MS && {
          cacheTtlMs: Number(process.env.LATCHKEY_CACHE_TTL_MS),
        }),
        timeoutMs: Number(process.env.LATCHKEY_TIMEOUT_MS),
      }),
    ),
  ],
  controllers: [OpenItemsController],
})
class BenchInventoryModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(
    BenchInventoryModule,
    new FastifyAdapter(),
    { logger: ['error', 'warn'] },
  );
  app.enableShutdownHooks();
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
}

void main();
