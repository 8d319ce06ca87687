import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CONSOLE_PREFIX = '/console';

/**
 * Where `vite build` put the console: `console/dist` at the repository root,
 * which is one level above this file in `src/` (tests, ts-node) and two
 * above it in `dist/src/` (`npm start`, the Docker image).
 */
export function consoleDirectory(): string | undefined {
  return [
    join(__dirname, '..', '..', 'console', 'dist'),
    join(__dirname, '..', '..', '..', 'console', 'dist'),
  ]
    .map((dir) => resolve(dir))
    .find((dir) => existsSync(join(dir, 'index.html')));
}

/**
 * Serves the web console's static files at `/console/` (no key needed: the
 * page holds no data; everything it shows comes from the API with the key the
 * user pastes). `/console` redirects to `/console/`. The console routes by
 * URL hash, so only the built files exist here; other paths are 404, and so
 * are files added after start.
 */
export function serveConsole(app: NestFastifyApplication, root = consoleDirectory()): void {
  if (root === undefined) {
    new Logger('Console').warn(
      'The web console is not built (npm run build): /console is not served.',
    );
    return;
  }
  const files = servableFiles(root);
  app.useStaticAssets({
    root,
    prefix: CONSOLE_PREFIX,
    decorateReply: false,
    redirect: true,
    index: 'index.html',
    // Asked for the path and again for the file it resolved to (the index).
    allowedPath: (path) => path === '/' || files.has(path),
  });
}

/**
 * The console's files as URL paths (`/index.html`, `/assets/app.js`), read
 * once at start: regular files only. Symlinks, which could point anywhere on
 * the host, and dotfiles and dot-directories (`.env`, `.git`) are left out.
 */
export function servableFiles(root: string, urlPath = ''): Set<string> {
  const files = new Set<string>();
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = `${urlPath}/${entry.name}`;
    if (entry.isFile()) files.add(path);
    else if (entry.isDirectory()) {
      for (const file of servableFiles(join(root, entry.name), path)) files.add(file);
    }
  }
  return files;
}
