import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'undici';
import { IDLE_GRACE_MS } from '../src/common/graceful-close';
import { createKey } from './factories/key.factory';
import { until } from './support/poll';
import { bearer, startTestApp } from './support/test-app';

const me = (client: Client, key: string) =>
  client.request({ path: '/api/v1/me', method: 'GET', headers: bearer(key) });

/**
 * What docs/operations.md ("Stopping") promises while the service closes, on
 * kept-alive connections that a test holds one by one, to the server itself
 * (never through the contract check's proxy, which has connections of its own).
 */
describe('the service while it closes', () => {
  it('answers 503 with Connection: close on a connection left idle, then closes idle ones', async () => {
    const t = await startTestApp();
    const url = await t.app.getUrl();
    const waiting = new Client(url);
    const idle = new Client(url);
    try {
      for (const client of [waiting, idle]) {
        const before = await me(client, t.rootKey);
        await before.body.dump();
        expect(before.statusCode).toBe(200);
      }
      const idleClosed = once(idle, 'disconnect');

      const closing = t.app.close();
      // The port closes first; the connection stays open for the grace, and its request is refused in the envelope.
      await until(() => !t.app.getHttpServer().listening, 'the port closes', {
        withinMs: IDLE_GRACE_MS / 2,
      });
      const during = await me(waiting, t.rootKey);
      expect(during.statusCode).toBe(503);
      expect(during.headers.connection).toBe('close');
      expect(during.headers['retry-after']).toBeDefined();
      expect(await during.body.json()).toEqual({
        error: expect.objectContaining({ status: 503, code: 'service_unavailable' }),
      });

      // The idle connection is closed by the server, and closing ends.
      await idleClosed;
      await closing;
      await expect(me(waiting, t.rootKey)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await Promise.all([waiting.destroy(), idle.destroy(), t.close()]);
    }
  });

  it("writes the last use of a key answered while closing, not an earlier one's", async () => {
    const t = await startTestApp({ env: { TRUST_PROXY: '1' } });
    const { dataDir } = t;
    const created = await createKey(t);
    const client = new Client(await t.app.getUrl());
    // One connection, requests in sequence, each from its own address: the
    // last one answered 200 is the key's last use.
    let sent = 0;
    let lastAnsweredFrom: string | undefined;
    const traffic = (async () => {
      for (;;) {
        const address = `10.1.${sent >> 8}.${sent & 255}`;
        sent += 1;
        const response = await client
          .request({
            path: '/api/v1/me',
            method: 'GET',
            headers: { ...bearer(created.key), 'x-forwarded-for': address },
          })
          .catch(() => undefined);
        if (!response) return;
        await response.body.dump();
        if (response.statusCode !== 200) return;
        lastAnsweredFrom = address;
      }
    })();
    try {
      while (sent < 50) await sleep(5);
      await t.app.close();
      await traffic;
    } finally {
      await Promise.all([client.destroy(), t.close()]);
    }

    const restarted = await startTestApp({ dataDir, keepDatabase: true });
    try {
      const stored = await restarted.http
        .get(`/api/v1/keys/${created.id}`)
        .set(bearer(restarted.rootKey))
        .expect(200);
      expect(stored.body.data.last_used_ip).toBe(lastAnsweredFrom);
    } finally {
      await restarted.close();
    }
  });
});
