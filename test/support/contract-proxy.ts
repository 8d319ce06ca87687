import { ChildProcess, spawn } from 'node:child_process';
import { createServer, IncomingMessage, request as forward, Server } from 'node:http';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { tooDeepAt } from '../../src/common/json-body';
import { freePort } from './tcp-proxy';

/**
 * The live contract check (`npm run test:contract`): with
 * LATCHKEY_CONTRACT_PROXY=1 every test app sits behind Prism in proxy mode,
 * which validates each request and each response against the committed
 * openapi.json and reports what disagrees in an `sl-violations` header.
 *
 *   test ──▶ recorder ──▶ prism proxy openapi.json <app> ──▶ app
 *
 * (Prism 5.14 runs on Node 20; later versions need Node 24.)
 *
 * The recorder (in this process) reads and removes that header, so tests see
 * the service's own headers, and keeps every violation that counts:
 * - any violation in a response (the service answered something the document
 *   does not describe): always a failure;
 * - a violation in a request: a failure only when the service accepted it
 *   (status below 400), since the document then forbids what the service
 *   allows. Tests send bad requests on purpose (bad ids, unknown enum values,
 *   no key), and the service refusing them with a 4xx is what the document
 *   says; Prism's `--errors` would answer those itself with a 422 and never
 *   reach the service, so it is not used;
 * - warnings (a path the document leaves out on purpose: /docs, test-only
 *   routes): ignored.
 * `close()` throws when anything counted, naming each request.
 * LATCHKEY_CONTRACT_COVERAGE names a file to log each checked answer to.
 */
export const contractProxyEnabled = () => process.env.LATCHKEY_CONTRACT_PROXY === '1';

interface Violation {
  location: string[];
  severity: string;
  code?: string | number;
  message: string;
}

export class ContractProxy {
  private constructor(
    readonly url: string,
    private readonly recorder: Server,
    private readonly prism: ChildProcess,
    private readonly failures: string[],
  ) {}

  static async start(upstream: string): Promise<ContractProxy> {
    const prismPort = await freePort();
    const prism = await startPrism(upstream, prismPort);
    const failures: string[] = [];
    const app = new URL(upstream);
    const recorder = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const body = Buffer.concat(chunks);
        const port = prismCanCarry(incoming, body) ? prismPort : Number(app.port);
        const upstreamRequest = forward(
          {
            host: '127.0.0.1',
            port,
            method: incoming.method,
            path: incoming.url,
            // As sent: `headers` keeps only the first of repeated Authorization lines.
            headers: incoming.rawHeaders,
          },
          (response) => {
            const { 'sl-violations': header, ...headers } = response.headers;
            if (typeof header === 'string') {
              const request = `${incoming.method} ${incoming.url}`;
              failures.push(...countedViolations(request, incoming, response.statusCode!, header));
            }
            if (port === prismPort) recordCoverage(incoming, response.statusCode!);
            outgoing.writeHead(response.statusCode!, headers);
            response.pipe(outgoing);
          },
        );
        upstreamRequest.on('error', (error) => {
          failures.push(`${incoming.method} ${incoming.url}: ${error.message}`);
          outgoing.destroy();
        });
        upstreamRequest.end(body);
      });
    });
    const port = await freePort();
    await new Promise<void>((resolve) => recorder.listen(port, '127.0.0.1', resolve));
    return new ContractProxy(`http://127.0.0.1:${port}`, recorder, prism, failures);
  }

  async close(): Promise<void> {
    this.recorder.closeAllConnections();
    await new Promise((resolve) => this.recorder.close(resolve));
    if (this.prism.exitCode === null) {
      const exited = new Promise((resolve) => this.prism.once('exit', resolve));
      this.prism.kill();
      await exited;
    }
    if (this.failures.length > 0) {
      throw new Error(
        `The service and openapi.json disagree (Prism):\n${this.failures.join('\n')}`,
      );
    }
  }
}

/**
 * With LATCHKEY_CONTRACT_COVERAGE=<file>, one line per request checked by
 * Prism, `<METHOD> <path> <status>`, for scripts/contract-coverage.ts.
 */
function recordCoverage(request: IncomingMessage, status: number): void {
  const file = process.env.LATCHKEY_CONTRACT_COVERAGE;
  if (!file) return;
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  appendFileSync(file, `${request.method} ${path} ${status}\n`);
}

/**
 * Requests Prism's proxy cannot pass on go straight to the app, unchecked:
 * a GET or HEAD with a body (Prism answers 501, stoplightio/prism#2259), a
 * JSON body that does not parse (Prism answers its own 400) or nests deeper
 * than the service takes (Prism's validator overflows its stack), and
 * repeated key headers (Prism passes on one). Tests send them on purpose, to
 * see the service's answer. Nor can it carry an event stream, which it would
 * wait for the end of.
 */
function prismCanCarry(request: IncomingMessage, body: Buffer): boolean {
  if (repeatsKeyHeader(request)) return false;
  if (/text\/event-stream/i.test(request.headers.accept ?? '')) return false;
  if (body.length === 0) return true;
  if (request.method === 'GET' || request.method === 'HEAD') return false;
  if (!/json/i.test(request.headers['content-type'] ?? '')) return true;
  try {
    return tooDeepAt(JSON.parse(body.toString())) === undefined;
  } catch {
    return false;
  }
}

function repeatsKeyHeader({ rawHeaders }: IncomingMessage): boolean {
  const names = rawHeaders.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase());
  return names.filter((name) => name === 'authorization' || name === 'x-api-key').length > 1;
}

/**
 * Prism matches an HTTP auth scheme case-sensitively; RFC 9110 section 11.1
 * makes it case-insensitive, and the service accepts `bearer <key>`.
 */
const isLowerCaseBearer = (request: IncomingMessage, violation: Violation) =>
  violation.location.join('.') === 'request' &&
  violation.code === 401 &&
  /^bearer /i.test(request.headers.authorization ?? '') &&
  !request.headers.authorization!.startsWith('Bearer ');

/** The violations in one `sl-violations` header that count, as lines of a report. */
function countedViolations(
  request: string,
  incoming: IncomingMessage,
  status: number,
  header: string,
): string[] {
  return (JSON.parse(header) as Violation[])
    .filter(
      (violation) =>
        violation.severity === 'Error' &&
        (violation.location[0] !== 'request' || status < 400) &&
        !isLowerCaseBearer(incoming, violation),
    )
    .map(
      (violation) =>
        `${request} → ${status}: ${violation.location.join('.')}: ${violation.message}`,
    );
}

const PRISM_CLI = join(
  __dirname,
  '..',
  '..',
  'node_modules',
  '@stoplight',
  'prism-cli',
  'dist',
  'index.js',
);
const OPENAPI_FILE = join(__dirname, '..', '..', 'openapi.json');

/** `prism proxy openapi.json <upstream>`, resolved once it listens. */
async function startPrism(upstream: string, port: number): Promise<ChildProcess> {
  const prism = spawn(
    process.execPath,
    [
      PRISM_CLI,
      'proxy',
      OPENAPI_FILE,
      upstream,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      // Keep the service's own CORS headers; Prism would add its own.
      '--cors=false',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      prism.kill();
      reject(new Error(`Prism did not start within 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    prism.stdout.on('data', onData);
    prism.stderr.on('data', onData);
    prism.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited (${code}) before listening:\n${output}`));
    });
  });
  // Drain its log so that a full pipe never stalls it.
  prism.stdout.removeAllListeners('data');
  prism.stderr.removeAllListeners('data');
  prism.stdout.resume();
  prism.stderr.resume();
  return prism;
}
