import type { NextFunction, Request, RequestHandler, Response } from 'express';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { authOf } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { sendOk } from '../http.js';
import { parseInput } from '../validation.js';
import type { AnyRouteSpec, Authorizer, Declared, JsonHandler, RawRouteSpec, RouteInput, RouteResult, RouteSpec } from './route-spec.js';

const empty = z.object({});

/** The declarations under one path prefix (`/api/v2`): what each service's `*.routes.ts` fills. */
export interface RouteScope {
  add<P extends z.ZodType = typeof empty, Q extends z.ZodType = typeof empty, B extends z.ZodType = z.ZodUndefined>(
    spec: RouteSpec<P, Q, B>,
    handler: (input: RouteInput<z.output<P>, z.input<Q>, z.input<B>>) => Promise<RouteResult>,
  ): void;
  raw(spec: RawRouteSpec, handler: RequestHandler): void;
}

export interface DispatchOptions {
  /** The JSON body parser (415 for other media types); runs before authentication. */
  body: RequestHandler;
  /** Sets `res.locals.auth` from the credentials, or passes a 401 on. */
  authenticate: RequestHandler;
  /** The service's rule for people: the api asks its permission service, web asks the api. */
  authorize: Authorizer;
  /** Steps after authentication for every `bearer` route (the api's rate limit). */
  afterAuth?: readonly RequestHandler[];
}

interface Compiled {
  template: string;
  run: (req: Request, res: Response, next: NextFunction) => void;
}

/**
 * Every HTTP route of a service, declared once: method, path, schemas, permission and
 * handler. The declaration validates input (zod), checks the caller, shapes the envelope,
 * labels the metrics and feeds the OpenAPI document, so none of them drift. Dispatch is
 * find-my-way's radix tree with Express's rules: any case, an optional trailing slash,
 * params URI-decoded, HEAD answered by GET, 405 with Allow for a known path.
 */
export class RouteTable {
  private readonly declared: Declared[] = [];

  /** Declarations whose paths start with `prefix`. */
  under(prefix: string): RouteScope {
    return {
      add: (spec, handler) => {
        this.declared.push({ kind: 'json', spec: { ...spec, path: prefix + spec.path }, handler: handler as JsonHandler });
      },
      raw: (spec, handler) => {
        this.declared.push({ kind: 'raw', spec: { ...spec, path: prefix + spec.path }, handler });
      },
    };
  }

  add: RouteScope['add'] = (spec, handler) => this.under('').add(spec, handler);
  raw: RouteScope['raw'] = (spec, handler) => this.under('').raw(spec, handler);

  /** Every declaration, in order (the OpenAPI builder reads these). */
  routes(): readonly Declared[] {
    return this.declared;
  }

