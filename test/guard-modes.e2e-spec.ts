import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { LatchkeyGuardModule } from '@latchkey/guard';
import { AppModule } from '../examples/inventory-service/src/app.module';
import { ItemsController } from '../examples/inventory-service/src/items.controller';
import { InProcessGuardModule } from '../src/guard';
import { expectError } from './support/error-envelope';
import { latchkeyForServices, type Service } from './support/guard';
import { bearer, isMariaDb } from './support/test-app';

/** The guard's other set-ups: remote options from another provider, and in-process mode. */
describe('examples/inventory-service behind @latchkey/guard, set up otherwise', () => {
  const services = latchkeyForServices();

  it('forRootAsync: remote options from another provider (e.g. ConfigService)', async () => {
    const SETTINGS = Symbol('settings');
    @Module({
      providers: [
        { provide: SETTINGS, useValue: { url: services.url, serviceKey: services.serviceKey } },
      ],
      exports: [SETTINGS],
    })
    class SettingsModule {}
    @Module({
      imports: [
        LatchkeyGuardModule.forRootAsync({
          imports: [SettingsModule],
          inject: [SETTINGS],
          useFactory: (settings: { url: string; serviceKey: string }) => settings,
        }),
      ],
      controllers: [ItemsController],
    })
    class AsyncInventoryModule {}
    const app = await NestFactory.create<NestFastifyApplication>(
      AsyncInventoryModule,
      new FastifyAdapter(),
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
    services.started.push({ app, http: request(await app.getUrl()) });
    const http = request(await app.getUrl());

    const reader = await services.clientKey({ scopes: ['read:assets'] });
    expect((await http.get('/items').set(bearer(reader.key))).status).toBe(200);
    expectError(
      await http.post('/items').set(bearer(reader.key)).send({ name: 'x' }),
      403,
      'insufficient_scope',
    );
    expectError(await http.get('/items'), 401, 'unauthorized');
  });

  describe('in-process mode (sharing Latchkey database)', () => {
    let shared: Service;
    beforeAll(async () => {
      const env = {
        LOG_LEVEL: 'silent',
        DATA_DIR: services.t.dataDir,
        DATABASE_URL: isMariaDb() ? process.env.TEST_DATABASE_URL : undefined,
      };
      shared = await services.inventory(
        AppModule.register(InProcessGuardModule.forRoot({ cacheTtlMs: 0, env })),
      );
    });

    it("decides with Latchkey's own code: 200, 403 insufficient_scope, 401 once revoked", async () => {
      const reader = await services.clientKey({ scopes: ['read:assets'] });
      const ok = await shared.http.get('/items').set(bearer(reader.key));
      expect(ok.status).toBe(200);
      expect(ok.headers['x-ratelimit-limit']).toBe('1000');
      expectError(
        await shared.http.post('/items').set(bearer(reader.key)).send({ name: 'x' }),
        403,
        'insufficient_scope',
      );
      await services.t.http.delete(`/api/v1/keys/${reader.id}`).set(bearer(services.t.rootKey));
      const refused = await shared.http.get('/items').set(bearer(reader.key));
      expectError(refused, 401, 'unauthorized');
      expect(refused.headers['www-authenticate']).toBe('Bearer');
    });

    it("503 service_unavailable, never a pass, while Latchkey's database cannot be reached", async () => {
      const reader = await services.clientKey({ scopes: ['read:assets'] });
      const env = {
        LOG_LEVEL: 'silent',
        DATA_DIR: services.t.dataDir,
        DATABASE_URL: 'mysql://root@127.0.0.1:9/latchkey',
      };
      const unreachable = await services.inventory(
        AppModule.register(InProcessGuardModule.forRoot({ cacheTtlMs: 0, env })),
      );
      const response = await unreachable.http.get('/items').set(bearer(reader.key));
      expectError(response, 503, 'service_unavailable');
      expect(response.headers['retry-after']).toBeDefined();
    });
  });
});
