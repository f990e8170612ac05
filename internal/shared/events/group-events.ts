import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { closeRedis, createRedisClient } from '../redis/index.js';

/**
 * What happened in a group, for live dashboards: every audit entry the api writes (actions,
 * settings, members, roles...), as JSON. `id` is the entry's time-ordered id, so a client
 * that lost its socket can ask for what came after the last one it saw.
 */
export interface AuditGroupEvent {
  id: string;
  group_id: number;
  type: 'audit';
  /** The audit entry as the api's JSON answers carry it. */
  entry: Record<string, unknown>;
}

/**
 * A stats tick: the day counters moved (the bot's batch of messages, joins and leaves, every
 * few seconds per busy group). A hint to redraw, not a record: nothing replays a missed one,
 * since the charts reload the numbers themselves.
 */
export interface StatsGroupEvent {
  group_id: number;
  type: 'stats';
  counters: { messages: number; joins: number; leaves: number };
}

export type GroupEvent = AuditGroupEvent | StatsGroupEvent;

/** What came off the wire is one of ours: another writer on the channel cannot crash a listener. */
export function isGroupEvent(value: unknown): value is GroupEvent {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  if (typeof e['group_id'] !== 'number') return false;
  if (e['type'] === 'audit') return typeof e['id'] === 'string' && typeof e['entry'] === 'object' && e['entry'] !== null;
  return e['type'] === 'stats' && typeof e['counters'] === 'object' && e['counters'] !== null;
}

export type GroupEventListener = (event: GroupEvent) => void;

/** Events of every group: the api publishes, web replicas listen. */
export interface GroupEventBus {
  publish(event: GroupEvent): void;
  subscribe(listener: GroupEventListener): () => void;
  close(): Promise<void>;
}

/** One process (make run, tests): publishing is delivering. */
export class MemoryGroupEventBus implements GroupEventBus {
  private readonly listeners = new Set<GroupEventListener>();

  publish(event: GroupEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: GroupEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}

export const groupEventsChannel = (prefix: string, groupId: number) => `${prefix}:events:${groupId}`;

/**
 * Across processes through Redis pub/sub (DESIGN.md section 8: `{prefix}:events:{groupId}`).
 * A publisher connects at once; the subscriber only when someone listens, with one pattern
 * subscription for all groups (each web replica filters by the groups its clients watch).
 * Pub/sub keeps nothing: an event published while a replica was away is found again in the
 * audit log, which is what clients resume from.
 */
export class RedisGroupEventBus implements GroupEventBus {
  private readonly publisher: Redis;
  private subscriber: Redis | undefined;
  private readonly listeners = new Set<GroupEventListener>();

  constructor(
    private readonly url: string,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {
    this.publisher = createRedisClient(url, { logger, name: 'group-events' });
  }

  publish(event: GroupEvent): void {
    // Live updates are best effort: a failed publish never fails the write that caused it.
    this.publisher.publish(groupEventsChannel(this.prefix, event.group_id), JSON.stringify(event)).catch((err: unknown) => {
      this.logger.debug('group event not published', { group_id: event.group_id, error: String(err) });
    });
  }

  subscribe(listener: GroupEventListener): () => void {
    this.listeners.add(listener);
    this.subscriber ??= this.connectSubscriber();
    return () => this.listeners.delete(listener);
  }

  /** Resolves once the pattern subscription is in place (tests publish only after it). */
  async ready(): Promise<void> {
    this.subscriber ??= this.connectSubscriber();
    const sub = this.subscriber;
    if (sub.status !== 'ready') await new Promise((resolve) => sub.once('ready', resolve));
    await sub.psubscribe(`${this.prefix}:events:*`);
  }

  private connectSubscriber(): Redis {
    const sub = createRedisClient(this.url, { logger: this.logger, name: 'group-events-sub' });
    // After a reconnect the pattern is subscribed again ('ready' fires on every connect).
    sub.on('ready', () => {
      sub.psubscribe(`${this.prefix}:events:*`).catch((err: unknown) => this.logger.debug('group events psubscribe failed', { error: String(err) }));
    });
    sub.on('pmessage', (_pattern: string, _channel: string, message: string) => {
      let event: unknown;
      try {
        event = JSON.parse(message);
      } catch {
        return;
      }
      if (!isGroupEvent(event)) return;
      for (const listener of this.listeners) listener(event);
    });
    return sub;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await closeRedis(this.publisher);
    if (this.subscriber) await closeRedis(this.subscriber);
  }
}

export function createGroupEventBus(o: { redisUrl?: string | undefined; prefix: string; logger: Logger }): GroupEventBus {
  return o.redisUrl ? new RedisGroupEventBus(o.redisUrl, o.prefix, o.logger) : new MemoryGroupEventBus();
}
