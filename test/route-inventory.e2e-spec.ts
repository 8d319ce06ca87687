import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { accessRuleOf } from '../src/permissions/access-rule';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Default deny, enforced: every route must say whether it is public or which
 * permission or scope it needs (Immich's controllers/index.spec.ts). A new
 * route without a decision fails here.
 */
describe('route inventory', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('has a decision for every route', () => {
    const routes: { route: string; decision: string }[] = [];
    for (const module of t.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as new () => object;
        const prototype = controller.prototype as Record<string, unknown>;
        for (const name of Object.getOwnPropertyNames(prototype)) {
          const handler = prototype[name];
          if (name === 'constructor' || typeof handler !== 'function') continue;
          if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
          const rule = accessRuleOf(handler, controller);
          const decision = !rule
            ? 'NONE'
            : rule.isPublic
              ? 'public'
              : rule.scopes.length > 0
                ? 'scopes'
                : 'permissions';
          const path = `${String(Reflect.getMetadata(PATH_METADATA, controller))}/${String(Reflect.getMetadata(PATH_METADATA, handler))}`;
          routes.push({ route: `${controller.name}.${name} ${path}`, decision });
        }
      }
    }
    expect(routes.length).toBeGreaterThan(3);
    expect(routes.filter((r) => r.decision === 'NONE')).toEqual([]);
  });
});
