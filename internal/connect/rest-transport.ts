import { AppError, ERROR_STATUS, type ErrorCode } from '../shared/errors.js';
import { exponentialBackoff } from '../shared/retry/index.js';

export interface RestTransportOptions {
  /** Returns the callee's base URL at call time, so a registry change applies to the next call. */
  baseUrl: () => string | null | undefined;
  apiKey: string;
  timeoutMs?: number;
  retries?: number;
  /** Base of the jittered exponential backoff between retries. */
  backoffMs?: number;
}

export interface CallOptions {
  actorId?: number | undefined;
  /** Further request headers (If-Match). */
  headers?: Record<string, string> | undefined;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE', 'HEAD']);

/**
 * JSON over HTTP to another service, mapping the error envelope back to the same
 * AppError the in-process path would throw, so callers cannot tell the two apart.
 * Only idempotent calls are retried: a retried POST could ban or warn twice.
 */
export class RestTransport {
  constructor(private readonly opts: RestTransportOptions) {}

  /** The same transport presenting another credential: a person's access token instead of the service key. */
  withCredential(credential: string): RestTransport {
    return new RestTransport({ ...this.opts, apiKey: credential });
  }

  async call<T>(method: string, path: string, opts: CallOptions = {}): Promise<T> {
    const attempts = IDEMPOTENT.has(method) ? 1 + (this.opts.retries ?? 2) : 1;
    const backoff = exponentialBackoff({ baseMs: this.opts.backoffMs ?? 50, jitter: 0.5 });
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await sleep(backoff(attempt - 1));
      try {
        return await this.once<T>(method, path, opts);
      } catch (err) {
        lastError = err;
        // Domain answers (4xx) are final; only infrastructure failures are worth a retry.
        if (err instanceof AppError && err.status < 500) throw err;
      }
    }
    throw lastError;
  }

  private async once<T>(method: string, path: string, opts: CallOptions): Promise<T> {
    const base = this.opts.baseUrl();
    if (!base) throw new AppError('DEPENDENCY_UNAVAILABLE', 'no URL is configured for this service');
    const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { authorization: `Bearer ${this.opts.apiKey}`, accept: 'application/json' };
    if (opts.actorId !== undefined) headers['x-actor-id'] = String(opts.actorId);
    Object.assign(headers, opts.headers);
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        // Node's fetch pools keep-alive connections per origin in its global dispatcher.
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000),
      });
    } catch (err) {
      throw new AppError(
        'DEPENDENCY_UNAVAILABLE',
        `${url.host} did not answer: ${(err as Error).name === 'TimeoutError' ? 'timed out' : (err as Error).message}`,
      );
    }
    const body = (await res.json().catch(() => undefined)) as
      { success: true; data: T } | { success: false; error: { code: string; message: string; details?: { path: string; message: string }[] } } | undefined;
    if (res.ok && body?.success) return body.data;
    if (body && !body.success && body.error.code in ERROR_STATUS) {
      throw new AppError(body.error.code as ErrorCode, body.error.message, body.error.details ?? []);
    }
    throw new AppError('DEPENDENCY_UNAVAILABLE', `${url.host} answered ${res.status}`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
