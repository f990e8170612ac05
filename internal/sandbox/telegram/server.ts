import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import type { Update } from 'telegraf/types';
import { errorMessage } from '../../shared/errors.js';
import { CallLog, type ApiResponse } from './call-log.js';
import { BotApiError } from './errors.js';
import { FaultInjector, type Fault, type FaultOptions } from './faults.js';
import { HoldGate, type HoldOptions } from './holds.js';
import { resolveMethod } from './methods/index.js';
import { parseMultipart } from './multipart.js';
import type { Params } from './params.js';
import { FakeTelegramState, type FakeTelegramStateOptions } from './state.js';
import { isAllowed, UpdateQueue } from './update-queue.js';
import { UpdateFactory } from './updates.js';

export interface FakeTelegramOptions {
  /** Defaults to a fresh `<botId>:<random>` token, so parallel fakes never collide. */
  token?: string;
  bot?: FakeTelegramStateOptions['bot'];
  /** Upper bound on a getUpdates long poll, whatever `timeout` asks (default 1000 ms). */
  maxPollWaitMs?: number;
}

export interface WebhookDelivery {
  delivered: boolean;
  status?: number;
  body?: string;
}

export interface FakeTelegram {
  /** Pass to telegraf as `new Telegraf(token, { telegram: { apiRoot } })`. */
  apiRoot: string;
  token: string;
  state: FakeTelegramState;
  calls: CallLog;
  updates: UpdateFactory;
  /** Makes the next `times` calls of `method` ('*' = any but getUpdates) fail with `fault`. */
  failNext(method: string, fault: Fault, opts?: FaultOptions): void;
  clearFaults(): void;
  /**
   * Holds the answers to `method` (recorded in the call log only once answered) until the
   * returned function is called.
   */
  hold(method: string, opts?: HoldOptions): () => void;
  /** Queues an update for getUpdates (polling mode). */
  enqueueUpdate(update: Update): void;
  /** Whether a getUpdates long poll is waiting now: tests wait for it instead of sleeping. */
  pollWaiting(): boolean;
  /** POSTs an update to the webhook set with setWebhook, with its secret token header. */
  deliverToWebhook(update: Update): Promise<WebhookDelivery>;
  stop(): Promise<void>;
}

function randomToken(botId: number): string {
  return `${botId}:AA${randomBytes(24).toString('base64url')}`;
}

function errorBody(err: BotApiError): ApiResponse {
  return { ok: false, error_code: err.errorCode, description: err.description, ...(err.parameters ? { parameters: err.parameters } : {}) };
}

function paramsOf(req: Request): Params {
  const query = req.query as Params;
  const type = req.headers['content-type'] ?? '';
  if (Buffer.isBuffer(req.body) && type.startsWith('multipart/form-data')) return { ...query, ...parseMultipart(req.body, type) };
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null && !Buffer.isBuffer(body) ? { ...query, ...(body as Params) } : { ...query };
}

function chatIdOf(params: Params): number | string | undefined {
  const raw = params['chat_id'];
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string' && raw !== '') return /^-?\d+$/.test(raw) ? Number(raw) : raw;
  return undefined;
}

/**
 * Starts a stateful fake Bot API on 127.0.0.1 (an OS-assigned port, so no race with other
 * servers). Answers `/bot<token>/<method>` with Telegram's envelope and status codes.
 */
export async function startFakeTelegram(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  // Real tokens start with the bot's id; keep getMe consistent with the token when we can.
  const tokenId = opts.token !== undefined ? Number(opts.token.split(':')[0]) : Number.NaN;
  const botOpts = { ...opts.bot, ...(Number.isSafeInteger(tokenId) && opts.bot?.id === undefined ? { id: tokenId } : {}) };
  const state = new FakeTelegramState({ bot: botOpts });
  const token = opts.token ?? randomToken(state.botUser.id);
  const queue = new UpdateQueue(opts.maxPollWaitMs ?? 1000);
  const calls = new CallLog();
  const faults = new FaultInjector();
  const holds = new HoldGate();

  const app = express();
  app.use(express.json({ limit: '50mb' }));
  app.use(express.urlencoded({ extended: false, limit: '50mb' }));
  app.use(express.raw({ type: 'multipart/form-data', limit: '50mb' }));

  app.use(async (req: Request, res: Response) => {
    const match = /^\/bot([^/]+)\/([^/]+)$/.exec(req.path);
    const params = paramsOf(req);
    const at = Date.now();
    const send = (method: string, response: ApiResponse, injected = false): void => {
      const status = response.ok ? 200 : response.error_code;
      calls.record({ method, params, chatId: chatIdOf(params), at, ok: response.ok, status, response, injected });
      if (!res.writableEnded) res.status(status).json(response);
    };
    if (!match) return send(req.path, { ok: false, error_code: 404, description: 'Not Found' });
    const [, callToken = '', rawMethod = ''] = match;
    if (callToken !== token) return send(rawMethod, { ok: false, error_code: 401, description: 'Unauthorized' });
    const resolved = resolveMethod(rawMethod);
    if (!resolved) return send(rawMethod, { ok: false, error_code: 404, description: 'Not Found' });

    await holds.pass(resolved.name, chatIdOf(params));
    const injected = faults.take(resolved.name, chatIdOf(params));
    if (injected) return send(resolved.name, errorBody(injected), true);

    const hangup = new AbortController();
    res.on('close', () => hangup.abort());
    try {
      const result: unknown = await resolved.handler({ state, params, queue, signal: hangup.signal });
      send(resolved.name, { ok: true, result });
    } catch (err) {
      if (err instanceof BotApiError) return send(resolved.name, errorBody(err));
      const description = errorMessage(err);
      send(resolved.name, { ok: false, error_code: 500, description: `Internal Server Error: ${description}` });
    }
  });
  // Malformed bodies get Telegram's 400 rather than Express's HTML error page.
  app.use((_err: unknown, _req: Request, res: Response, _next: () => void) => {
    res.status(400).json({ ok: false, error_code: 400, description: "Bad Request: can't parse request body" });
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const srv = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(srv)));
  });
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    state,
    calls,
    updates: new UpdateFactory(state),
    failNext: (method, fault, faultOpts) => faults.add(method, fault, faultOpts),
    clearFaults: () => faults.clear(),
    hold: (method, holdOpts) => holds.add(method, holdOpts),
    enqueueUpdate: (update) => queue.enqueue(update),
    pollWaiting: () => queue.polling,
    async deliverToWebhook(update) {
      const hook = state.webhook;
      if (!hook) throw new Error('fake telegram: no webhook set (call setWebhook first)');
      if (!isAllowed(update, hook.allowedUpdates)) return { delivered: false };
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (hook.secretToken !== undefined) headers['x-telegram-bot-api-secret-token'] = hook.secretToken;
      const res = await fetch(hook.url, { method: 'POST', headers, body: JSON.stringify(update) });
      return { delivered: true, status: res.status, body: await res.text() };
    },
    stop() {
      // Idempotent: a test may stop the fake itself and its afterEach stop it again.
      stopping ??= new Promise<void>((resolve) => {
        queue.close();
        holds.releaseAll();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}
