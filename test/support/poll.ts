import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Retries `check` until it returns true: for states that a background
 * process reaches on its own (a reconnection), never for asserting speed.
 */
export async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`Gave up waiting until ${what}`);
}
