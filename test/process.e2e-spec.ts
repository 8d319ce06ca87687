import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, waitFor } from './support/service-process';
import { freePort } from './support/tcp-proxy';

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
});
