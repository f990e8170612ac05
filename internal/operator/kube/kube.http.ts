import { createHash } from 'node:crypto';
import { Agent as HttpsAgent, request as httpsRequest, type RequestOptions } from 'node:https';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { createInterface } from 'node:readline';
import type { KubeConfigSource } from './kube.config.js';

export type WriteVerb = 'create' | 'apply' | 'patch' | 'update' | 'delete';

/** An API server answer other than 2xx; `code` is the HTTP status (404, 409, 410, ...). */
export class KubeError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'KubeError';
  }
}

export function isNotFound(err: unknown): boolean {
  return err instanceof KubeError && err.code === 404;
}

export function isConflict(err: unknown): boolean {
  return err instanceof KubeError && err.code === 409;
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  /** Counted under this verb; reads are not counted. */
  write?: WriteVerb;
  /** Cancels the request (an informer being stopped). */
  signal?: AbortSignal;
}

/**
 * A thin HTTP layer over the API server, authenticated by a KubeConfigSource (token,
 * client certificate or in-cluster service account; see kube.config.ts). We speak HTTP ourselves
 * instead of through the generated clients because server-side apply on `/status` and
 * streaming watches need content types and query parameters those clients hide, and
 * because every write goes through one place where it is counted: the tests prove "an
 * unchanged object causes no write" with these counters.
 */
export class KubeHttp {
  private readonly writes = new Map<WriteVerb, number>();
  private readonly listeners: ((verb: WriteVerb) => void)[] = [];
  private readonly requestListeners: ((spec: RequestSpec) => void)[] = [];
  /** One keep-alive agent per set of TLS material (it changes only when certificates rotate). */
  private agent: { key: string; source: HttpAgent; agent: HttpsAgent | HttpAgent } | undefined;

  constructor(private readonly kc: KubeConfigSource) {}

  /** Writes made so far, by verb. */
  writeCounts(): Record<WriteVerb, number> {
    return {
      create: this.writes.get('create') ?? 0,
      apply: this.writes.get('apply') ?? 0,
      patch: this.writes.get('patch') ?? 0,
      update: this.writes.get('update') ?? 0,
      delete: this.writes.get('delete') ?? 0,
    };
  }

  totalWrites(): number {
    let n = 0;
    for (const v of this.writes.values()) n += v;
    return n;
  }

  onWrite(listener: (verb: WriteVerb) => void): void {
    this.listeners.push(listener);
  }

  /** Sees every request and watch as it is sent (tests check which reads went to the API server). */
  onRequest(listener: (spec: RequestSpec) => void): void {
    this.requestListeners.push(listener);
  }

  async request<T>(spec: RequestSpec): Promise<T> {
    if (spec.write) {
      this.writes.set(spec.write, (this.writes.get(spec.write) ?? 0) + 1);
      for (const l of this.listeners) l(spec.write);
    }
    const res = await this.open(spec, 30_000, spec.signal);
    const text = await readAll(res);
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw errorFrom(status, text);
    return (text ? JSON.parse(text) : {}) as T;
  }

  /**
   * A watch stream: calls `onEvent` per JSON line; resolves when the server closes the
   * stream (after `timeoutSeconds`), rejects on a transport error or abort.
   */
  async stream(path: string, query: Record<string, string | undefined>, onEvent: (event: unknown) => void, signal: AbortSignal): Promise<void> {
    const res = await this.open({ method: 'GET', path, query }, 0, signal);
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw errorFrom(status, await readAll(res));
    const lines = createInterface({ input: res, crlfDelay: Infinity });
    const onAbort = () => res.destroy(new Error('watch aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const line of lines) {
        if (line.trim()) onEvent(JSON.parse(line));
      }
    } catch (err) {
      res.destroy();
      throw err;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  private async open(spec: RequestSpec, timeoutMs: number, signal?: AbortSignal): Promise<IncomingMessage> {
    const cluster = this.kc.getCurrentCluster();
    if (!cluster) throw new Error('kubeconfig has no current cluster');
    const url = new URL(cluster.server.replace(/\/$/, '') + spec.path);
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const headers: Record<string, string> = { Accept: 'application/json' };
    const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    if (payload !== undefined) {
      headers['Content-Type'] = spec.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    const opts: RequestOptions = { method: spec.method, headers };
    for (const l of this.requestListeners) l(spec);
    await this.kc.applyToHTTPSOptions(opts);
    opts.agent = this.reusable(opts.agent, cluster.proxyUrl !== undefined);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<IncomingMessage>((resolve, reject) => {
      const req = send(url, { ...opts, ...(signal ? { signal } : {}) }, resolve);
      req.on('error', reject);
      if (timeoutMs > 0) req.setTimeout(timeoutMs, () => req.destroy(new Error(`kube request timed out: ${spec.method} ${spec.path}`)));
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /**
   * client-node builds a fresh agent for every request, without keep-alive: one TCP and
   * TLS handshake per call, which dominated reconcile time. We keep one keep-alive agent
   * with the same TLS options instead, rebuilt only when the credentials change.
   * Proxy agents are left as client-node made them. budget: operator-converge (docs/budgets.md)
   */
  private reusable(fresh: RequestOptions['agent'], proxied: boolean): RequestOptions['agent'] {
    if (proxied || !(fresh instanceof HttpAgent)) return fresh;
    // Our own kubeconfig loader hands out the same template agent every time.
    if (this.agent?.source === fresh) return this.agent.agent;
    const tls = fresh instanceof HttpsAgent ? fresh.options : undefined;
    const hash = createHash('sha256');
    for (const part of tls ? [tls.ca, tls.cert, tls.key, tls.pfx, tls.passphrase, tls.rejectUnauthorized, tls.servername] : ['http']) {
      hash.update(Buffer.isBuffer(part) ? part : JSON.stringify(part ?? null)).update('\0');
    }
    const key = hash.digest('hex');
    if (this.agent?.key !== key) {
      this.agent?.agent.destroy();
      this.agent = { key, source: fresh, agent: tls ? new HttpsAgent({ ...tls, keepAlive: true }) : new HttpAgent({ keepAlive: true }) };
    }
    this.agent.source = fresh;
    return this.agent.agent;
  }

  /** Closes idle keep-alive sockets (on shutdown). */
  close(): void {
    this.agent?.agent.destroy();
    this.agent = undefined;
  }
}

async function readAll(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function errorFrom(status: number, text: string): KubeError {
  try {
    const body = JSON.parse(text) as { message?: unknown; reason?: unknown };
    const message = typeof body.message === 'string' ? body.message : text;
    return new KubeError(status, message, typeof body.reason === 'string' ? body.reason : undefined);
  } catch {
    return new KubeError(status, text.slice(0, 500));
  }
}
