import type { Redis } from 'ioredis';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { LuaScript } from './lua-script.js';
import { MemoryRateLimiter, type Bucket, type RateLimiter } from './rate-limiter.js';

// Multi-bucket GCRA, all or nothing, on Redis's clock so replicas with skewed clocks agree.
// KEYS: bucket keys; ARGV: interval_ms, burst for each key in order.
// Returns 0 when granted (every TAT advanced), else the wait in ms (nothing changed).
const GCRA_SCRIPT = new LuaScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait = 0
local tats = {}
for i = 1, #KEYS do
  local interval = tonumber(ARGV[i * 2 - 1])
  local burst = tonumber(ARGV[i * 2])
  local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
  if tat < now then tat = now end
  local newTat = tat + interval
  local allowAt = newTat - burst * interval
  if allowAt - now > wait then wait = allowAt - now end
  tats[i] = newTat
end
if wait > 0 then return math.ceil(wait) end
for i = 1, #KEYS do
  redis.call('SET', KEYS[i], string.format('%.0f', tats[i]), 'PX', math.max(1, math.ceil(tats[i] - now)))
end
return 0
`);

export interface RateLimiterOptions {
  /** Optional: without it (the all-in-one `make run`) pacing is per process. */
  redis?: Redis | undefined;
  /** e.g. `botplatform`; keys are `{keyPrefix}:bot:{botId}:rate:{bucket}`. */
  keyPrefix: string;
  /** Telegram's numeric bot id (the token's part before ':'): limits are per bot. */
  botId: string | number;
  logger: Logger;
}

/**
 * Pacing shared by every replica through Redis, degrading to per-process buckets while
 * Redis is unreachable: during an outage replicas may together exceed the budget, and the
 * 429 handling absorbs that, which beats stopping all outbound traffic.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly local = new MemoryRateLimiter();
  private degraded = false;

  constructor(
    private readonly redis: Redis,
    private readonly opts: Omit<RateLimiterOptions, 'redis'>,
  ) {}

  async acquire(buckets: readonly Bucket[]): Promise<number> {
    if (this.redis.status !== 'ready') return this.fallback(buckets, `redis ${this.redis.status}`);
    const keys = buckets.map((b) => `${this.opts.keyPrefix}:bot:${this.opts.botId}:rate:${b.key}`);
    const args = buckets.flatMap((b) => [Math.ceil(b.intervalMs), b.burst]);
    let waitMs: number;
    try {
      waitMs = Number(await GCRA_SCRIPT.run(this.redis, keys, args));
    } catch (err) {
      return this.fallback(buckets, errorMessage(err));
    }
    if (this.degraded) {
      this.degraded = false;
      this.opts.logger.info('outbound pacing shared through redis again');
    }
    return waitMs;
  }

  private fallback(buckets: readonly Bucket[], reason: string): Promise<number> {
    // Once per outage, not once per call: a raid would otherwise flood the log.
    if (!this.degraded) {
      this.degraded = true;
      this.opts.logger.warn('redis unavailable for outbound pacing; pacing per replica until it returns', { reason });
    }
    return this.local.acquire(buckets);
  }
}

export function createRateLimiter(opts: RateLimiterOptions): RateLimiter {
  return opts.redis ? new RedisRateLimiter(opts.redis, opts) : new MemoryRateLimiter();
}
