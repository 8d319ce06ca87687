import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { serverSentEvents } from './change-stream';
import type { Verdict } from './key-verifier';
import { RemoteVerification } from './remote-verification';

const SERVICE_KEY = `lk_${'5'.repeat(64)}`;
const key = (n: number) => `lk_${String(n).repeat(64)}`;
const KEYS: Record<string, Verdict> = {
  [key(1)]: { valid: true, code: 'VALID', key_id: 'key-1', owner_id: 'owner-1' },
  [key(2)]: { valid: true, code: 'VALID', key_id: 'key-2', owner_id: 'owner-2' },
};

/** Latchkey as the guard sees it: POST /api/v1/keys/verify and the SSE stream of GET /api/v1/keys/changes. */
class FakeLatchkey {
  readonly server: Server;
  verifications: string[] = [];
  streamRequests: IncomingMessage[] = [];
  acceptStreams = true;
  stream?: ServerResponse;

  constructor() {
    this.server = createServer((req, res) => {
      if (req.url === '/api/v1/keys/verify') {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          const { key: token } = JSON.parse(body) as { key: string };
          this.verifications.push(token);
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ data: KEYS[token] ?? { valid: false, code: 'NOT_FOUND' } }));
        });
        return;
      }
      this.streamRequests.push(req);
      if (!this.acceptStreams) {
        res.statusCode = 503;
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': connected\n\n');
      this.stream = res;
    });
  }

  async listen(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  send(id: string, change: object): void {
    this.stream!.write(`id: ${id}\ndata: ${JSON.stringify(change)}\n\n`);
  }

  /** Ends the open stream; later ones are refused until acceptStreams is set again. */
  cut(): void {
    this.acceptStreams = false;
    this.stream!.destroy();
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('the change stream (SPEC section 9) and the verdict cache', () => {
  let latchkey: FakeLatchkey;
  let guard: RemoteVerification;
  let now: number;

  const verify = (token: string) => guard.verify({ key: token, scopes: [] });
  /** How many calls to Latchkey verifying `tokens` in turn took. */
  const callsFor = async (...tokens: string[]) => {
    const before = latchkey.verifications.length;
    for (const token of tokens) await verify(token);
    return latchkey.verifications.length - before;
  };

  beforeEach(async () => {
    now = 1_000_000;
    latchkey = new FakeLatchkey();
    const url = await latchkey.listen();
    guard = new RemoteVerification({ url, serviceKey: SERVICE_KEY }, { now: () => now });
    const up = once(guard.changes!, 'up');
    guard.onApplicationBootstrap();
    await up;
  });

  afterEach(async () => {
    await guard.onApplicationShutdown();
    await latchkey.close();
  });

  it('subscribes with the service key and keeps verdicts for cacheTtlMs (60 s) while it is up', async () => {
    expect(latchkey.streamRequests[0].headers).toMatchObject({
      authorization: `Bearer ${SERVICE_KEY}`,
      accept: 'text/event-stream',
    });
    expect(await callsFor(key(1), key(2))).toBe(2);
    now += 59_000;
    expect(await callsFor(key(1), key(2))).toBe(0);
    now += 1001;
    expect(await callsFor(key(1))).toBe(1);
  });

  it("evicts a changed key's verdicts at once, then a changed owner's, and no others", async () => {
    await callsFor(key(1), key(2));
    latchkey.send('1', { type: 'key', id: 'key-1' });
    await once(guard.changes!, 'change');
    expect(await callsFor(key(1))).toBe(1);
    expect(await callsFor(key(2))).toBe(0);

    latchkey.send('2', { type: 'user', id: 'owner-2' });
    await once(guard.changes!, 'change');
    expect(await callsFor(key(2))).toBe(1);
    expect(await callsFor(key(1))).toBe(0);
  });

  it('drops every verdict on {"type": "reset"}', async () => {
    await callsFor(key(1), key(2));
    latchkey.send('3', { type: 'reset' });
    await once(guard.changes!, 'change');
    expect(await callsFor(key(1), key(2))).toBe(2);
  });

  it('ignores what it does not understand, and events without data', async () => {
    await callsFor(key(1));
    latchkey.stream!.write('id: 4\n\ndata: not json\n\ndata: {"type":"tier","id":"key-1"}\n\n');
    latchkey.send('5', { type: 'key', id: 'key-2' });
    await once(guard.changes!, 'change');
    expect(await callsFor(key(1))).toBe(0);
  });

  it('keeps verdicts only 1 s while the stream is down; empties the cache when it goes down and when it is back', async () => {
    await callsFor(key(1));
    latchkey.cut();
    await once(guard.changes!, 'down');
    expect(guard.changes!.up).toBe(false);
    // Emptied: changes may be missed from now on.
    expect(await callsFor(key(1))).toBe(1);
    now += 999;
    expect(await callsFor(key(1))).toBe(0);
    now += 2;
    expect(await callsFor(key(1))).toBe(1);

    latchkey.acceptStreams = true;
    const up = once(guard.changes!, 'up');
    await up;
    // The verdict of the outage is gone too.
    expect(await callsFor(key(1))).toBe(1);
    now += 30_000;
    expect(await callsFor(key(1))).toBe(0);
  });

  it('reconnects with the Last-Event-ID of the last event it saw', async () => {
    for (const [id, change] of [
      ['41', { type: 'key', id: 'key-9' }],
      ['42', { type: 'user', id: 'owner-9' }],
    ] as const) {
      latchkey.send(id, change);
      await once(guard.changes!, 'change');
    }
    expect(latchkey.streamRequests[0].headers['last-event-id']).toBeUndefined();
    latchkey.stream!.destroy();
    await once(guard.changes!, 'up');
    expect(latchkey.streamRequests.at(-1)!.headers['last-event-id']).toBe('42');
  });
});

describe('serverSentEvents', () => {
  const chunks = (...parts: string[]) => Readable.from(parts.map((part) => Buffer.from(part)));
  const events = async (...parts: string[]) => {
    const seen = [];
    for await (const event of serverSentEvents(chunks(...parts))) seen.push(event);
    return seen;
  };

  it('joins data lines, keeps ids, skips comments, reads CRLF and chunks split anywhere', async () => {
    expect(
      await events(
        ': hi\n\nid: 7\r\nda',
        'ta: {"a":\ndata: 1}\r\n',
        '\r\n',
        'data:x\n\n',
        'id: 8\n\n',
      ),
    ).toEqual([{ id: '7', data: '{"a":\n1}' }, { data: 'x' }, { id: '8' }]);
  });
});
