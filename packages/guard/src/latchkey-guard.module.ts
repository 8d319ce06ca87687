import {
  DynamicModule,
  type FactoryProvider,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type Provider,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { LatchkeyExceptionFilter } from './exception.filter';
import { KEY_VERIFIER, type KeyVerifier } from './key-verifier';
import { LatchkeyGuard, LatchkeyRouteRules } from './latchkey.guard';
import type { ModuleOptions, RemoteGuardOptions } from './latchkey-guard.options';
import { RemoteVerification } from './remote-verification';

/** `forRootAsync`: remote-mode options from other providers, e.g. ConfigService. */
export interface LatchkeyGuardAsyncOptions extends ModuleOptions {
  imports?: ModuleMetadata['imports'];
  inject?: InjectionToken[];
  useFactory: (
    ...args: never[]
  ) => Omit<RemoteGuardOptions, 'errorFilter'> | Promise<Omit<RemoteGuardOptions, 'errorFilter'>>;
}

/** `forVerifier`: the guard in front of any KeyVerifier (Latchkey's in-process mode is one). */
export interface LatchkeyGuardVerifierOptions extends ModuleOptions {
  imports?: ModuleMetadata['imports'];
  verifier: Omit<FactoryProvider<KeyVerifier>, 'provide'>;
}

/**
 * Puts every route of a NestJS (Fastify) service behind Latchkey's keys:
 *
 *   LatchkeyGuardModule.forRoot({ url, serviceKey })
 *
 * Registers LatchkeyGuard as a global guard (deny by default; with
 * `globalGuard: false` LatchkeyStrategy guards the routes instead) and,
 * unless `errorFilter: false`, Latchkey's exception filter for the error envelope.
 * Exports KEY_VERIFIER, which LatchkeyStrategy (`@latchkey/guard/passport`) uses.
 */
@Module({})
export class LatchkeyGuardModule {
  static forRoot(options: RemoteGuardOptions): DynamicModule {
    return guardModule(
      { provide: KEY_VERIFIER, useValue: new RemoteVerification(options) },
      [],
      options,
    );
  }

  /**
   * Remote mode with options made by a factory:
   * `forRootAsync({ imports: [ConfigModule], inject: [ConfigService], useFactory: (config) => ({ url: config.get(...), ... }) })`.
   */
  static forRootAsync(options: LatchkeyGuardAsyncOptions): DynamicModule {
    const verifier: Provider = {
      provide: KEY_VERIFIER,
      inject: options.inject ?? [],
      useFactory: async (...args: never[]) =>
        new RemoteVerification(await options.useFactory(...args)),
    };
    return guardModule(verifier, options.imports ?? [], options);
  }

  static forVerifier(options: LatchkeyGuardVerifierOptions): DynamicModule {
    return guardModule(
      { provide: KEY_VERIFIER, ...options.verifier },
      options.imports ?? [],
      options,
    );
  }
}

function guardModule(
  verifier: Provider,
  imports: NonNullable<ModuleMetadata['imports']>,
  { errorFilter = true, globalGuard = true }: ModuleOptions,
): DynamicModule {
  return {
    module: LatchkeyGuardModule,
    imports,
    providers: [
      verifier,
      LatchkeyGuard,
      globalGuard
        ? { provide: APP_GUARD, useExisting: LatchkeyGuard }
        : { provide: APP_GUARD, useClass: LatchkeyRouteRules },
      ...(errorFilter ? [{ provide: APP_FILTER, useClass: LatchkeyExceptionFilter }] : []),
    ],
    exports: [KEY_VERIFIER],
  };
}
