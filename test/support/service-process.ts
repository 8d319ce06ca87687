import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMariaDb } from './test-app';

export interface ServiceProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * The service as `npm start` runs it: a real process (ts-node, src/main.ts),
 * its output and exit status. On the MariaDB run it uses the test database.
 */
export function startService(env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: join(__dirname, '..', '..'),
    env: {
      PATH: process.env.PATH,
      ...(isMariaDb() ? { DATABASE_URL: process.env.TEST_DATABASE_URL! } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the service is ready and returns the root key from its key file. */
export async function whenServiceReady(service: ServiceProcess, dataDir: string): Promise<string> {
  await waitFor(() => service.output().includes('API key authentication ready'), 60000);
  return readFileSync(join(dataDir, '.api_key'), 'utf8').trim();
}
