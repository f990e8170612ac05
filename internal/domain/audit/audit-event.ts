import type { AuditGroupEvent } from '../../shared/events/group-events.js';
import type { LogEntry } from './audit.schema.js';

/** An audit entry as the live event web sends: the entry as JSON, the same on every bus. */
export function auditEvent(entry: LogEntry): AuditGroupEvent {
  return { id: entry.id, group_id: entry.group_id, type: 'audit', entry: JSON.parse(JSON.stringify(entry)) as Record<string, unknown> };
}