  /** One middleware that serves every declared route; anything unmatched falls through to the 404. */
  dispatcher(opts: DispatchOptions): RequestHandler {
    const router = FindMyWay({ caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: 500 });
    const methods = new Set<string>();
    for (const d of this.declared) {
      const compiled: Compiled = {
        template: templateOf(d.spec.path),
        run: d.kind === 'json' ? jsonRoute(d.spec, d.handler, opts) : rawRoute(d.spec, d.handler, opts),
      };
      const method = d.spec.method.toUpperCase() as HTTPMethod;
      const verbs: HTTPMethod[] = method === 'GET' ? ['GET', 'HEAD'] : [method];
      for (const verb of verbs) {
        router.on(verb, d.spec.path, noop, compiled);
        methods.add(verb);
      }
    }
    const find = (method: string, path: string): { store: Compiled; params: Record<string, string | undefined> } | null => {
      const found = router.find(method as HTTPMethod, path);
      return found ? { store: found.store as Compiled, params: found.params } : null;
    };
    return (req, res, next) => {
      const url = req.url;
      const q = url.indexOf('?');
      const path = q < 0 ? url : url.slice(0, q);
      if (!isWellEncoded(path)) return next(new AppError('BAD_REQUEST', `the path ${JSON.stringify(path)} is not correctly URI-encoded`));
      const found = find(req.method, path);
      if (!found) {
        const allowed = [...methods].filter((m) => m !== req.method && find(m, path) !== null);
        if (allowed.length === 0) return next();
        // What the path offers, as RFC 9110 section 9.3.7 has OPTIONS answer.
        if (req.method === 'OPTIONS')
          return void res
            .set('Allow', ['OPTIONS', ...allowed].join(', '))
            .status(204)
            .end();
        const list = allowed.join(', ');
        return next(new AppError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}; use ${list}`).withHeaders({ Allow: list }));
      }
      req.params = found.params as Record<string, string>;
      // The metric label: the route's template, never the raw path with its ids.
      res.locals.routeTemplate = found.store.template;
      found.store.run(req, res, next);
    };
  }
}

const noop = () => undefined;

/** `/groups/:groupId/users::bulk` -> `/groups/:groupId/users:bulk`, the metric label and the document's path. */
const templateOf = (path: string) => path.replace(/::/g, ':');

/** A `%` not followed by two hex digits, or bytes that are not UTF-8, would decode to garbage: refuse them. */
function isWellEncoded(path: string): boolean {
  if (!path.includes('%')) return true;
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** Authentication and what follows it, for the routes that take credentials. */
const guards = (spec: { auth?: 'bearer' | 'none' }, opts: DispatchOptions): RequestHandler[] =>
  spec.auth === 'none' ? [] : [opts.authenticate, ...(opts.afterAuth ?? [])];

function jsonRoute(spec: AnyRouteSpec, handler: JsonHandler, opts: DispatchOptions): Compiled['run'] {
  const params = paramParser(spec.params ?? empty);
  const before = [opts.body, ...guards(spec, opts)];
  return (req, res, next) =>
    runChain(before, req, res, next, async () => {
      const parsed = params(req.params as Record<string, string>);
      const auth = spec.auth === 'none' ? undefined : authOf(res);
      if (auth) {
        const groupId = (parsed as { groupId?: unknown }).groupId;
        await opts.authorize(auth, typeof groupId === 'number' ? groupId : undefined, spec);
      }
      // Body and query are checked here (an early, precise 400) but handed on as sent:
      // the domain services parse their own input, transforms (ISO dates) included.
      // Express parses the query string on every read of req.query: read it once.
      const query: unknown = req.query;
      // Without a declared query the schema is `z.object({})`, which accepts any object.
      if (spec.query) parseInput(spec.query, query, 'query');
      if (spec.body) parseInput(spec.body, req.body, 'body');
      const result = await handler({
        params: parsed,
        query,
        body: spec.body ? (req.body as unknown) : undefined,
        auth: auth as never,
        header: (name) => req.get(name),
      });
      for (const [name, value] of Object.entries(result.headers ?? {})) {
        if (typeof value === 'string' || value.length > 0) res.append(name, value as string | string[]);
      }
      if (spec.produces) {
        res.status(result.status ?? spec.status ?? 200).type(spec.produces);
        if (result.file) res.setHeader('content-disposition', `attachment; filename="${result.file.replace(/[^\w.-]/g, '_')}"`);
        res.send(String(result.data));
        return;
      }
      sendOk(res, result.data, result.status ?? spec.status ?? 200, result.message);
    });
}

function rawRoute(spec: RawRouteSpec, handler: RequestHandler, opts: DispatchOptions): Compiled['run'] {
  const before = [...(spec.jsonBody ? [opts.body] : []), ...guards(spec, opts)];
  return (req, res, next) =>
    runChain(before, req, res, next, async () => {
      if (spec.auth !== 'none' && (spec.permission || spec.servicesOnly)) await opts.authorize(authOf(res), undefined, spec);
      await handler(req, res, next);
    });
}

/**
 * Runs `before` in order, then `last`. A middleware may call `next` long after it returned
 * (the body parser does, from a stream callback), so the rest of the chain runs outside
 * Express's own try/catch: every step is guarded here, or one throw (a bad header) would be
 * an uncaught exception that ends the process instead of a 400.
 */
export function runChain(before: readonly RequestHandler[], req: Request, res: Response, next: NextFunction, last: () => Promise<void>): void {
  let failed = false;
  const fail = (err: unknown) => {
    if (failed) return;
    failed = true;
    next(err);
  };
  const step = (i: number): void => {
    try {
      const mw = before[i];
      if (!mw) {
        last().catch(fail);
        return;
      }
      const out: unknown = mw(req, res, (err?: unknown) => (err ? fail(err) : step(i + 1)));
      if (out instanceof Promise) out.catch(fail);
    } catch (err) {
      fail(err);
    }
  };
  step(0);
}

/**
 * Path parameters parsed by zod, remembered per distinct raw values: a hot route sees the
 * same few ids again and again, and the schemas are pure, so a remembered parse is the
 * parse (budget: api-cached-read, docs/budgets.md). Only successes are
 * kept. Each call gets its own copy, so a handler cannot change what the next one sees.
 */
function paramParser(schema: z.ZodType): (raw: Record<string, string>) => unknown {
  const memo = new LRUCache<string, Record<string, unknown>>({ max: 1024 });
  return (raw) => {
    const key = JSON.stringify(Object.values(raw));
    const hit = memo.get(key);
    if (hit) return { ...hit };
    const parsed: unknown = parseInput(schema, raw, 'path');
    if (parsed === null || typeof parsed !== 'object') return parsed;
    memo.set(key, { ...(parsed as Record<string, unknown>) });
    return parsed;
  };
}
