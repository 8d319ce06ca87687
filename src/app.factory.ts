import { DynamicModule, Module, RequestMethod, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { version } from '../package.json';
import { AppModule } from './app.module';
import { applySecurityHeaders, enableCors } from './common/security-headers';
import { createLogger, lazyChildLogger, NestPinoLogger, OneLinePerRequest } from './common/logging';
import { clientErrorHandler, frameworkErrors } from './common/framework-errors';
import { acceptOnlyJsonBodies } from './common/json-body';
import { closeGracefully } from './common/graceful-close';
import {
  API_KEY_SCHEME,
  BEARER_SCHEME,
  completeOpenApiDocument,
  documentJsonOnlyBodies,
} from './common/swagger';
import { serveConsole } from './console/serve-console';
import { configureApp } from './config/config.module';
import { CONFIG_NAMESPACES } from './configuration';
import { observeHttpRequests } from './metrics/http-metrics';
import { MetricsService } from './metrics/metrics.service';
import { countKeyUsage } from './usage/usage-http';
import { UsageRecorder } from './usage/usage.recorder';

export const API_PREFIX = 'api/v1';

export interface CreateAppOptions {
  /**
   * The app's environment variables, validated once when it is created;
   * process.env by default (`npm start`). Tests give each app its own.
   */
  env?: NodeJS.ProcessEnv;
  /**
   * Modules to load beside the application's own, e.g. a resource controller
   * in a test. The global guards apply to their routes like to any other.
   */
  extraModules?: (Type<unknown> | DynamicModule)[];
}

/** AppModule with its configuration, plus any extra modules. */
function rootModule(
  config: DynamicModule,
  extraModules: CreateAppOptions['extraModules'] = [],
): Type<unknown> | DynamicModule {
  const app = AppModule.forRoot(config);
  if (extraModules.length === 0) return app;
  @Module({ imports: [app, ...extraModules] })
  class AppWithExtraModules {}
  return AppWithExtraModules;
}

/**
 * TRUST_PROXY as Fastify takes it. A count of proxies becomes a trust
 * function over hops: Fastify 5.12 trusts no one for a number (a client that
 * reaches the service directly can write its own address then), but
 * Latchkey's TRUST_PROXY=1 is documented to mean the last entry
 * (docs/operations.md, with the same warning).
 */
function fastifyTrustProxy(
  trustProxy: number | string[],
): false | string[] | ((address: string, hop: number) => boolean) {
  if (Array.isArray(trustProxy)) return trustProxy;
  if (trustProxy === 0) return false;
  return (_address, hop) => hop < trustProxy;
}

/** Builds the whole application; `main.ts` and the e2e tests share it. */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const { environment: env, module: config } = await configureApp(
    options.env ?? process.env,
    CONFIG_NAMESPACES,
  );
  // Fastify's pino logger is the process's: request.log for Fastify, NestPinoLogger for Nest.
  const logger = createLogger(env.LOG_LEVEL);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new OneLinePerRequest(logger),
    childLoggerFactory: lazyChildLogger,
    trustProxy: fastifyTrustProxy(env.TRUST_PROXY),
    genReqId: () => randomUUID(),
    bodyLimit: 256 * 1024,
    frameworkErrors,
    clientErrorHandler,
    // Closing answers in the envelope and closes idle connections itself (closeGracefully).
    return503OnClosing: false,
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    rootModule(config, options.extraModules),
    adapter,
    // Nest's parsers would take form bodies too; acceptOnlyJsonBodies sets Fastify's.
    { logger: new NestPinoLogger(logger), bodyParser: false },
  );
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: '/', method: RequestMethod.GET }] });

  const fastify = app.getHttpAdapter().getInstance();
  acceptOnlyJsonBodies(fastify);
  applySecurityHeaders(fastify);
  closeGracefully(fastify);
  enableCors(app, env.CORS_ORIGINS);
  observeHttpRequests(fastify, app.get(MetricsService));
  countKeyUsage(fastify, app.get(UsageRecorder));

  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
  });
  serveConsole(app);
  return app;
}

/**
 * The OpenAPI document served at `/docs-json`; `npm run openapi` writes the
 * same document to `openapi.json`.
 */
export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  return completeOpenApiDocument(
    documentJsonOnlyBodies(SwaggerModule.createDocument(app, openApiConfig())),
  );
}

function openApiConfig() {
  return new DocumentBuilder()
    .setTitle('Latchkey')
    .setDescription(
      'API keys for NestJS backends: hashed at rest, role- and scope-checked, rate-limited per tier, ' +
        'restricted by IP allowlist. Send a key as `Authorization: Bearer <key>` or `X-Api-Key: <key>`. ' +
        'Request bodies are JSON (`Content-Type: application/json`, nested at most 32 levels); ' +
        'any other content type is a 415.',
    )
    .setVersion(version)
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'This instance, whatever its environment (local, staging or production)')
    .addTag('keys', 'Create, list, change, regenerate, delete, verify and report API keys.')
    .addTag('auth', 'Who the calling key belongs to and what it may do.')
    .addTag('users', 'The people and programs that own keys.')
    .addTag('permissions', 'Roles, permissions and the resource-scope catalogue.')
    .addTag('audit', 'Key and user lifecycle events.')
    .addTag('health', 'Liveness and readiness for load balancers.')
    .addTag('service', 'What this service is.')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description:
          'An opaque API key (`lk_` + 64 hex digits), not a JWT: it carries no claims, and the service ' +
          'checks it against the SHA-256 hash it stores.',
      },
      BEARER_SCHEME,
    )
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, API_KEY_SCHEME)
    .build();
}
