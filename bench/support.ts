/**
 * What the benchmark scripts share: ports, child services, seeding through
 * the API and one measurement that fails on any unexpected status.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { availableLoadTool, type LoadTool, runLoad } from './load';

export interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Every response must have this status, or the numbers measure something else. */
  status: number;
  /** A further check of the probe's JSON body; returns what is wrong, if anything. */
  checkProbe?: (body: unknown) => string | undefined;
  /** Tokens sent in turn as `Authorization: Bearer`, one per request, instead of fixed headers. */
  rotatingTokens?: string[];
  /** Requests to send instead of running for the load's duration. */
  amount?: number;
  /**
   * What one request does several of (the checks of a batch): req/s and CPU
   * are then given per check, so that the row reads against one plain request.
   */
  unitsPerRequest?: number;
}

export interface Load {
  connections: number;
  durationS: number;
  /** Found on the PATH when not given. */
  tool?: LoadTool;
}

export interface Measured<T> {
  rps: number;
  /** Requests answered. */
  total: number;
  p50: number;
  p99: number;
  /** What the monitor saw while the scenario ran. */
  monitored?: T;
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Children we stop ourselves; any other exit is a failure of the run. */
const stopping = new WeakSet<ChildProcess>();

/**
 * Starts `node <args>` with `env`, its stdout to `stdout` (a file descriptor)
 * or ours; exits the benchmark if it dies before we stop it.
 */
export function startChild(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdout: number | 'inherit' = 'inherit',
): ChildProcess {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', stdout, 'inherit'] });
  child.once('exit', (code, signal) => {
    if (!stopping.has(child)) {
      process.stderr.write(`bench: ${name} exited early (${code ?? signal})\n`);
      process.exit(1);
    }
  });
  return child;
}

export async function stopChild(child: ChildProcess): Promise<void> {
  stopping.add(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Waits until `url` answers 200 (to a GET, or to the request `init` describes). */
export async function waitFor200(url: string, what: string, init?: RequestInit): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const status = await fetch(url, init).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`${what} did not answer 200 within 60 s`);
}

/** One JSON request to Latchkey's API with `key`. */
export async function call(
  base: string,
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: { data?: Record<string, unknown> } }> {
  const response = await fetch(`${base}${path}`, {
    method,
    // No content type without a body: Fastify refuses an empty JSON body (a DELETE's).
    headers: {
      authorization: `Bearer ${key}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.status,
    json: (await response.json()) as { data?: Record<string, unknown> },
  };
}

/** Creates a resource through the API and returns its `data`, or throws. */
export async function create(
  base: string,
  key: string,
  path: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const { status, json } = await call(base, key, 'POST', path, body);
  if (status !== 201 || !json.data) {
    throw new Error(`POST ${path}: ${status} ${JSON.stringify(json)}`);
  }
  return json.data;
}

/**
 * Probes the scenario once, warms up briefly (JIT, connection pools), then
 * measures it with `load.tool` (wrk when installed, see load.ts), watched by
 * `monitor` while it runs.
 */
export async function measure<T>(
  base: string,
  scenario: Scenario,
  load: Load,
  monitor?: () => { stop(): T },
): Promise<Measured<T>> {
  const tokens = scenario.rotatingTokens;
  const sendProbe = () =>
    fetch(`${base}${scenario.path}`, {
      method: scenario.method,
      headers: tokens ? { authorization: `Bearer ${tokens[0]}` } : scenario.headers,
      body: scenario.body,
    });
  // Once: after a long bulk seeding, fetch may reuse a kept-alive socket the
  // service has just closed for idleness ("other side closed").
  const probe = await sendProbe().catch(sendProbe);
  if (probe.status !== scenario.status) {
    throw new Error(`${scenario.name}: expected ${scenario.status}, got ${probe.status}`);
  }
  const wrong = scenario.checkProbe?.(await probe.json());
  if (wrong) throw new Error(`${scenario.name}: ${wrong}`);
  const tool = load.tool ?? availableLoadTool();
  await runLoad(tool, base, { ...scenario, amount: undefined }, load, warmUpSeconds(load));
  const watching = monitor?.();
  const result = await runLoad(tool, base, scenario, load, load.durationS);
  return { ...result, monitored: watching?.stop() };
}

/** A fifth of the run, at least a second. */
function warmUpSeconds(load: Load): number {
  return Math.max(1, Math.round(load.durationS / 5));
}

/** A whole number of at least `min` from a command-line option, or a clear error naming it. */
export function wholeNumber(name: string, value: string, min = 1): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
  return n;
}

/** A number above 0 and at most 1 from a command-line option (0 turns the option off). */
export function share(name: string, value: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new Error(`--${name} must be a number from 0 to 1`);
  return n;
}

/** The `share`-th latency (0–1) of sorted milliseconds, to the hundredth. */
function percentile(sortedMs: number[], share: number): number {
  const index = Math.min(sortedMs.length - 1, Math.ceil(share * sortedMs.length) - 1);
  return Math.round(sortedMs[Math.max(0, index)] * 100) / 100;
}

/**
 * Latency below saturation: `rate` requests a second, due at even intervals,
 * over `connections` kept-alive connections, for `durationS`. Each latency
 * runs from when its request was due, so a stall also counts against the
 * requests queued behind it. autocannon cannot do this: its rates are budgets
 * per connection and second, so every connection fires at once each second,
 * and its coordinated-omission correction assumes 1 ms between requests.
 * Fails, like `measure`, on any unexpected status.
 */
export async function measurePaced(
  base: string,
  scenario: Scenario,
  load: { connections: number; durationS: number; rate: number },
): Promise<{ p50: number; p99: number; total: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: load.connections });
  try {
    // The first second opens the connections and warms both sides up.
    await sendPaced(agent, base, scenario, load.rate, 1);
    const latencies = await sendPaced(agent, base, scenario, load.rate, load.durationS);
    latencies.sort((a, b) => a - b);
    return {
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      total: latencies.length,
    };
  } finally {
    agent.destroy();
  }
}

/** Sends `rate` requests a second for `durationS`; returns each one's latency in ms from when it was due. */
async function sendPaced(
  agent: Agent,
  base: string,
  scenario: Scenario,
  rate: number,
  durationS: number,
): Promise<number[]> {
  const url = new URL(`${base}${scenario.path}`);
  const headers = {
    ...scenario.headers,
    ...(scenario.body !== undefined && { 'content-length': Buffer.byteLength(scenario.body) }),
  };
  const latencies: number[] = [];
  const wrong: string[] = [];
  const send = (dueAt: number) =>
    new Promise<void>((done) => {
      const req = request(url, { method: scenario.method, headers, agent }, (response) => {
        if (response.statusCode !== scenario.status) wrong.push(String(response.statusCode));
        response.resume().on('end', () => {
          latencies.push(performance.now() - dueAt);
          done();
        });
      });
      req.on('error', (error) => {
        wrong.push(error.message);
        done();
      });
      req.end(scenario.body);
    });
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  const total = Math.round(rate * durationS);
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
    for (; sent < due; sent++) inFlight.push(send(start + (sent / rate) * 1000));
    await new Promise((tick) => setTimeout(tick, 1));
  }
  await Promise.all(inFlight);
  if (wrong.length > 0) {
    throw new Error(
      `${scenario.name}, paced: ${wrong.length} of ${total} answers were not ${scenario.status} (${wrong[0]})`,
    );
  }
  return latencies;
}
