import { type DynamicModule, Module } from '@nestjs/common';
import { ItemsController } from './items.controller';

/**
 * The inventory service: its routes, behind Latchkey's keys. `guard` is
 * `LatchkeyGuardModule.forRoot({ url, serviceKey })` from `@latchkey/guard`
 * (or, sharing Latchkey's database, `InProcessGuardModule.forRoot()` from `latchkey/guard`).
 */
@Module({})
export class AppModule {
  static register(guard: DynamicModule): DynamicModule {
    return { module: AppModule, imports: [guard], controllers: [ItemsController] };
  }
}
