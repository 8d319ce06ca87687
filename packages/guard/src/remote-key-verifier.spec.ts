import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ApiError } from './api-error';
import { RemoteKeyVerifier } from './remote-key-verifier';

const VERDICT = { valid: true, code: 'VALID', key_id: 'key-1', owner_id: 'owner-1' };
const request = (n: number) => ({ key: `lk_${String(n % 10).repeat(64)}`, scopes: [] });

describe('RemoteKeyVerifier over a pool of keep-alive connections', () => {
  const held: ServerResponse[] = [];
  const sockets = new Set<Socket>();
  let requests = 0;
  let hold = false;
  const server = createServer((_req, res) => {
    requests += 1;
    if (hold) {
      held.push(res);
      server.emit('held');
      return;
    }
    answer(res);
  });
  server.on('connection', (socket: Socket) => sockets.add(socket));
  const answer = (res: ServerResponse) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ data: VERDICT }));
  };
  let url: string;
  const verifier = (timeoutMs = 5000) =>
    new RemoteKeyVerifier({ url, serviceKey: `lk_${'5'.repeat(64)}`, timeoutMs, connections: 2 });

  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    requests = 0;
    hold = false;
    sockets.clear();
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('reuses its connections: 20 verifications in turn over at most 2 sockets', async () => {
    const remote = verifier();
    for (let n = 0; n < 20; n++) await expect(remote.verify(request(n))).resolves.toEqual(VERDICT);
    expect(requests).toBe(20);
    expect(sockets.size).toBeLessThanOrEqual(2);
    await remote.close();
  });

  it('has at most `connections` calls in flight; the others wait their turn and are answered', async () => {
    const remote = verifier();
    hold = true;
    const answers = Array.from({ length: 6 }, (_, n) => remote.verify(request(n)));
    while (held.length < 2) await once(server, 'held');
    // Two in flight, four queued in the pool: the server has seen two requests only.
    expect(requests).toBe(2);
    hold = false;
    for (const res of held.splice(0)) answer(res);
    await expect(Promise.all(answers)).resolves.toHaveLength(6);
    expect(requests).toBe(6);
    await remote.close();
  });

  it('answers 503 with Retry-After when no verdict comes within timeoutMs', async () => {
    const remote = verifier(50);
    hold = true;
    const error = (await remote.verify(request(1)).catch((e: unknown) => e)) as ApiError;
    expect(error.getStatus()).toBe(503);
    expect(error.code).toBe('service_unavailable');
    expect(error.headers['Retry-After']).toBeDefined();
    for (const res of held.splice(0)) res.destroy();
    await remote.close();
  });
});
