import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Dispatcher } from 'undici';
import { IDLE_GRACE_MS } from '../src/common/graceful-close';
import type { Answer } from '../openapi';
import { until } from './support/poll';
import { startService, waitFor, whenServiceReady } from './support/service-process';
import { freePort } from './support/tcp-proxy';
import { startTraffic } from './support/traffic';

type KeyBody = Answer<'/api/v1/keys', 'post'>;

describe('the service process', () => {
  it('stops with exit status 1 and one line naming a bad variable', async () => {
    const service = startService({
      PORT: 'eighty',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'latchkey-proc-')),
    });
    expect(await service.exited).toBe(1);
    const lines = service.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe('Invalid configuration: PORT must be an integer number (got "eighty")');
  });

  it('prints the key file path (never the key), serves requests, and exits 0 on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-proc-'));
    const port = await freePort();
    const service = startService({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
    try {
      const keyFile = join(dataDir, '.api_key');
      await waitFor(() => service.output().includes('API key authentication ready'), 20000);
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

  it('on SIGTERM under keep-alive traffic finishes what it answers, in the envelope, and exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-proc-'));
    const port = await freePort();
    const service = startService({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
    // One kept-alive connection per worker, so that a worker knows how long its connection sat idle.
    const clients = Array.from({ length: 8 }, () => new Client(`http://127.0.0.1:${port}`));
    const lastAnswered = clients.map(() => Date.now());
    try {
      const root = await whenServiceReady(service, dataDir);
      const headers = { authorization: `Bearer ${root}` };
      // A failure is told apart by whether a response had begun.
      const traffic = startTraffic(clients.length, async (n, worker) => {
        const sentAt = Date.now();
        const idleMs = sentAt - lastAnswered[worker];
        let response: Dispatcher.ResponseData;
        try {
          const path = n % 2 === 0 ? '/api/v1/me' : '/api/v1/keys/nope';
          response = await clients[worker].request({ path, method: 'GET', headers });
        } catch (error) {
          return { outcome: 'no response', code: (error as { code?: string }).code, idleMs };
        }
        try {
          const body = await response.body.json();
          lastAnswered[worker] = Date.now();
          return { outcome: 'answered', status: response.statusCode, body };
        } catch (error) {
          return { outcome: 'broken response', status: response.statusCode, cause: String(error) };
        }
      });
      await until(() => traffic.results.length >= 200, 'traffic flows');
      service.child.kill('SIGTERM');
      expect(await service.exited).toBe(0);
      const results = await traffic.stop();

      expect(results.filter((r) => r.outcome === 'broken response')).toEqual([]);
      const answered = results.filter((r) => r.outcome === 'answered');
      for (const { status, body } of answered) {
        if (status === 200) expect(Object.keys(body as object)).toEqual(['data']);
        else {
          expect(body).toEqual({
            error: expect.objectContaining({
              status,
              code: expect.any(String),
              message: expect.any(String),
            }),
          });
        }
      }
      // A request left unanswered was refused (sent after the port closed), or
      // sent on a connection its client had left idle past the grace (a client
      // stalled that long, by a garbage collection say, races the close of its
      // connection: HTTP/1.1 has no way round that). Never reset otherwise.
      const unanswered = results.filter((r) => r.outcome === 'no response');
      expect(
        unanswered.filter(
          ({ code, idleMs }) => code !== 'ECONNREFUSED' && idleMs! < IDLE_GRACE_MS - 100,
        ),
      ).toEqual([]);
    } finally {
      service.child.kill('SIGKILL');
      await Promise.all(clients.map((client) => client.destroy()));
    }
  });

  it('keeps every key whose create answered 201 when killed with SIGKILL under write load', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-proc-'));
    const port = await freePort();
    const env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      MAX_KEYS_PER_USER: '100000',
    };
    const url = `http://127.0.0.1:${port}/api/v1`;
    let service = startService(env);
    try {
      const root = await whenServiceReady(service, dataDir);
      const acknowledged: KeyBody['data'][] = [];
      // Eight clients creating keys as fast as they can; only a complete 201 counts.
      const traffic = startTraffic(8, async (n) => {
        try {
          const response = await fetch(`${url}/keys`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${root}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ name: `crash-${n}` }),
          });
          const body = (await response.json()) as KeyBody;
          if (response.status === 201) acknowledged.push(body.data);
          return response.status;
        } catch {
          return 'connection lost';
        }
      });
      await until(() => acknowledged.length >= 40, 'forty creates were acknowledged');
      service.child.kill('SIGKILL');
      expect(await service.exited).toBeNull(); // killed, not exited
      const outcomes = await traffic.stop();
      expect(outcomes).toContain('connection lost');
      expect(outcomes.filter((status) => typeof status === 'number' && status !== 201)).toEqual([]);

      service = startService(env);
      expect(await whenServiceReady(service, dataDir)).toBe(root);
      for (const key of acknowledged) {
        const stored = await fetch(`${url}/keys/${key.id}`, {
          headers: { Authorization: `Bearer ${root}` },
        });
        expect(stored.status).toBe(200);
        const me = await fetch(`${url}/me`, { headers: { 'X-Api-Key': key.key } });
        expect({ id: key.id, status: me.status }).toEqual({ id: key.id, status: 200 });
      }
    } finally {
      service.child.kill('SIGKILL');
    }
  });
});
