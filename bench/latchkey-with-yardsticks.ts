/**
 * Latchkey plus the benchmark's yardstick routes (bench/yardsticks/:
 * GET and POST /api/v1/bench/hello, GET /api/v1/bench/floor), for the
 * in-app rows of `npm run bench` and `npm run bench:profile`. The same start
 * as src/main.ts, with the yardsticks mounted through createApp's
 * extraModules, so the shipped service never has them.
 *
 * `npm run build:bench` compiles it to dist/bench/, beside the built
 * service, whose compiled files it loads (bench/service.ts starts it).
 */
import 'reflect-metadata';
import { serve } from '../src/serve';
import { BenchBaselineModule } from './yardsticks/bench-baseline.module';

void serve({ extraModules: [BenchBaselineModule] });
