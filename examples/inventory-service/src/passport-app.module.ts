import { Controller, type DynamicModule, Module, UseGuards } from '@nestjs/common';
import { AuthGuard, PassportModule } from '@nestjs/passport';
import { LatchkeyGuardModule, type RemoteGuardOptions } from '@latchkey/guard';
import { LatchkeyStrategy } from '@latchkey/guard/passport';
import { ItemsController } from './items.controller';

/**
 * The same routes, guarded through Passport: a service that already signs
 * people in with Passport adds the `latchkey` strategy beside its own, e.g.
 * `AuthGuard(['jwt', 'latchkey'])`.
 */
@UseGuards(AuthGuard('latchkey'))
@Controller()
export class PassportItemsController extends ItemsController {}

@Module({})
export class PassportAppModule {
  static register(latchkey: RemoteGuardOptions): DynamicModule {
    return {
      module: PassportAppModule,
      imports: [
        // globalGuard: false — the strategy guards the routes; the module reads their rules for it.
        LatchkeyGuardModule.forRoot({ ...latchkey, globalGuard: false }),
        PassportModule,
      ],
      providers: [LatchkeyStrategy],
      controllers: [PassportItemsController],
    };
  }
}
