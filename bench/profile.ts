/**
 * `npm run bench:profile`: where one scenario's CPU goes, by place on the
 * stack (bench/cpu-profile.ts). Starts the built service (or the plain app)
 * under `node --cpu-prof`, seeds keys, loads the scenario like `npm run
 * bench` does, stops the server so that it writes its profile, and prints
 * the µs per request of each of our files, package and part of Node, counted
 * over the loaded window only (start-up and seeding left out).
 *
 *   npm run bench:profile -- [--scenario 'GET /me, valid key'] [--env LOG_LEVEL=info ...]
 *                            [--db sqlite|mariadb] [--redis] [--duration 10] [--connections 50]
 *                            [--top 40] [--keep profile.cpuprofile]
 *
 * `--scenario` is a name from bench/scenarios.ts, or `plain` for the plain
 * app; `--env NAME=value` sets the service's environment (`NAME=` unsets it).
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type CpuProfile, placesTable, summarise } from './cpu-profile';
import { layersMarkdown, layerTable } from './layers';
import { availableLoadTool } from './load';
import { mainScenarios } from './scenarios';
import { DEFAULT_REDIS_URL, seedKeys, startPlainApp, startService } from './service';
import { cpuSeconds } from './measure';
import { type Load, measure, type Scenario, wholeNumber } from './support';

/** Now on the clock V8 stamps its samples with (CLOCK_MONOTONIC on Linux), in µs. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

function environment(pairs: string[]): NodeJS.ProcessEnv {
  return Object.fromEntries(
    pairs.map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new Error(`--env ${pair}: NAME=value`);
      return [pair.slice(0, at), pair.slice(at + 1) || undefined];
    }),
  );
}

/** The one profile the server wrote into `dir`. */
function readProfile(dir: string): { file: string; profile: CpuProfile } {
  const [name] = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
  if (!name) throw new Error('the server wrote no CPU profile');
  const file = join(dir, name);
  return { file, profile: JSON.parse(readFileSync(file, 'utf8')) as CpuProfile };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'GET /me, valid key' },
      env: { type: 'string', multiple: true, default: [] },
      db: { type: 'string', default: 'sqlite' },
      redis: { type: 'boolean', default: false },
      'mariadb-database': { type: 'string', default: 'latchkey_bench' },
      'redis-url': { type: 'string', default: DEFAULT_REDIS_URL },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '50' },
      top: { type: 'string', default: '40' },
      keep: { type: 'string' },
    },
  });
  if (values.db !== 'sqlite' && values.db !== 'mariadb') throw new Error('--db: sqlite or mariadb');
  const load: Load = {
    durationS: wholeNumber('duration', values.duration),
    connections: wholeNumber('connections', values.connections),
    tool: availableLoadTool(),
  };
  const profileDir = mkdtempSync(join(tmpdir(), 'latchkey-profile-'));
  const nodeArgs = ['--cpu-prof', '--cpu-prof-dir', profileDir];
  try {
    let server: { base: string; pid: number; stop(): Promise<void> };
    let scenario: Scenario | undefined;
    if (values.scenario === 'plain') {
      server = await startPlainApp(nodeArgs);
      scenario = { name: 'plain', method: 'GET', path: '/hello', status: 200 };
    } else {
      const service = await startService({
        db: values.db,
        redis: values.redis,
        redisUrl: values['redis-url'],
        mariaDbDatabase: values['mariadb-database'],
        maxKeysPerUser: 30,
        env: environment(values.env),
        yardsticks: true,
        nodeArgs,
        tool: 'profile',
      });
      server = service;
      const all = mainScenarios(await seedKeys(service, 1000));
      scenario = all.find((s) => s.name === values.scenario);
      if (!scenario) {
        await service.stop();
        throw new Error(`--scenario: one of plain, ${all.map((s) => `'${s.name}'`).join(', ')}`);
      }
    }
    process.stderr.write(`profile: ${scenario.name} for ${load.durationS} s (${load.tool})\n`);
    const pid = server.pid;
    const measured = await measure(server.base, scenario, load, () => {
      const from = monotonicUs();
      const cpuBefore = cpuSeconds(pid);
      return { stop: () => ({ from, to: monotonicUs(), cpuS: cpuSeconds(pid) - cpuBefore }) };
    });
    await server.stop();
    const { file, profile } = readProfile(profileDir);
    if (values.keep) copyFileSync(file, values.keep);
    const window = measured.monitored!;
    const summary = summarise(profile, measured.total, window);
    if (summary.windowUs < 0.5 * (window.to - window.from)) {
      throw new Error("the profile's clock does not match process.hrtime's: no window to count");
    }
    process.stdout.write(
      `${scenario.name}, ${values.env.join(' ') || 'service defaults of bench/service.ts'}: ` +
        `${measured.total} requests, ${Math.round(measured.rps)} req/s under the profiler; ` +
        `${((window.cpuS * 1e6) / measured.total).toFixed(1)} µs of CPU per request from /proc ` +
        `(all threads, the kernel's work included) against ${summary.busyUs.toFixed(1)} ` +
        `in the profile's samples (see BENCHMARKS.md on what they over- and under-count)\n\n` +
        `${layersMarkdown(layerTable(profile, measured.total, window))}\n\n` +
        `${placesTable(summary, wholeNumber('top', values.top))}\n`,
    );
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`profile: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
