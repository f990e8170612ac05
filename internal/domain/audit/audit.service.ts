import { actorOf, type ActorContext, type Clock } from '../common/context.js';
import { groupId as groupIdSchema } from '../common/ids.schema.js';
import { newId } from '../common/id.js';
import type { Page } from '../common/pagination.js';
import { parseInput } from '../../shared/validation.js';
import type { LogsRepository } from './audit.repository.js';
import { logListQuery, logRecord, type LogEntry, type LogListQuery, type LogRecordInput } from './audit.schema.js';

export interface AuditEvent {
  group_id: number;
  event_type: string;
  message: string;
  data?: Record<string, unknown>;
  severity?: LogEntry['severity'];
}

/** Told of every entry once it is stored (live dashboards); must not throw or wait. */
export type AuditListener = (entry: LogEntry) => void;

export class AuditService {
  constructor(
    private readonly logs: LogsRepository,
    private readonly clock: Clock,
    private readonly onWritten: AuditListener = () => undefined,
  ) {}

  /** The one audit entry a mutation writes, naming its actor (null when the system acted). */
  async write(event: AuditEvent, ctx: ActorContext): Promise<LogEntry> {
    const now = this.clock();
    const entry: LogEntry = {
      id: newId(now),
      group_id: event.group_id,
      event_type: event.event_type,
      severity: event.severity ?? 'info',
      message: event.message,
      actor_id: ctx.actor_id ?? null,
      actor: actorOf(ctx),
      data: event.data ?? {},
      timestamp: now,
    };
    await this.logs.insert(entry);
    this.onWritten(entry);
    return entry;
  }

  /** Free-form events from the bot (joins, deleted spam...); validated like any request. */
  async record(input: LogRecordInput, ctx: ActorContext = {}): Promise<LogEntry> {
    const r = parseInput(logRecord, input, 'log entry');
    return this.write(r, { ...ctx, actor_id: r.actor_id ?? ctx.actor_id });
  }

  async list(groupId: number, query: LogListQuery = {}): Promise<Page<LogEntry>> {
    const g = parseInput(groupIdSchema, groupId, 'group id');
    const q = parseInput(logListQuery, query, 'query');
    const filter = { event_type: q.event_type, actor_id: q.actor_id, user_id: q.user_id, since: q.since, until: q.until };
    return this.logs.list(g, filter, { limit: q.limit, cursor: q.cursor });
  }
}
