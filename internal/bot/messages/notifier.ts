import type { Telegram } from 'telegraf';
import type { Logger } from '../../shared/logger.js';
import { counter, type MetricsRegistry } from '../../shared/metrics.js';

type SendExtra = NonNullable<Parameters<Telegram['sendMessage']>[2]>;

/**
 * Messages the bot posts (replies, notices, welcomes) are queued and not awaited by the
 * handler. A chat's updates are handled one at a time, and messages are paced to about
 * one a second per chat: awaiting them would let a raid's welcomes hold up the handling of
 * the spam that follows. They are queued after the action they report, so order holds.
 */
export class Notifier {
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly failures;

  constructor(
    private readonly telegram: Telegram,
    private readonly logger: Logger,
    metrics: MetricsRegistry,
  ) {
    this.failures = counter(metrics, 'bot_errors_total', 'Failures while handling updates, by type', ['error_type']);
  }

  send(chatId: number, html: string, extra: SendExtra = {}): void {
    this.track(this.telegram.sendMessage(chatId, html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...extra }));
  }

  /** Runs `task` in the background; a failure is logged and counted, never thrown. */
  track(task: Promise<unknown>): void {
    const p = task.catch((err: unknown) => {
      this.failures.inc({ error_type: 'notify' });
      this.logger.warn('could not post a message', { error: (err as Error).message });
    });
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /** Resolves once every background send has settled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }
}
