import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The browser tests drive the console as built: build it from the current sources. */
export default function browserGlobalSetup(): void {
  execFileSync('npm', ['run', '--silent', 'build:console'], {
    cwd: join(__dirname, '..', '..'),
    stdio: 'inherit',
  });
}
