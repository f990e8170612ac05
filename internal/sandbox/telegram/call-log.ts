import type { Params } from './params.js';

export type ApiResponse =
  { ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number; migrate_to_chat_id?: number } };

export interface RecordedCall {
  /** 1-based position in the log; survives `clear()` so order stays comparable. */
  seq: number;
  method: string;
  params: Params;
  chatId: number | string | undefined;
  /** Epoch milliseconds when the call arrived. */
  at: number;
  ok: boolean;
  /** HTTP status of the answer (the error_code for failures). */
  status: number;
  response: ApiResponse;
  /** True when the failure came from failNext rather than the fake's semantics. */
  injected: boolean;
}

type Matcher = string | ((call: RecordedCall) => boolean);

function matches(call: RecordedCall, matcher: Matcher): boolean {
  return typeof matcher === 'string' ? call.method === matcher : matcher(call);
}

/** Every call the fake answered, in arrival order, with the answer it got. */
export class CallLog {
  private calls: RecordedCall[] = [];
  private seq = 0;
  private readonly listeners = new Set<() => void>();

  record(call: Omit<RecordedCall, 'seq'>): RecordedCall {
    const recorded = { ...call, seq: ++this.seq };
    this.calls.push(recorded);
    for (const listener of [...this.listeners]) listener();
    return recorded;
  }

  all(): RecordedCall[] {
    return [...this.calls];
  }

  /** Calls of one method (canonical casing, e.g. 'banChatMember'). */
  of(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  last(method?: string): RecordedCall | undefined {
    const list = method === undefined ? this.calls : this.of(method);
    return list[list.length - 1];
  }

  /** Every call except long polling, which would otherwise drown what the bot did. */
  actions(): RecordedCall[] {
    return this.calls.filter((c) => c.method !== 'getUpdates');
  }

  clear(): void {
    this.calls = [];
  }

  /**
   * Resolves once `count` calls match, for bots that act asynchronously (polling, queues);
   * rejects after `timeoutMs` listing what did arrive.
   */
  waitFor(matcher: Matcher, opts: { count?: number; timeoutMs?: number } = {}): Promise<RecordedCall[]> {
    const count = opts.count ?? 1;
    const found = (): RecordedCall[] => this.calls.filter((c) => matches(c, matcher));
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const hits = found();
        if (hits.length < count) return;
        cleanup();
        resolve(hits);
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.actions()
          .map((c) => c.method)
          .join(', ');
        reject(
          new Error(`fake telegram: waited for ${count} x ${typeof matcher === 'string' ? matcher : 'matching call'}, got ${found().length}; calls: ${seen}`),
        );
      }, opts.timeoutMs ?? 5000);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }
}
