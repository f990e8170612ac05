import express, { type ErrorRequestHandler, type RequestHandler, type Response } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, type ErrorDetail } from './errors.js';
import type { Logger } from './logger.js';
import { counter, routeLabel, type MetricsRegistry } from './metrics.js';

/**
 * JSON text known to equal `JSON.stringify(value)`, registered by whoever already holds it (the
 * cache), so a cached reply is not serialised again. budget: api-cached-read (docs/budgets.md)
 */
const knownJson = new WeakMap<object, string>();

/** Registers `json` as the serialisation of `value`; freeze `value` first, or it could drift from it. */
export function rememberJson(value: object, json: string): void {
  knownJson.set(value, json);
}

/** The JSON text registered for `value`, if any. */
export function rememberedJson(value: unknown): string | undefined {
  return value !== null && typeof value === 'object' ? knownJson.get(value) : undefined;
}

/** Success envelope of DESIGN.md section 4. */
export function sendOk(res: Response, data: unknown, status = 200, message?: string): void {
  const json = rememberedJson(data);
  if (json === undefined) {
    res.status(status).json(message === undefined ? { success: true, data } : { success: true, data, message });
    return;
  }
  // The same bytes and headers res.json would produce, without serialising `data` again.
  if (!res.get('Content-Type')) res.set('Content-Type', 'application/json');
  res.status(status).send(`{"success":true,"data":${json}${message === undefined ? '' : `,"message":${JSON.stringify(message)}`}}`);
}

export interface ErrorBody {
  success: false;
  error: { code: string; message: string; details: ErrorDetail[] };
}

export function errorBody(code: string, message: string, details: ErrorDetail[] = []): ErrorBody {
  return { success: false, error: { code, message, details } };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('NOT_FOUND', `no route for ${req.method} ${req.path}`));
};

/**
 * Why the body parser refused a body. In strict mode it takes only an object or array at
 * the top, so valid JSON such as `null` or `42` fails too: say what was wrong with it.
 */
function parseFailure(raw: unknown): string {
  if (typeof raw === 'string') {
    try {
      const value: unknown = JSON.parse(raw);
      return `the request body must be a JSON object, not ${value === null ? 'null' : typeof value}`;
    } catch {
      // Not JSON at all: the message below.
    }
  }
  return 'request body is not valid JSON';
}

/** body-parser and express raise these for the client's mistakes, not ours. */
function clientErrorOf(err: unknown): AppError | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { type?: unknown; status?: unknown; message?: unknown };
  if (e.type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', 'request body is too large');
  if (e.type === 'entity.parse.failed') return new AppError('VALIDATION_FAILED', parseFailure((err as { body?: unknown }).body));
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AppError('BAD_REQUEST', typeof e.message === 'string' ? e.message : 'bad request');
  }
  return undefined;
}

/**
 * The one error middleware: AppErrors become their envelope; anything else is a 500,
 * logged with its context and counted, and the client gets no internals.
 */
export function errorMiddleware(logger: Logger, registry?: MetricsRegistry): ErrorRequestHandler {
  const unexpected = registry ? counter(registry, 'http_unhandled_errors_total', 'Unexpected errors answered with 500', ['route']) : undefined;
  return (err: unknown, req, res, _next) => {
    const known = err instanceof AppError ? err : clientErrorOf(err);
    if (known) {
      if (res.headersSent) return;
      res.set(known.headers);
      res.status(known.status).json(errorBody(known.code, known.message, known.details));
      return;
    }
    logger.error('unhandled error', { method: req.method, path: req.path, err });
    unexpected?.inc({ route: routeLabel(req, res) });
    if (res.headersSent) return;
    res.status(500).json(errorBody('INTERNAL', 'internal error'));
  };
}

/** Starts `app` on host:port and resolves once it listens (port 0 picks a free one). */
export function listen(app: express.Express, port: number, host = '127.0.0.1'): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

export function urlOf(server: Server): string {
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${addr.port}`;
}
