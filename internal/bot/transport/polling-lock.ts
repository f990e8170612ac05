import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { defineLuaCommand, type LuaCommand } from '../../shared/redis/index.js';

// Extend only while we still own the lock: after an expiry another instance may hold it.
const EXTEND = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

/**
 * The lock key for a token. Only a hash of the token appears: Redis keys show up in
 * MONITOR, SCAN and slow logs, and the token is the bot's whole identity.
 */
export function pollingLockKey(keyPrefix: string, token: string): string {
  const digest = createHash('sha256').update(token).digest('hex').slice(0, 32);
  return `${keyPrefix}:bot:polling-lock:${digest}`;
}

export class PollingLockHeldError extends Error {
  constructor(readonly holder: string) {
    super(
      `another instance is already polling this bot token (lock held by ${holder}); ` +
        'Telegram allows one getUpdates consumer per token: run a single bot replica in polling mode, or use webhook mode',
    );
    this.name = 'PollingLockHeldError';
  }
}

export interface PollingLockOptions {
  redis: Redis;
  keyPrefix: string;
  token: string;
  logger: Logger;
  /** Lock lifetime without renewal (default 30 s): how long a crashed holder blocks a successor. */
  ttlMs?: number;
  /** Renewal period (default a third of the TTL, so two renewals can fail before expiry). */
  renewEveryMs?: number;
  /** Called once when the lock is gone (taken over, or not renewable for a whole TTL): stop polling. */
  onLost?: () => void;
}

/**
 * A Redis lease per bot token so two instances never long-poll the same token (Telegram
 * answers the second one 409 and the two would steal updates from each other).
 */
export class PollingLock {
  readonly key: string;
  /** Identifies this holder in the error another instance sees: host, pid, random. */
  readonly owner = `${hostname()}/${process.pid}/${randomUUID()}`;
  private timer: NodeJS.Timeout | undefined;
  private renewedAt = 0;
  private held = false;
  private readonly lostListeners: (() => void)[] = [];
  private readonly scripts: { extend: LuaCommand; release: LuaCommand };

  constructor(private readonly opts: PollingLockOptions) {
    this.key = pollingLockKey(opts.keyPrefix, opts.token);
    this.scripts = {
      extend: defineLuaCommand(opts.redis, 'botPollingLockExtend', EXTEND),
      release: defineLuaCommand(opts.redis, 'botPollingLockRelease', RELEASE),
    };
    if (opts.onLost) this.lostListeners.push(opts.onLost);
  }

  /** Adds a listener for the loss of the lock (see PollingLockOptions.onLost). */
  onLost(listener: () => void): void {
    this.lostListeners.push(listener);
  }

  isHeld(): boolean {
    return this.held;
  }

  /** Takes the lock or throws PollingLockHeldError; Redis errors propagate (no lock, no polling). */
  async acquire(): Promise<void> {
    if (this.held) return;
    const set = await this.opts.redis.set(this.key, this.owner, 'PX', this.ttlMs(), 'NX');
    if (set !== 'OK') {
      const holder = (await this.opts.redis.get(this.key)) ?? 'an instance whose lease just expired';
      throw new PollingLockHeldError(holder);
    }
    this.held = true;
    this.renewedAt = Date.now();
    this.timer = setInterval(() => void this.renew(), this.opts.renewEveryMs ?? Math.floor(this.ttlMs() / 3));
    this.timer.unref();
  }

  /** Gives the lock up if we still own it; safe to call twice. */
  async release(): Promise<void> {
    this.stopRenewing();
    if (!this.held) return;
    this.held = false;
    try {
      await this.scripts.release([this.key], [this.owner]);
    } catch (err) {
      // It expires on its own within the TTL.
      this.opts.logger.warn('could not release the polling lock', { error: errorMessage(err) });
    }
  }

  private ttlMs(): number {
    return this.opts.ttlMs ?? 30_000;
  }

  private async renew(): Promise<void> {
    if (!this.held) return;
    try {
      const extended = Number(await this.scripts.extend([this.key], [this.owner, this.ttlMs()]));
      if (!this.held) return;
      if (extended === 1) {
        this.renewedAt = Date.now();
        return;
      }
      this.lost('the lock was taken over or expired');
    } catch (err) {
      // Redis blips are survivable until the lease could have expired under us.
      if (this.held && Date.now() - this.renewedAt >= this.ttlMs()) this.lost(errorMessage(err));
    }
  }

  private lost(reason: string): void {
    this.held = false;
    this.stopRenewing();
    this.opts.logger.error('polling lock lost; stopping polling', { reason });
    for (const listener of this.lostListeners) listener();
  }

  private stopRenewing(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
