import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createKey } from './factories/key.factory';
import { createUser } from './factories/user.factory';
import { waitFor } from './support/service-process';
import { freePort } from './support/tcp-proxy';
import { startTestApp, type TestApp } from './support/test-app';

/*
 * Issue 18: examples/inventory-service installed as a user installs it, with
 * `@latchkey/guard` from the tarball `npm pack` makes of packages/guard (as
 * published), not the workspace's source, and run against a real Latchkey.
 */

const ROOT = join(__dirname, '..');
const EXAMPLE = join(ROOT, 'examples', 'inventory-service');
const GUARD = '@latchkey/guard';

/** The example's own package.json. */
const examplePackage = JSON.parse(readFileSync(join(EXAMPLE, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

/**
 * A copy of the example in a temporary project: the guard installed from
 * its packed tarball with its own dependencies (from npm's cache where it
 * holds them, else the registry: a fresh clone's `npm ci` caches tarballs,
 * not the registry metadata an install resolves versions with), the
 * example's other dependencies (NestJS and the like, which the guard takes
 * as peers) linked from this repository's node_modules so that the install
 * takes seconds.
 */
function installExample(): string {
  if (!existsSync(join(ROOT, 'packages', 'guard', 'dist', 'index.js'))) {
    throw new Error('packages/guard is not built: run `npm run build:guard` (npm test does)');
  }
  const project = mkdtempSync(join(tmpdir(), 'latchkey-example-'));
  cpSync(join(EXAMPLE, 'src'), join(project, 'src'), { recursive: true });
  const tarball = execFileSync(
    'npm',
    ['pack', '--silent', '--workspace', GUARD, '--pack-destination', project],
    { cwd: ROOT, encoding: 'utf8' },
  )
    .trim()
    .split('\n')
    .pop()!;
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'inventory-service', private: true, dependencies: {} }),
  );
  execFileSync(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--legacy-peer-deps', // the peers are linked below
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      `./${tarball}`,
    ],
    { cwd: project, stdio: 'pipe' },
  );
  for (const name of Object.keys(examplePackage.dependencies).filter((n) => n !== GUARD)) {
    const link = join(project, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), link, 'dir');
  }
  // What the example needs of TypeScript to run under ts-node: Nest's decorators.
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'commonjs',
        target: 'ES2022',
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        esModuleInterop: true,
      },
    }),
  );
  return project;
}

describe('examples/inventory-service installed with the packed @latchkey/guard', () => {
  let t: TestApp;
  let project: string;
  let child: ChildProcess | undefined;
  let output = '';
  let serviceUrl: string;
  let client: { id: string };

  beforeAll(async () => {
    project = installExample();
    t = await startTestApp();
    const serviceUser = await createUser(t, { role: 'service' });
    const serviceKey = await createKey(t, {
      owner_id: serviceUser.id,
      scopes: ['api_keys.verify'],
      tier: 'enterprise',
    });
    client = await createUser(t, { role: 'client' });
    const port = await freePort();
    serviceUrl = `http://127.0.0.1:${port}`;
    child = spawn(
      process.execPath,
      ['-r', require.resolve('ts-node/register/transpile-only'), 'src/main.ts'],
      {
        cwd: project,
        env: {
          PATH: process.env.PATH,
          // Latchkey itself, not the contract proxy that `t.url` may be.
          LATCHKEY_URL: await t.app.getUrl(),
          LATCHKEY_SERVICE_KEY: serviceKey.key,
          PORT: String(port),
          HOST: '127.0.0.1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => output.includes('inventory-service listening'), 45_000).catch(() => {
      throw new Error(`the example did not start:\n${output}`);
    });
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await t?.close();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('resolves @latchkey/guard to the installed tarball, which brought no ORM, driver or Redis client', () => {
    const resolved = execFileSync(process.execPath, ['-p', `require.resolve('${GUARD}')`], {
      cwd: project,
      encoding: 'utf8',
    }).trim();
    expect(resolved).toBe(join(project, 'node_modules', '@latchkey', 'guard', 'dist', 'index.js'));
    for (const forbidden of ['typeorm', 'mysql2', 'better-sqlite3', 'ioredis']) {
      expect({
        forbidden,
        installed: existsSync(join(project, 'node_modules', forbidden)),
      }).toEqual({ forbidden, installed: false });
    }
  });

  it('200 with a key holding the route scope, 401 without a key, 403 insufficient_scope without the scope', async () => {
    const reader = await createKey(t, { owner_id: client.id, scopes: ['read:assets'] });
    const writer = await createKey(t, { owner_id: client.id, scopes: ['write:assets'] });
    const get = (headers: Record<string, string> = {}) => fetch(`${serviceUrl}/items`, { headers });

    const ok = await get({ Authorization: `Bearer ${reader.key}` });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-ratelimit-limit')).not.toBeNull();

    const missing = await get();
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('unauthorized');

    const outOfScope = await get({ 'X-Api-Key': writer.key });
    expect(outOfScope.status).toBe(403);
    expect(((await outOfScope.json()) as { error: { code: string } }).error.code).toBe(
      'insufficient_scope',
    );
  });
});
