import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { version } from '../package.json';
import { AppModule } from './app.module';
import { API_KEY_SCHEME, BEARER_SCHEME } from './common/swagger';
import { validateEnvironment } from './config/environment';

export const API_PREFIX = 'api/v1';

/** Builds the whole application; `main.ts` and the e2e tests share it. */
export async function createApp(): Promise<NestFastifyApplication> {
  const env = validateEnvironment();
  const adapter = new FastifyAdapter({
    trustProxy: env.TRUST_PROXY,
    genReqId: () => randomUUID(),
    bodyLimit: 256 * 1024,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: '/', method: RequestMethod.GET }] });

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('X-Request-Id', request.id);
  });

  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApiConfig()), {
    jsonDocumentUrl: 'docs-json',
  });
  return app;
}

function openApiConfig() {
  return new DocumentBuilder()
    .setTitle('Latchkey')
    .setDescription(
      'API keys for NestJS backends: hashed at rest, role- and scope-checked, rate-limited per tier, ' +
        'restricted by IP allowlist. Send a key as `Authorization: Bearer <key>` or `X-Api-Key: <key>`.',
    )
    .setVersion(version)
    .addServer('/')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An API key: lk_ + 64 hex' },
      BEARER_SCHEME,
    )
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, API_KEY_SCHEME)
    .build();
}
