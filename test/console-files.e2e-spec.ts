import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { serveConsole } from '../src/console/serve-console';

const SECRET = 'not for clients';

@Module({})
class NoRoutes {}

/** A built console beside files that must never be served from it. */
function consoleDirWithTraps(): { root: string; outside: string } {
  const outside = mkdtempSync(join(tmpdir(), 'latchkey-outside-'));
  writeFileSync(join(outside, 'secret.txt'), SECRET);
  const root = mkdtempSync(join(tmpdir(), 'latchkey-console-'));
  mkdirSync(join(root, 'assets'));
  mkdirSync(join(root, '.git'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1);');
  writeFileSync(join(root, '.env'), SECRET);
  writeFileSync(join(root, 'assets', '.map'), SECRET);
  writeFileSync(join(root, '.git', 'config'), SECRET);
  symlinkSync(join(outside, 'secret.txt'), join(root, 'linked.txt'));
  symlinkSync(outside, join(root, 'linked-dir'));
  return { root, outside };
}

describe('the console files (serveConsole)', () => {
  let app: NestFastifyApplication;
  let http: TestAgent;
  let dirs: { root: string; outside: string };

  beforeAll(async () => {
    dirs = consoleDirWithTraps();
    app = await NestFactory.create<NestFastifyApplication>(NoRoutes, new FastifyAdapter(), {
      logger: false,
    });
    serveConsole(app, dirs.root);
    await app.listen(0, '127.0.0.1');
    http = request(await app.getUrl());
  });
  afterAll(async () => {
    await app.close();
    for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the index and the built assets', async () => {
    expect((await http.get('/console')).headers.location).toBe('/console/');
    const index = await http.get('/console/').expect(200);
    expect(index.text).toContain('<title>console</title>');
    expect((await http.get('/console/index.html').expect(200)).text).toContain('console');
    expect((await http.get('/console/assets/app.js').expect(200)).text).toBe('console.log(1);');
  });

  it.each([
    '/console/.env',
    '/console/assets/.map',
    '/console/.git/config',
    '/console/linked.txt',
    '/console/linked-dir/secret.txt',
    '/console/linked-dir/',
    '/console/missing.js',
  ])('answers 404 for %s (dotfiles, symlinks and anything not built)', async (path) => {
    const response = await http.get(path);
    expect(response.status).toBe(404);
    expect(response.text).not.toContain(SECRET);
  });
});
