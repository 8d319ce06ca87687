import { Module } from '@nestjs/common';
import { KeysModule } from '../../src/keys/keys.module';
import { BenchBaselineController } from './bench-baseline.controller';

/**
 * Mounted only by bench/latchkey-with-yardsticks.ts through createApp's
 * extraModules; the service in src/ never serves GET /api/v1/bench/hello.
 */
@Module({ imports: [KeysModule], controllers: [BenchBaselineController] })
export class BenchBaselineModule {}
