import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LatchkeyGuardOptions } from 'latchkey/guard';
import { AppModule } from './app.module';

/** Builds the service; `main.ts` and the e2e test share it. */
export function createInventoryApp(
  latchkey: LatchkeyGuardOptions,
  { trustProxy = 0, logger = true }: { trustProxy?: number | string; logger?: boolean } = {},
): Promise<NestFastifyApplication> {
  return NestFactory.create<NestFastifyApplication>(
    AppModule.register(latchkey),
    // trustProxy: the client address (sent to Latchkey for allowlists) comes
    // from the X-Forwarded-For entries that the proxies you trust appended.
    new FastifyAdapter({ trustProxy }),
    { logger: logger ? undefined : false },
  );
}
