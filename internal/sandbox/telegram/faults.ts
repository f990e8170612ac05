import { BotApiError } from './errors.js';

export interface Fault {
  error_code: number;
  description?: string;
  /** For 429: seconds the client must wait; also sets the description. */
  retry_after?: number;
  migrate_to_chat_id?: number;
}

export interface FaultOptions {
  /** How many matching calls fail (default 1). */
  times?: number;
  /** Only calls addressing this chat fail. */
  chatId?: number | string;
}

interface Rule {
  method: string;
  fault: Fault;
  remaining: number;
  chatId: string | undefined;
}

function defaultDescription(fault: Fault): string {
  switch (fault.error_code) {
    case 429:
      return `Too Many Requests: retry after ${fault.retry_after ?? 1}`;
    case 403:
      return 'Forbidden: bot was kicked from the group chat';
    case 400:
      return 'Bad Request';
    case 401:
      return 'Unauthorized';
    case 409:
      return 'Conflict';
    default:
      return 'Internal Server Error';
  }
}

/**
 * Canned failures for the next calls of a method ('*' = any method except getUpdates, so a
 * polling bot's own loop does not eat the faults meant for its actions).
 */
export class FaultInjector {
  private rules: Rule[] = [];

  add(method: string, fault: Fault, opts: FaultOptions = {}): void {
    this.rules.push({ method, fault, remaining: opts.times ?? 1, chatId: opts.chatId === undefined ? undefined : String(opts.chatId) });
  }

  /** The failure for this call, consuming one use of the first matching rule. */
  take(method: string, chatId: number | string | undefined): BotApiError | undefined {
    const rule = this.rules.find(
      (r) => (r.method === method || (r.method === '*' && method !== 'getUpdates')) && (r.chatId === undefined || r.chatId === String(chatId)),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    const { fault } = rule;
    const retryAfter = fault.error_code === 429 ? (fault.retry_after ?? 1) : fault.retry_after;
    const parameters = {
      ...(retryAfter !== undefined ? { retry_after: retryAfter } : {}),
      ...(fault.migrate_to_chat_id !== undefined ? { migrate_to_chat_id: fault.migrate_to_chat_id } : {}),
    };
    const description = fault.description ?? defaultDescription({ ...fault, ...(retryAfter !== undefined ? { retry_after: retryAfter } : {}) });
    return new BotApiError(fault.error_code, description, Object.keys(parameters).length > 0 ? parameters : undefined);
  }

  pending(): number {
    return this.rules.reduce((sum, r) => sum + r.remaining, 0);
  }

  clear(): void {
    this.rules = [];
  }
}
