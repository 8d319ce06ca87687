import { DynamicModule, Module } from '@nestjs/common';
import { LatchkeyGuardModule, type LatchkeyGuardOptions } from 'latchkey/guard';
import { ItemsController } from './items.controller';

/** The inventory service: its routes, behind Latchkey's keys. */
@Module({})
export class AppModule {
  static register(latchkey: LatchkeyGuardOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [LatchkeyGuardModule.forRoot(latchkey)],
      controllers: [ItemsController],
    };
  }
}
