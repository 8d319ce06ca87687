import { Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp, type CreateAppOptions } from './app.factory';
import { appConfig } from './config/app.config';
import { ConfigurationError } from './config/environment';
import { ReadinessService } from './health/readiness.service';

/**
 * Starts the service: builds the app (with `options`, e.g. the benchmark's
 * extra modules), which validates the environment first, listens, and stops
 * gracefully on SIGTERM/SIGINT. `main.ts` calls it with no options.
 */
export async function serve(options: CreateAppOptions = {}): Promise<void> {
  let app: NestFastifyApplication;
  try {
    app = await createApp(options);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const { port, host } = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  const logger = new Logger('Main');

  // Graceful stop: Fastify stops accepting and drains requests in flight, then
  // the shutdown hooks flush pending writes and close the database.
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: shutting down`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`Shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  await app.listen({ port, host });
  logger.log(
    `Latchkey listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port} (docs at /docs)`,
  );

  app
    .get(ReadinessService)
    .whenReady()
    .catch(async (error: Error) => {
      logger.fatal(error.message);
      await app.close();
      process.exit(1);
    });
}
