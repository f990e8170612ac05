import type { Clock } from '../../domain/common/context.js';
import type { Store } from '../../domain/store.js';
import { silentLogger } from '../../shared/logger.js';
import { startRetentionSweeper, type SweepLogger } from '../retention.js';
import { memoryActions } from './actions.memory.js';
import { memoryGroups } from './groups.memory.js';
import { memoryLogs } from './logs.memory.js';
import { memoryRoles } from './roles.memory.js';
import { memoryRules } from './rules.memory.js';
import { memorySettings } from './settings.memory.js';
import { memoryStats } from './stats.memory.js';
import { memoryUsers } from './users.memory.js';

export interface MemoryStoreOptions {
  /** Clock for log retention; tests move it forward. */
  clock?: Clock;
  /** How often expired logs of every group are dropped (default 10 min). */
  retentionSweepMs?: number;
  logger?: SweepLogger;
}

/** The embedded store (`make run`): same semantics as mongo, held in process, copied in and out. */
export function createMemoryStore(opts: MemoryStoreOptions = {}): Store {
  const clock = opts.clock ?? (() => new Date());
  const logs = memoryLogs(clock);
  const sweeper = startRetentionSweeper(logs, opts.logger ?? silentLogger(), opts.retentionSweepMs ?? 10 * 60_000, clock);
  return {
    groups: memoryGroups(),
    users: memoryUsers(),
    roles: memoryRoles(),
    rules: memoryRules(),
    settings: memorySettings(),
    actions: memoryActions(),
    logs,
    stats: memoryStats(),
    ping: () => Promise.resolve(true),
    close: () => {
      sweeper.stop();
      return Promise.resolve();
    },
  };
}
