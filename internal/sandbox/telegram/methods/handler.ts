import type { Params } from '../params.js';
import type { FakeTelegramState } from '../state.js';
import type { UpdateQueue } from '../update-queue.js';

export interface MethodContext {
  state: FakeTelegramState;
  params: Params;
  queue: UpdateQueue;
  /** Aborted when the client hangs up or the fake stops (ends long polls). */
  signal: AbortSignal;
}

/** Returns the `result` of a successful call or throws a BotApiError. */
export type MethodHandler = (ctx: MethodContext) => unknown;
