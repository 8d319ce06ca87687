import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Builds the service from `AppModule.register(...)` or
 * `PassportAppModule.register(...)`; `main.ts` and the e2e test share it.
 */
export function createInventoryApp(
  root: DynamicModule,
  { trustProxy = false, logger = true }: { trustProxy?: string | false; logger?: boolean } = {},
): Promise<NestFastifyApplication> {
  return NestFactory.create<NestFastifyApplication>(
    root,
    // trustProxy: the client address (sent to Latchkey for allowlists) comes
    // from the X-Forwarded-For entries that the proxies you trust appended.
    // By address: Fastify 5.12 trusts no proxy for a count of hops.
    new FastifyAdapter({ trustProxy }),
    { logger: logger ? undefined : false },
  );
}
