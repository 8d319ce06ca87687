import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support/tcp-proxy';
import { isMariaDb } from './support/test-app';

interface KeyBody {
  data: { id: string; key: string };
}

/** The service as `npm start` runs it: a real process, its output and exit status. */
function startService(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: join(__dirname, '..'),
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

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the service process', () => {
  it('stops with exit status 1 and one line naming a bad variable', async () => {
    const service = startService({
      PORT: 'eighty',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'latchkey-proc-')),
    });
    expect(await service.exited).toBe(1);
    const lines = service.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: PORT /);
  });

  it('prints the key file path (never the key), serves requests, and exits 0 on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-proc-'));
    const port = await freePort();
    const service = startService({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
    try {
      const keyFile = join(dataDir, '.api_key');
      await waitFor(() => service.output().includes('API key authentication ready'), 60000);
      expect(service.output()).toContain(`API key authentication ready (key file: ${keyFile})`);
      const key = readFileSync(keyFile, 'utf8').trim();

      const me = await fetch(`http://127.0.0.1:${port}/api/v1/me`, {
        headers: { Authorization: `Bearer ${key}` },
      });
      expect(me.status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/docs`)).status).toBe(200);

      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
      expect(service.output()).not.toContain(key.slice(3));
    } finally {
      service.child.kill('SIGKILL');
    }
  });

  it('never writes a token to its output, whatever the requests carry', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-proc-'));
    const port = await freePort();
    const service = startService({
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'trace',
    });
    try {
      await waitFor(() => service.output().includes('API key authentication ready'), 60000);
      const root = readFileSync(join(dataDir, '.api_key'), 'utf8').trim();
      const api = (path: string, init: RequestInit = {}) =>
        fetch(`http://127.0.0.1:${port}/api/v1${path}`, {
          ...init,
          headers: {
            'Content-Type': 'application/json',
            ...(init.headers as Record<string, string>),
          },
        });
      const created = (await (
        await api('/keys', {
          method: 'POST',
          headers: { Authorization: `Bearer ${root}` },
          body: JSON.stringify({ name: 'logged' }),
        })
      ).json()) as KeyBody;
      const token: string = created.data.key;
      const regenerated = (await (
        await api(`/keys/${created.data.id}/regenerate`, {
          method: 'POST',
          headers: { 'X-Api-Key': root },
          body: JSON.stringify({ grace_period_s: 60 }),
        })
      ).json()) as KeyBody;
      const tokens = [root, token, regenerated.data.key];
      for (const t of tokens) {
        await api('/me', { headers: { Authorization: `Bearer ${t}` } });
        await api('/me', { headers: { 'X-Api-Key': t } });
        await api(`/me?access_token=${t}&api_key=${t}`);
        await api('/keys', {
          method: 'POST',
          headers: { Authorization: `Bearer ${t}` },
          body: JSON.stringify({ name: t, key: t }),
        });
        await api('/keys/verify', {
          method: 'POST',
          headers: { Authorization: `Bearer ${root}` },
          body: JSON.stringify({ key: t, bogus: t }),
        });
      }
      await api('/keys/report-leak', { method: 'POST', body: JSON.stringify({ tokens }) });

      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
      const output = service.output();
      expect(output).toContain('request completed'); // requests were logged
      for (const t of tokens) expect(output).not.toContain(t.slice(3));
    } finally {
      service.child.kill('SIGKILL');
    }
  });
});
