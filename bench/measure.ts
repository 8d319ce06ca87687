/**
 * `npm run bench`'s measurement: every scenario in rounds, each run between
 * two runs of the plain app (plain, scenario, plain, …), and what the server
 * process spent meanwhile, read from /proc. On a machine whose speed drifts
 * from minute to minute, a scenario is only compared with the plain runs
 * just before and after it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Options } from './options';
import { type Load, measure, measurePaced, type Scenario } from './support';

/** A server under test: a process on this machine. */
export interface Server {
  base: string;
  pid: number;
  /** Other processes that work for it (mariadbd, redis-server), whose CPU is reported beside its own. */
  helpers: { name: string; pid: number }[];
}

/** A scenario and the server it runs against. */
export interface Case {
  scenario: Scenario;
  server: Server;
}

/** One run of one scenario and what its server did meanwhile. */
export interface Sample {
  rps: number;
  p50: number;
  p99: number;
  /** The server's CPU time (user + system) per request, in microseconds. */
  cpuUs: number;
  /** The helpers' CPU time per request, in microseconds, by name. */
  helperCpuUs: Record<string, number>;
  /** The server's resident memory when the run ended, and its growth during it, in MB. */
  rssMb: number;
  rssGrowthMb: number;
}

/** A scenario's runs, one per round, each with the plain app's runs around it. */
export interface Row {
  scenario: string;
  runs: { sample: Sample; plain: Sample[] }[];
  /** Latency at the paced rate. */
  paced?: { p50: number; p99: number };
}

/** The process's resident set size in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

/** CPU seconds (user + system) the process has used so far, from /proc/<pid>/stat (Linux). */
export function cpuSeconds(pid: number): number {
  // utime and stime are fields 14 and 15, after the parenthesised command name.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100;
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** The processes named `name` (as in /proc/<pid>/comm) on this machine. */
export function processesNamed(name: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

interface Observed {
  cpuSeconds: number;
  helperCpuSeconds: Record<string, number>;
  rssMb: number;
  rssGrowthMb: number;
}

function observe(server: Server): { stop(): Observed } {
  const cpuBefore = cpuSeconds(server.pid);
  const helpersBefore = server.helpers.map((helper) => cpuSeconds(helper.pid));
  const rssBefore = rssMb(server.pid);
  return {
    stop() {
      const rss = rssMb(server.pid);
      return {
        cpuSeconds: cpuSeconds(server.pid) - cpuBefore,
        helperCpuSeconds: Object.fromEntries(
          server.helpers.map((helper, i) => [
            helper.name,
            cpuSeconds(helper.pid) - helpersBefore[i],
          ]),
        ),
        rssMb: rss,
        rssGrowthMb: rss - rssBefore,
      };
    },
  };
}

/** One run of a case, with what its server (and helpers) spent on each request. */
export async function measureSample({ scenario, server }: Case, load: Load): Promise<Sample> {
  const measured = await measure(server.base, scenario, load, () => observe(server));
  const observed = measured.monitored!;
  const units = scenario.unitsPerRequest ?? 1;
  const perRequestUs = (seconds: number) => (seconds * 1e6) / (measured.total * units);
  return {
    rps: measured.rps * units,
    p50: measured.p50,
    p99: measured.p99,
    cpuUs: perRequestUs(observed.cpuSeconds),
    helperCpuUs: Object.fromEntries(
      Object.entries(observed.helperCpuSeconds).map(([name, s]) => [name, perRequestUs(s)]),
    ),
    rssMb: observed.rssMb,
    rssGrowthMb: observed.rssGrowthMb,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Every case once per round, each followed by a run of the plain app, the
 * round opened by one; then the paced runs; then the cases that rotate many
 * keys, once (they are about memory over many requests, not a ratio to be
 * steadied). The plain app's own row holds each of its runs.
 */
export async function runRounds(plain: Case, cases: Case[], options: Options): Promise<Row[]> {
  const steady = cases.filter((c) => !c.scenario.rotatingTokens);
  const rotation = cases.filter((c) => c.scenario.rotatingTokens);
  const rows: Row[] = [plain, ...steady, ...rotation].map((c) => ({
    scenario: c.scenario.name,
    runs: [],
  }));
  const rowOf = (c: Case) => rows.find((row) => row.scenario === c.scenario.name)!;
  const run = async (c: Case) => {
    const sample = await measureSample(c, options);
    process.stderr.write(
      `bench: ${c.scenario.name}: ${Math.round(sample.rps)} req/s, ` +
        `${Math.round(sample.cpuUs)} µs CPU each, p99 ${sample.p99.toFixed(2)} ms\n`,
    );
    return sample;
  };
  const runPlain = async () => {
    const sample = await run(plain);
    rowOf(plain).runs.push({ sample, plain: [sample] });
    return sample;
  };
  let before: Sample | undefined;
  for (let round = 1; round <= options.rounds; round++) {
    process.stderr.write(`bench: round ${round} of ${options.rounds}\n`);
    before = await runPlain();
    for (const c of steady) {
      const sample = await run(c);
      const after = await runPlain();
      rowOf(c).runs.push({ sample, plain: [before, after] });
      before = after;
    }
  }
  if (options.pacedShare > 0) {
    for (const c of [plain, ...steady]) {
      const row = rowOf(c);
      // A row's req/s counts units (a batch's checks); the paced run sends requests.
      const requestsPerSecond =
        median(row.runs.map((r) => r.sample.rps)) / (c.scenario.unitsPerRequest ?? 1);
      const rate = Math.max(1, Math.round(options.pacedShare * requestsPerSecond));
      row.paced = await measurePaced(c.server.base, c.scenario, { ...options, rate });
      process.stderr.write(
        `bench: ${c.scenario.name} at ${rate} req/s: p50 ${row.paced.p50} ms, p99 ${row.paced.p99} ms\n`,
      );
    }
  }
  for (const c of rotation) {
    const sample = await run(c);
    rowOf(c).runs.push({ sample, plain: [before!, await runPlain()] });
  }
  return rows;
}
