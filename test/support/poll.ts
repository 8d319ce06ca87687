import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Retries `check` until it returns true: for states that a background
 * process reaches on its own (a reconnection), never for asserting speed.
 * `withinMs` (default 20 s) is the deadline, for promises such as "recovers
 * within 5 s".
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  { withinMs = 20_000 }: { withinMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + withinMs;
  do {
    if (await check()) return;
    await sleep(100);
  } while (Date.now() < deadline);
  throw new Error(`Gave up waiting ${withinMs} ms until ${what}`);
}
