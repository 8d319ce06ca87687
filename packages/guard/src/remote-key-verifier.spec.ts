import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ApiError } from './api-error';
import type { VerifyRequest } from './key-verifier';
import { RemoteKeyVerifier } from './remote-key-verifier';

const VERIFY = '/api/v1/keys/verify';
const BATCH = '/api/v1/keys/verify/batch';
/** Each verdict names the key it was asked about, so that answers can be matched to questions. */
const verdictOf = ({ key }: VerifyRequest) => ({
  valid: true,
  code: 'VALID',
  key_id: key,
  owner_id: 'owner-1',
});
const request = (n: number): VerifyRequest => ({
  key: `lk_${String(n % 10).repeat(64)}`,
  scopes: [],
});
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('RemoteKeyVerifier over a pool of keep-alive connections', () => {
  const held: { req: IncomingMessage; res: ServerResponse; body: string }[] = [];
  const sockets = new Set<Socket>();
  /** The paths asked, and the number of checks in each. */
  let calls: { path: string; checks: number }[] = [];
  let hold = false;
  /** How the server answers a batch: by default, a verdict per check. */
  let batchStatus = 200;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { checks?: VerifyRequest[] };
      calls.push({ path: req.url!, checks: parsed.checks?.length ?? 1 });
      if (hold) {
        held.push({ req, res, body });
        server.emit('held');
        return;
      }
      answer(req, res, body);
    });
  });
  server.on('connection', (socket: Socket) => sockets.add(socket));
  const answer = (req: IncomingMessage, res: ServerResponse, body: string) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === BATCH) {
      const { checks } = JSON.parse(body) as { checks: VerifyRequest[] };
      if (batchStatus !== 200 || checks.some((c) => c.scopes.includes('nonsense'))) {
        res.statusCode = batchStatus === 200 ? 400 : batchStatus;
        res.end(
          JSON.stringify({ error: { status: res.statusCode, code: 'refused', message: '' } }),
        );
        return;
      }
      res.end(JSON.stringify({ data: checks.map(verdictOf) }));
      return;
    }
    const check = JSON.parse(body) as VerifyRequest;
    if (check.scopes.includes('nonsense')) {
      res.statusCode = 400;
      res.end(JSON.stringify({ error: { status: 400, code: 'validation_failed', message: '' } }));
      return;
    }
    res.end(JSON.stringify({ data: verdictOf(check) }));
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
    calls = [];
    hold = false;
    batchStatus = 200;
    sockets.clear();
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('reuses its connections: 20 verifications in turn, one call each, over at most 2 sockets', async () => {
    const remote = verifier();
    for (let n = 0; n < 20; n++) {
      await expect(remote.verify(request(n))).resolves.toEqual(verdictOf(request(n)));
    }
    expect(calls).toEqual(Array.from({ length: 20 }, () => ({ path: VERIFY, checks: 1 })));
    expect(sockets.size).toBeLessThanOrEqual(2);
    await remote.close();
  });

  it('asks for the verifications of one turn in one batch, and answers each with its own verdict', async () => {
    const remote = verifier();
    const asked = Array.from({ length: 7 }, (_, n) => request(n));
    const answers = await Promise.all(asked.map((r) => remote.verify(r)));
    expect(answers).toEqual(asked.map(verdictOf));
    expect(calls).toEqual([{ path: BATCH, checks: 7 }]);
    await remote.close();
  });

  it('sends at most 100 checks a batch', async () => {
    const remote = verifier();
    await Promise.all(Array.from({ length: 150 }, (_, n) => remote.verify(request(n))));
    expect(calls).toEqual([
      { path: BATCH, checks: 100 },
      { path: BATCH, checks: 50 },
    ]);
    await remote.close();
  });

  it('has at most `connections` calls in flight; what is asked meanwhile goes together when one returns', async () => {
    const remote = verifier();
    hold = true;
    const answers = [remote.verify(request(0))];
    await turn();
    answers.push(remote.verify(request(1)));
    while (held.length < 2) await once(server, 'held');
    for (let n = 2; n < 6; n++) {
      answers.push(remote.verify(request(n)));
      await turn();
    }
    // Two in flight; the four asked since wait for one of them to return.
    expect(calls).toHaveLength(2);
    hold = false;
    for (const { req, res, body } of held.splice(0)) answer(req, res, body);
    await expect(Promise.all(answers)).resolves.toEqual(
      [0, 1, 2, 3, 4, 5].map((n) => verdictOf(request(n))),
    );
    expect(calls).toEqual([
      { path: VERIFY, checks: 1 },
      { path: VERIFY, checks: 1 },
      { path: BATCH, checks: 4 },
    ]);
    await remote.close();
  });

  it('asks a batch refused with 400 again check by check: only the check Latchkey refuses fails', async () => {
    const remote = verifier();
    const [good, bad] = await Promise.allSettled([
      remote.verify(request(1)),
      remote.verify({ ...request(2), scopes: ['nonsense'] }),
    ]);
    expect(good).toEqual({ status: 'fulfilled', value: verdictOf(request(1)) });
    expect(bad).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringContaining('refused') },
    });
    expect(calls.map((c) => c.path)).toEqual([BATCH, VERIFY, VERIFY]);
    await remote.close();
  });

  it('asks a Latchkey without the batch route (404) one by one, from then on', async () => {
    const remote = verifier();
    batchStatus = 404;
    const first = [request(1), request(2)];
    await expect(Promise.all(first.map((r) => remote.verify(r)))).resolves.toEqual(
      first.map(verdictOf),
    );
    const second = [request(3), request(4)];
    await expect(Promise.all(second.map((r) => remote.verify(r)))).resolves.toEqual(
      second.map(verdictOf),
    );
    expect(calls.map((c) => c.path)).toEqual([BATCH, VERIFY, VERIFY, VERIFY, VERIFY]);
    await remote.close();
  });

  it('answers 503 to every verification of a batch that gets no verdicts', async () => {
    const remote = verifier();
    batchStatus = 502;
    const answers = await Promise.allSettled([
      remote.verify(request(1)),
      remote.verify(request(2)),
    ]);
    for (const answer of answers) {
      expect(answer).toMatchObject({ status: 'rejected', reason: { code: 'service_unavailable' } });
    }
    await remote.close();
  });

  it('answers 503 with Retry-After when no verdict comes within timeoutMs', async () => {
    const remote = verifier(50);
    hold = true;
    const error = (await remote.verify(request(1)).catch((e: unknown) => e)) as ApiError;
    expect(error.getStatus()).toBe(503);
    expect(error.code).toBe('service_unavailable');
    expect(error.headers['Retry-After']).toBeDefined();
    for (const { res } of held.splice(0)) res.destroy();
    await remote.close();
  });
});
