import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..');
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-results', 'console');

/** Where @sparticuz/chromium's binary is unpacked: inside node_modules, so `npm ci` starts afresh. */
function bundledChromiumDir(): string {
  const { version } = JSON.parse(
    readFileSync(join(ROOT, 'node_modules', '@sparticuz', 'chromium', 'package.json'), 'utf8'),
  ) as { version: string };
  return join(ROOT, 'node_modules', '.cache', 'latchkey-chromium', version);
}

/**
 * The Chromium that ships in the `@sparticuz/chromium` tarball (a
 * devDependency), unpacked once. The package is an ES module that unpacks
 * into `os.tmpdir()`, so a child Node does it with TMPDIR pointed at a
 * scratch folder, which is then renamed into place: a run that stops half
 * way never leaves a partial binary behind.
 */
function bundledChromium(): string {
  const dir = bundledChromiumDir();
  const binary = join(dir, 'chromium');
  if (existsSync(binary)) return binary;
  const scratch = `${dir}.${process.pid}.tmp`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "const { default: c } = await import('@sparticuz/chromium'); await c.executablePath();",
    ],
    { cwd: ROOT, env: { ...process.env, TMPDIR: scratch }, stdio: 'inherit' },
  );
  try {
    renameSync(scratch, dir);
  } catch (error) {
    // Another run unpacked it first: keep that one.
    rmSync(scratch, { recursive: true, force: true });
    if (!existsSync(binary)) throw error;
  }
  return binary;
}

/** Debian's Chromium when it is installed (`apt-get install -y chromium`), else the bundled one. */
export function chromiumExecutable(): string {
  return existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : bundledChromium();
}

/** Chromium, headless, with nothing that reaches out to the network. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      // No --user-data-dir: playwright refuses it in launch() and gives every
      // launch a fresh temporary profile of its own, removed at close.
    ],
  });
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, which
 * the page's CSP does not govern) and returns its serious and critical
 * violations.
 */
export async function seriousA11yViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(axeSource);
  // A string, not a function: this file is compiled without the DOM's types.
  return page.evaluate<Violation[]>(`axe.run(document).then((result) => result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => String(n.target)) })))`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
