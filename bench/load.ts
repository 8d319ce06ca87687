/**
 * One load run against one scenario, by wrk when it is installed and by
 * autocannon otherwise. wrk is a C program: autocannon runs in Node and, on
 * a two-core machine, takes one of the cores from the server it measures.
 * Both fail the run on any unexpected status, so a 429 or a 503 cannot pass
 * for a fast answer.
 */
import autocannon from 'autocannon';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Load, Scenario } from './support';

export type LoadTool = 'wrk' | 'autocannon';

export interface LoadResult {
  rps: number;
  /** Requests answered. */
  total: number;
  p50: number;
  p99: number;
}

/** wrk when it is on the PATH, else autocannon. */
export function availableLoadTool(): LoadTool {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return 'wrk';
  } catch (error) {
    // wrk --version prints its banner and exits 1; only a missing binary is ENOENT.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'autocannon' : 'wrk';
  }
}

/**
 * Runs `scenario` for `durationS` (or `scenario.amount` requests). Scenarios
 * that count requests run under autocannon, which can; wrk runs for a time,
 * with fixed headers or with the scenario's tokens in turn.
 */
export async function runLoad(
  tool: LoadTool,
  base: string,
  scenario: Scenario,
  load: Load,
  durationS: number,
): Promise<LoadResult> {
  return tool === 'wrk' && !scenario.amount
    ? runWrk(base, scenario, load, durationS)
    : runAutocannon(base, scenario, load, durationS);
}

/** A Lua long string: safe for any text without `]==]`. */
function luaString(text: string): string {
  if (text.includes(']==]')) throw new Error(`cannot quote for wrk: ${text}`);
  return `[==[${text}]==]`;
}

/**
 * wrk's script for a scenario: method, headers and body (the rotating
 * tokens, if any, read from `tokensFile` and sent one per request in turn),
 * a count of answers with another status, and one JSON line at the end with
 * what we report.
 */
function wrkScript(scenario: Scenario, tokensFile: string): string {
  const headers = Object.entries(scenario.headers ?? {}).map(
    ([name, value]) => `wrk.headers[ ${luaString(name)} ] = ${luaString(value)}`,
  );
  return [
    `wrk.method = ${luaString(scenario.method)}`,
    ...(scenario.body === undefined ? [] : [`wrk.body = ${luaString(scenario.body)}`]),
    ...headers,
    ...(scenario.rotatingTokens
      ? [
          'local tokens = {}',
          `for line in io.lines(${luaString(tokensFile)}) do tokens[#tokens + 1] = line end`,
          'local turn = 0',
          'function request()',
          '  turn = turn % #tokens + 1',
          '  wrk.headers["Authorization"] = "Bearer " .. tokens[turn]',
          '  return wrk.format()',
          'end',
        ]
      : []),
    'local threads = {}',
    'function setup(thread) table.insert(threads, thread) end',
    'function init(args) wrong = 0 end',
    `function response(status) if status ~= ${scenario.status} then wrong = wrong + 1 end end`,
    'function done(summary, latency, requests)',
    '  local wrongs = 0',
    '  for _, thread in ipairs(threads) do wrongs = wrongs + thread:get("wrong") end',
    '  local e = summary.errors',
    '  io.write(string.format(',
    `    'BENCH {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"wrong":%d,"errors":%d}\\n',`,
    '    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), wrongs,',
    '    e.connect + e.read + e.write + e.timeout))',
    'end',
  ].join('\n');
}

async function runWrk(
  base: string,
  scenario: Scenario,
  load: Load,
  durationS: number,
): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'latchkey-wrk-'));
  try {
    const script = join(dir, 'scenario.lua');
    const tokensFile = join(dir, 'tokens.txt');
    writeFileSync(tokensFile, (scenario.rotatingTokens ?? []).join('\n'));
    writeFileSync(script, wrkScript(scenario, tokensFile));
    // One thread: the other core is the server's.
    const args = ['-t1', `-c${load.connections}`, `-d${durationS}s`, '--timeout', '60s'];
    const stdout = await new Promise<string>((done, fail) =>
      execFile('wrk', [...args, '-s', script, `${base}${scenario.path}`], (error, out, err) =>
        error ? fail(new Error(`wrk failed: ${err || error.message}`)) : done(out),
      ),
    );
    const line = /^BENCH (.*)$/m.exec(stdout)?.[1];
    if (!line) throw new Error(`${scenario.name}: wrk printed no summary:\n${stdout}`);
    const run = JSON.parse(line) as Record<
      'requests' | 'durationUs' | 'p50Us' | 'p99Us' | 'wrong' | 'errors',
      number
    >;
    if (run.wrong > 0 || run.errors > 0) {
      throw new Error(
        `${scenario.name}: ${run.requests} requests, ${run.wrong} not ${scenario.status}, ` +
          `${run.errors} socket errors or timeouts`,
      );
    }
    return {
      rps: run.requests / (run.durationUs / 1e6),
      total: run.requests,
      p50: Math.round(run.p50Us / 10) / 100,
      p99: Math.round(run.p99Us / 10) / 100,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runAutocannon(
  base: string,
  scenario: Scenario,
  load: Load,
  durationS: number,
): Promise<LoadResult> {
  const tokens = scenario.rotatingTokens;
  let next = 0;
  const result = await autocannon({
    url: `${base}${scenario.path}`,
    method: scenario.method,
    headers: scenario.headers,
    body: scenario.body,
    connections: load.connections,
    duration: durationS,
    amount: scenario.amount,
    // A slow answer on a busy machine is a slow answer, not an error.
    timeout: 60,
    requests: tokens && [
      {
        setupRequest: (request) => ({
          ...request,
          headers: {
            ...request.headers,
            authorization: `Bearer ${tokens[next++ % tokens.length]}`,
          },
        }),
      },
    ],
  });
  const expected = result.statusCodeStats?.[`${scenario.status}`]?.count ?? 0;
  if (result.errors > 0 || expected !== result.requests.total) {
    throw new Error(
      `${scenario.name}: ${result.requests.total} requests, ${expected} answered ${scenario.status}, ` +
        `${result.errors} errors (${JSON.stringify(result.statusCodeStats)})`,
    );
  }
  return {
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}
