/**
 * `npm run bench`: what a request costs Latchkey, against what it costs a
 * plain NestJS + Fastify app (bench/plain-app.ts, issue 16). Starts the plain
 * app, its two floors (answering as `GET /` does; a validated POST body) and the built service (one process per configuration compared), seeds
 * keys, loads every scenario in rounds and prints one Markdown table. Load
 * never leaves this machine. Options: bench/options.ts; method and figures:
 * BENCHMARKS.md.
 */
import { loadavg } from 'node:os';
import { type Case, processesNamed, runRounds, type Server } from './measure';
import { type Options, parseOptions } from './options';
import { report } from './report';
import {
  type RunningService,
  type SeededKeys,
  seedKeys,
  startPlainApp,
  startService,
  VERIFY_SHAPED_BODY,
} from './service';
import { me, mainScenarios } from './scenarios';
import type { Scenario } from './support';

/** One configuration of Latchkey, run as its own process. */
interface Configuration {
  /** Added to the scenarios' names; empty for the main service. */
  label: string;
  db: 'sqlite' | 'mariadb';
  redis: boolean;
  /** Environment beyond service.ts's (LOG_LEVEL=warn, limits out of reach). */
  env: NodeJS.ProcessEnv;
  /** Start the service with the in-app yardstick routes (bench/latchkey-with-yardsticks.ts). */
  yardsticks?: boolean;
  /** Suffix of the MariaDB database, so each configuration has its own. */
  suffix: string;
  /** Which of the main scenarios it runs. */
  scenarios: (keys: SeededKeys) => Scenario[];
}

function configurations(options: Options): Configuration[] {
  const main = { db: options.db, redis: options.redis };
  const cacheTtl =
    options.cacheTtlS === undefined ? {} : { KEY_CACHE_TTL_S: String(options.cacheTtlS) };
  const onlyMe = (keys: SeededKeys) => [me(keys)];
  return [
    {
      label: '',
      ...main,
      env: cacheTtl,
      yardsticks: true,
      suffix: '',
      scenarios: (keys) => mainScenarios(keys, options.requests),
    },
    // What a user runs: LOG_LEVEL unset logs a line per request.
    {
      label: 'default LOG_LEVEL (info)',
      ...main,
      env: { LOG_LEVEL: undefined, ...cacheTtl },
      suffix: '_info',
      scenarios: onlyMe,
    },
    ...(options.mariadb
      ? [
          {
            label: 'MariaDB + Redis',
            db: 'mariadb' as const,
            redis: true,
            env: {},
            suffix: '_redis',
            scenarios: onlyMe,
          },
          {
            label: 'MariaDB without Redis (cache off)',
            db: 'mariadb' as const,
            redis: false,
            env: {},
            suffix: '_noredis',
            scenarios: onlyMe,
          },
        ]
      : []),
    ...(options.configAb
      ? [
          {
            label: 'METRICS_PORT set',
            ...main,
            env: { METRICS_PORT: '0', ...cacheTtl },
            suffix: '_metrics',
            scenarios: onlyMe,
          },
          {
            label: 'KEY_CACHE_TTL_S=0',
            ...main,
            env: { KEY_CACHE_TTL_S: '0' },
            suffix: '_nocache',
            scenarios: onlyMe,
          },
        ]
      : []),
  ];
}

/** What a response says beside its headers of transport, which differ by server. */
async function answer(url: string): Promise<{ headers: string[]; body: string }> {
  const response = await fetch(url);
  const transport = new Set(['date', 'connection', 'keep-alive', 'content-length']);
  const headers = [...response.headers.keys()].filter((name) => !transport.has(name)).sort();
  return { headers, body: await response.text() };
}

/** The contract floor is a yardstick only while it answers as Latchkey's `GET /` does. */
async function checkContractFloor(floorBase: string, latchkeyBase: string): Promise<void> {
  const [floor, latchkey] = await Promise.all([
    answer(`${floorBase}/hello`),
    answer(`${latchkeyBase}/`),
  ]);
  if (JSON.stringify(floor) !== JSON.stringify(latchkey)) {
    throw new Error(
      `the contract floor (bench/plain-app.ts) no longer answers as GET / does:\n` +
        `  floor:    ${JSON.stringify(floor)}\n  Latchkey: ${JSON.stringify(latchkey)}`,
    );
  }
}

/** mariadbd and redis-server, when the configuration uses them and they run here. */
function helpersOf(configuration: Configuration): Server['helpers'] {
  const named = (name: string) => processesNamed(name).map((pid) => ({ name, pid }));
  return [
    ...(configuration.db === 'mariadb' ? named('mariadbd').slice(0, 1) : []),
    ...(configuration.redis ? named('redis-server').slice(0, 1) : []),
  ];
}

async function main(): Promise<void> {
  const options = parseOptions();
  const loadBefore = loadavg();
  const stops: (() => Promise<void>)[] = [];
  try {
    const plainApp = await startPlainApp();
    stops.push(() => plainApp.stop());
    const plain: Case = {
      scenario: {
        name: 'plain NestJS + Fastify app, GET /hello',
        method: 'GET',
        path: '/hello',
        status: 200,
      },
      server: { ...plainApp, helpers: [] },
    };
    const floorApp = await startPlainApp([], 'contract-floor');
    stops.push(() => floorApp.stop());
    const postFloorApp = await startPlainApp([], 'post-floor');
    stops.push(() => postFloorApp.stop());
    const cases: Case[] = [
      {
        scenario: {
          name: "contract floor (plain app answering GET /'s body and headers)",
          method: 'GET',
          path: '/hello',
          status: 200,
        },
        server: { ...floorApp, helpers: [] },
      },
      {
        scenario: {
          name: "POST floor (plain app, verify's body through Nest's ValidationPipe)",
          method: 'POST',
          path: '/hello',
          headers: { 'content-type': 'application/json' },
          body: VERIFY_SHAPED_BODY,
          status: 200,
        },
        server: { ...postFloorApp, helpers: [] },
      },
    ];
    for (const configuration of configurations(options)) {
      process.stderr.write(
        `bench: starting Latchkey${configuration.label && `, ${configuration.label}`}\n`,
      );
      const service: RunningService = await startService({
        db: configuration.db,
        redis: configuration.redis,
        redisUrl: options.redisUrl,
        mariaDbDatabase: `${options.mariaDbDatabase}${configuration.suffix}`,
        // Only the two scenario keys go through the API; the bulk rows skip its limit.
        maxKeysPerUser: 30,
        env: configuration.env,
        yardsticks: configuration.yardsticks,
        tool: 'bench',
      });
      stops.push(() => service.stop());
      process.stderr.write(`bench: seeding ${options.keys} keys\n`);
      const keys = await seedKeys(service, options.keys, configuration.label ? 0 : options.rotate);
      if (!configuration.label) await checkContractFloor(floorApp.base, service.base);
      const server: Server = { ...service, helpers: helpersOf(configuration) };
      for (const scenario of configuration.scenarios(keys)) {
        const name = configuration.label
          ? `${scenario.name}, ${configuration.label}`
          : scenario.name;
        cases.push({ scenario: { ...scenario, name }, server });
      }
    }
    const rows = await runRounds(plain, cases, options);
    process.stdout.write(`${report(rows, options, loadBefore)}\n`);
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
}

main().catch((error: unknown) => {
  // fetch() hides why it failed (refused, reset, timed out) in `cause`.
  const cause =
    error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  process.stderr.write(
    `bench: ${error instanceof Error ? error.message : String(error)}${cause}\n`,
  );
  process.exit(1);
});
