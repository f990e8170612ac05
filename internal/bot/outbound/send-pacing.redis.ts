import type { Redis } from 'ioredis';
import type { Logger } from '../../shared/logger.js';
import { defineLuaCommand, RedisHealth, type LuaCommand } from '../../shared/redis/index.js';
import { MemorySendPacer, type Bucket, type SendPacer } from './send-pacing.js';

// Multi-bucket GCRA, all or nothing, on Redis's clock so replicas with skewed clocks agree.
// KEYS: bucket keys; ARGV: interval_ms, burst for each key in order.
// Returns 0 when granted (every TAT advanced), else the wait in ms (nothing changed).
const GCRA = `
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
`;

export interface SendPacerOptions {
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
export class RedisSendPacer implements SendPacer {
  private readonly local = new MemorySendPacer();
  private readonly gcra: LuaCommand;
  // Reports an outage once, not once per call: a raid would otherwise flood the log.
  private readonly health: RedisHealth;

  constructor(
    redis: Redis,
    private readonly opts: Omit<SendPacerOptions, 'redis'>,
  ) {
    this.gcra = defineLuaCommand(redis, 'botSendPacing', GCRA);
    this.health = new RedisHealth({
      client: redis,
      logger: opts.logger,
      user: 'outbound pacing',
      fallback: 'per-replica buckets',
      downMessage: 'redis unavailable for outbound pacing; pacing per replica until it returns',
      upMessage: 'outbound pacing shared through redis again',
      whileConnecting: 'down',
    });
  }

  acquire(buckets: readonly Bucket[]): Promise<number> {
    const keys = buckets.map((b) => `${this.opts.keyPrefix}:bot:${this.opts.botId}:rate:${b.key}`);
    const args = buckets.flatMap((b) => [Math.ceil(b.intervalMs), b.burst]);
    return this.health.run(
      async () => Number(await this.gcra(keys, args)),
      () => this.local.acquire(buckets),
    );
  }
}

export function createSendPacer(opts: SendPacerOptions): SendPacer {
  return opts.redis ? new RedisSendPacer(opts.redis, opts) : new MemorySendPacer();
}
