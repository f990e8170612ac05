import { LOG_RETENTION_MS } from '../domain/audit/audit.schema.js';
import type { LogsRepository } from '../domain/audit/audit.repository.js';
import { errorMessage } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';

export type SweepLogger = Pick<Logger, 'info' | 'warn'>;

export interface Sweeper {
  /** One pass now; resolves with how many entries went (0 when the database is down). */
  sweep(): Promise<number>;
  stop(): void;
}

/**
 * Deletes logs past retention on an interval. It runs on every backend, also where the TTL
 * index exists: on MongoDB it is a cheap no-op, on FerretDB (no TTL) it is what retention is;
 * the memory store uses it so old entries of groups nobody reads do not pile up.
 * The timer is unref'd so it never keeps a process alive.
 */
export function startRetentionSweeper(logs: LogsRepository, logger: SweepLogger, intervalMs: number, now: () => Date = () => new Date()): Sweeper {
  let running = false;
  const sweep = async (): Promise<number> => {
    if (running) return 0;
    running = true;
    try {
      const n = await logs.deleteOlderThan(new Date(now().getTime() - LOG_RETENTION_MS));
      if (n > 0) logger.info('log retention removed expired entries', { removed: n });
      return n;
    } catch (err) {
      // The next tick retries; a down database is reported by readiness, not here each tick.
      logger.warn('log retention sweep failed', { error: errorMessage(err) });
      return 0;
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  void sweep();
  return { sweep, stop: () => clearInterval(timer) };
}
