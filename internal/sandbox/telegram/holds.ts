export interface HoldOptions {
  /** Only calls addressing this chat are held. */
  chatId?: number | string;
}

interface Hold {
  method: string;
  chatId: string | undefined;
  released: Promise<void>;
  release: () => void;
}

/**
 * Calls whose answer waits until the test releases them: a Telegram that is slow to answer,
 * made deterministic. A test that needs "A went out while B was still on its way" holds B
 * instead of hoping B's pacing outlasts A's handling on a loaded machine.
 */
export class HoldGate {
  private holds: Hold[] = [];

  /** Holds every matching call from now on until the returned function is called. */
  add(method: string, opts: HoldOptions = {}): () => void {
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const hold: Hold = { method, chatId: opts.chatId === undefined ? undefined : String(opts.chatId), released, release };
    this.holds.push(hold);
    return () => {
      this.holds = this.holds.filter((h) => h !== hold);
      hold.release();
    };
  }

  /** Resolves once no hold matches this call (at once when none does). */
  async pass(method: string, chatId: number | string | undefined): Promise<void> {
    for (;;) {
      const hold = this.holds.find((h) => h.method === method && (h.chatId === undefined || h.chatId === String(chatId)));
      if (!hold) return;
      await hold.released;
    }
  }

  /** Lets everything through (stop()). */
  releaseAll(): void {
    for (const h of this.holds) h.release();
    this.holds = [];
  }
}
