import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';

/**
 * One fixed window per counter, as BoundedMemoryStorage counts in memory:
 * the first hit starts the window, every hit adds one, and a spent budget
 * stays spent until the window ends. The arguments and the reply are those
 * of the library's script (KEYS: hits, block; ARGV: throttler name, window
 * ms, limit, block ms); the block key and the block duration go unused.
 * PTTL is 0 in a window's last millisecond: reported as 1 ms, so that
 * X-RateLimit-Reset never says 0 while the window still counts.
 */
const FIXED_WINDOW_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  ttl = tonumber(ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ttl)
elseif ttl == 0 then
  ttl = 1
end
if hits > tonumber(ARGV[3]) then
  return { hits, ttl, 1, ttl }
end
return { hits, ttl, 0, 0 }
`.trim();

/**
 * @nest-lab/throttler-storage-redis with a fixed-window script in place of
 * its own. Its script blocks a spent key for `blockDuration` and, when a hit
 * comes in the block's last millisecond, starts the count again at 1; with
 * the 1 ms block that stops it from outlasting the window, a client that
 * kept sending got 6,988 of 20,000 hits over a spent budget of 4 through.
 * The connection, key names and reply parsing stay the library's.
 */
export class FixedWindowRedisStorage extends ThrottlerStorageRedisService {
  override getScriptSrc(): string {
    return FIXED_WINDOW_SCRIPT;
  }
}
