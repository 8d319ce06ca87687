import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LatchkeyGuardOptions } from 'latchkey/guard';
import { AppModule } from './app.module';

/** Builds the service; `main.ts` and the e2e test share it. */
export function createInventoryApp(
  latchkey: LatchkeyGuardOptions,
  { trustProxy = false, logger = true } = {},
): Promise<NestFastifyApplication> {
  return NestFactory.create<NestFastifyApplication>(
    AppModule.register(latchkey),
    // trustProxy: the client address (sent to Latchkey for allowlists) comes
    // from X-Forwarded-For only behind a proxy you trust.
    new FastifyAdapter({ trustProxy }),
    { logger: logger ? undefined : false },
  );
}
