import { Controller, Get, Module, Post, type DynamicModule, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { AppModule } from './app.module';
import { accessRuleOf } from './permissions/access-rule';
import { Public, RequireScopes } from './permissions/permissions.decorators';

type ModuleRef = Type<unknown> | DynamicModule | { forwardRef: () => Type<unknown> };

/** Every controller of `root` and of the modules it imports, read from their metadata. */
function controllersOf(root: ModuleRef): Type<object>[] {
  const controllers = new Set<Type<object>>();
  const seen = new Set<unknown>();
  const visit = (ref: ModuleRef | undefined): void => {
    if (!ref || seen.has(ref)) return;
    seen.add(ref);
    if ('forwardRef' in ref) return visit(ref.forwardRef());
    const dynamic = 'module' in ref ? ref : undefined;
    const type = dynamic ? dynamic.module : (ref as Type<unknown>);
    const read = <T>(key: string) => (Reflect.getMetadata(key, type) as T[] | undefined) ?? [];
    for (const controller of [
      ...read<Type<object>>(MODULE_METADATA.CONTROLLERS),
      ...(dynamic?.controllers ?? []),
    ]) {
      controllers.add(controller as Type<object>);
    }
    for (const imported of [
      ...read<ModuleRef>(MODULE_METADATA.IMPORTS),
      ...(dynamic?.imports ?? []),
    ]) {
      visit(imported as ModuleRef);
    }
  };
  visit(root);
  return [...controllers];
}

interface Route {
  route: string;
  decision: 'public' | 'permissions' | 'scopes' | 'NONE';
}

/** Each route handler of `controllers` with the access decision its decorators make. */
function routesOf(controllers: Type<object>[]): Route[] {
  const routes: Route[] = [];
  for (const controller of controllers) {
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
      const path = [controller, handler]
        .map((target) => String(Reflect.getMetadata(PATH_METADATA, target)))
        .join('/')
        .replace(/\/+/g, '/')
        .replace(/(.)\/$/, '$1');
      routes.push({ route: `${controller.name}.${name} ${path}`, decision });
    }
  }
  return routes;
}

/**
 * Default deny, enforced: every route must say whether it is public or which
 * permission or scope it needs (Immich's controllers/index.spec.ts). A new
 * route without a decision fails here, read from the controllers' metadata
 * without starting the app.
 */
describe('route inventory', () => {
  const routes = routesOf(controllersOf(AppModule));

  it('finds the routes of every module, however deep it is imported', () => {
    const names = routes.map((r) => r.route.split('.')[0]);
    for (const controller of [
      'AppController',
      'KeysController',
      'KeyVerificationController',
      'UsersController',
      'AuditController',
      'ChangesController',
      'HealthController',
      'MeController',
      'PermissionsController',
    ]) {
      expect(names).toContain(controller);
    }
  });

  it('has a decision for every route', () => {
    expect(routes.filter((r) => r.decision === 'NONE')).toEqual([]);
  });

  it('ships no benchmark route: the yardsticks are mounted only by bench/', () => {
    expect(routes.filter((r) => / bench(\/|$)/.test(r.route))).toEqual([]);
  });

  it('reports a route that says nothing, in an imported module', () => {
    @Controller('open')
    class OpenController {
      @Get() read(): void {}
    }
    @Controller('mixed')
    @RequireScopes('read:assets')
    class MixedController {
      @Post() write(): void {}
      @Public() @Get('health') health(): void {}
    }
    @Module({ controllers: [OpenController] })
    class Inner {}
    @Module({ imports: [Inner], controllers: [MixedController] })
    class Outer {}

    expect(routesOf(controllersOf(Outer))).toEqual(
      expect.arrayContaining([
        { route: 'OpenController.read open', decision: 'NONE' },
        { route: 'MixedController.write mixed', decision: 'scopes' },
        { route: 'MixedController.health mixed/health', decision: 'public' },
      ]),
    );
  });
});
