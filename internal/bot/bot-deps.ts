import type { Telegram } from 'telegraf';
import type { ApiClient } from '../connect/api-client.js';
import type { Logger } from '../shared/logger.js';
import type { MetricsRegistry } from '../shared/metrics.js';
import type { ActivityRecorder } from './groups/activity.js';
import type { GroupConfig } from './groups/group-config.js';
import type { Notifier } from './messages/notifier.js';
import type { AdminCache } from './permissions/admin-cache.js';
import type { BotKv } from './state/kv.js';
import type { LocalMemo } from './state/local-memo.js';

/** Everything a feature needs; built once by createBot. */
export interface BotDeps {
  api: ApiClient;
  telegram: Telegram;
  kv: BotKv;
  /** In-process memo in front of kv for write-once facts (see LocalMemo). */
  memo: LocalMemo;
  admins: AdminCache;
  config: GroupConfig;
  activity: ActivityRecorder;
  /** Posts messages without holding up the chat's next update. */
  notify: Notifier;
  logger: Logger;
  metrics: MetricsRegistry;
  /** Milliseconds since the epoch; tests move it. */
  now: () => number;
  me: { id: number; username: string };
}
