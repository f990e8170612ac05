import { TelegramError } from 'telegraf';

/** What a failed Bot API call means for the queue. */
export type Failure =
  | { kind: 'rate-limited'; retryAfterSec: number }
  | { kind: 'forbidden' }
  | { kind: 'server' }
  | { kind: 'network'; reachedServer: boolean }
  | { kind: 'fatal' };

// Socket-level failures from node-fetch (FetchError.code) and undici.
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_SOCKET']);
// The request never left this host, so even a non-idempotent call can be repeated.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH']);

function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code: unknown = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function classifyFailure(err: unknown): Failure {
  if (err instanceof TelegramError) {
    if (err.code === 429) return { kind: 'rate-limited', retryAfterSec: err.parameters?.retry_after ?? 1 };
    if (err.code === 403) return { kind: 'forbidden' };
    if (err.code >= 500) return { kind: 'server' };
    return { kind: 'fatal' };
  }
  const code = errorCode(err) ?? errorCode((err as { cause?: unknown } | null)?.cause);
  if (code !== undefined && NETWORK_CODES.has(code)) return { kind: 'network', reachedServer: !NOT_SENT_CODES.has(code) };
  return { kind: 'fatal' };
}
