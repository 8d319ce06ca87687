import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chromiumExecutable } from '../support/browser';

/**
 * The browser tests drive the console as built: build it from the current
 * sources. Unpacks the bundled Chromium here, once, when Debian's is missing.
 */
export default function browserGlobalSetup(): void {
  chromiumExecutable();
  execFileSync('npm', ['run', '--silent', 'build:console'], {
    cwd: join(__dirname, '..', '..'),
    stdio: 'inherit',
  });
}
