import { Module } from '@nestjs/common';
import { KeysModule } from '../keys/keys.module';
import { BenchBaselineController } from './bench-baseline.controller';

/**
 * Loaded only when BENCH_BASELINE=1 (see app.module.ts); production never
 * serves GET /api/v1/bench/hello.
 */
@Module({ imports: [KeysModule], controllers: [BenchBaselineController] })
export class BenchBaselineModule {}
