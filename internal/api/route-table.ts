import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { Permission } from '../domain/index.js';
import { AppError } from '../shared/errors.js';
import { sendOk } from '../shared/http.js';
import { authOf, type AuthContext } from './auth/principal.js';
import { parseInput } from './validate.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  /** Express path; a literal colon is written `\\:` (as in `users\\:bulk`). */
  path: string;
  /** Stable camelCase name of the operation (`createGroup`): generated clients call it by this. */
  operationId: string;
  summary: string;
  /** Rules the schemas cannot say (the group must exist, the state a change needs), for the document. */
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Schema of `data` in the success envelope, for the OpenAPI document. */
  response?: z.ZodType;
  status?: number;
  /** Permission a person needs in the route's group; services are trusted callers. */
  permission?: Permission;
  /** Routes without a group (create/list groups) may be closed to people entirely. */
  servicesOnly?: boolean;
  /**
   * When the route answers an error status beyond those every route can give (404, 409,
   * 412): the status and why, for the OpenAPI document.
   */
  errors?: Partial<Record<RouteErrorStatus, string>>;
}

/** Error statuses a route declares itself; the others follow from the route's shape. */
export type RouteErrorStatus = 404 | 409 | 412;

export interface RouteInput<P, Q, B> {
  /** Parsed (ids as numbers). */
  params: P;
  /** Validated but as sent; the service parses it again with its own schema. */
  query: Q;
  body: B;
  auth: AuthContext;
}

export type RouteResult = { data: unknown; status?: number; message?: string };

/** Decides whether a person may make a call in a group; the api wires the permission service. */
export type Authorizer = (auth: AuthContext, groupId: number | undefined, spec: { permission?: Permission; servicesOnly?: boolean }) => Promise<void>;

interface Entry {
  spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>;
  handler: (input: RouteInput<unknown, unknown, unknown>) => Promise<RouteResult>;
}

const empty = z.object({});

interface CompiledRoute {
  pattern: RegExp;
  keys: string[];
  template: string;
  run: (req: Request, res: Response) => Promise<void>;
}

/**
 * An Express-style path (`/groups/:groupId/users\\:bulk`) as a RegExp: `:name` takes one
 * segment, `\\:` is a literal colon, the rest matches itself; an optional trailing slash,
 * any case.
 */
export function compilePath(path: string): { pattern: RegExp; keys: string[] } {
  const keys: string[] = [];
  let source = '';
  for (let i = 0; i < path.length; ) {
    if (path.startsWith('\\:', i)) {
      source += ':';
      i += 2;
      continue;
    }
    const param = /^:([A-Za-z_]\w*)/.exec(path.slice(i));
    if (param?.[1]) {
      keys.push(param[1]);
      source += '([^/]+?)';
      i += param[0].length;
      continue;
    }
    source += (path[i] ?? '').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    i += 1;
  }
  return { pattern: new RegExp(`^${source}/?$`, 'i'), keys };
}

/**
 * Endpoints declared once: the declaration validates input (zod), checks the caller's
 * permission, shapes the envelope and feeds the OpenAPI document, so the three never drift.
 */
export class RouteTable {
  private readonly entries: Entry[] = [];

  add<P extends z.ZodType = typeof empty, Q extends z.ZodType = typeof empty, B extends z.ZodType = z.ZodUndefined>(
    spec: RouteSpec<P, Q, B>,
    handler: (input: RouteInput<z.output<P>, z.input<Q>, z.input<B>>) => Promise<RouteResult>,
  ): void {
    this.entries.push({ spec, handler: handler as Entry['handler'] });
  }

  /** Every declared route's spec, in declaration order (the OpenAPI builder reads these). */
  specs(): readonly RouteSpec<z.ZodType, z.ZodType, z.ZodType>[] {
    return this.entries.map((e) => e.spec);
  }

  /**
   * One middleware for every route under `base`: it matches the method and path against
   * the table's own compiled patterns, runs `before` (body parser, authentication), then
   * the route. Express's router would walk and re-match a layer per route and strip the
   * mount prefix on every request; on a cached read that was a quarter of the CPU.
   * Semantics follow Express's: case-insensitive, optional trailing slash, params
   * URI-decoded, first declared route wins, anything unmatched falls through to the 404.
   */
  handler(base: string, authorize: Authorizer, ...before: RequestHandler[]): RequestHandler {
    const byMethod = new Map<string, CompiledRoute[]>();
    for (const { spec, handler } of this.entries) {
      const { pattern, keys } = compilePath(base + spec.path);
      const params = paramParser(spec.params ?? empty);
      const template = base + spec.path.replace(/\\:/g, ':');
      const run = async (req: Request, res: Response) => {
        const auth = authOf(res);
        const parsed = params(req.params);
        const groupId = (parsed as { groupId?: unknown }).groupId;
        await authorize(auth, typeof groupId === 'number' ? groupId : undefined, spec);
        // Body and query are checked here (an early, precise 400) but handed on as sent:
        // the domain services parse their own input, transforms (ISO dates) included.
        // Express parses the query string on every read of req.query: read it once.
        const query: unknown = req.query;
        // Without a declared query the schema is `z.object({})`, which accepts any object.
        if (spec.query) parseInput(spec.query, query, 'query');
        if (spec.body) parseInput(spec.body, req.body, 'body');
        const result = await handler({ params: parsed, query, body: spec.body ? (req.body as unknown) : undefined, auth });
        sendOk(res, result.data, result.status ?? spec.status ?? 200, result.message);
      };
      const method = spec.method.toUpperCase();
      const list = byMethod.get(method) ?? [];
      list.push({ pattern, keys, template, run });
      byMethod.set(method, list);
      // Express answers HEAD with the GET route.
      if (method === 'GET') byMethod.set('HEAD', list);
    }
    const prefix = base.toLowerCase();
    return (req, res, next) => {
      const url = req.url;
      if (url.slice(0, prefix.length).toLowerCase() !== prefix) return next();
      const q = url.indexOf('?');
      const path = q < 0 ? url : url.slice(0, q);
      let match: RegExpExecArray | null = null;
      const route = byMethod.get(req.method)?.find((r) => (match = r.pattern.exec(path)) !== null);
      if (!route || !match) {
        const allowed = methodsOf(byMethod, path);
        if (allowed.length === 0) return next();
        // What the path offers, as RFC 9110 section 9.3.7 has OPTIONS answer.
        if (req.method === 'OPTIONS') return void res.set('Allow', ['OPTIONS', ...allowed].join(', ')).status(204).end();
        const list = allowed.join(', ');
        return next(new AppError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}; use ${list}`).withHeaders({ Allow: list }));
      }
      const found: RegExpExecArray = match;
      const params: Record<string, string> = {};
      try {
        route.keys.forEach((key, i) => (params[key] = decodeURIComponent(found[i + 1] ?? '')));
      } catch {
        return next(new AppError('BAD_REQUEST', `the path ${JSON.stringify(path)} is not correctly URI-encoded`));
      }
      req.params = params;
      // The metric label: the route's template, never the raw path with its ids.
      res.locals.routeTemplate = route.template;
      runChain(before, req, res, next, () => route.run(req, res));
    };
  }
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

/** The methods some route serves `path` with; a 405 names them in `Allow` (RFC 9110). */
function methodsOf(byMethod: ReadonlyMap<string, CompiledRoute[]>, path: string): string[] {
  return [...byMethod].filter(([, routes]) => routes.some((r) => r.pattern.test(path))).map(([m]) => m);
}

const PARAMS_MEMO_MAX = 1024;

/**
 * Path parameters parsed by zod, remembered per distinct raw values: a hot route sees
 * the same few ids again and again, and the schemas are pure, so a remembered parse is
 * the parse. Only successes are kept; the memo starts over when full. Each call gets its
 * own copy, so a handler cannot change what the next request sees.
 */
function paramParser(schema: z.ZodType): (raw: Record<string, string | string[]>) => unknown {
  const memo = new Map<string, Record<string, unknown>>();
  return (raw) => {
    const key = JSON.stringify(Object.values(raw));
    const hit = memo.get(key);
    if (hit) return { ...hit };
    const parsed: unknown = parseInput(schema, raw, 'path');
    if (parsed === null || typeof parsed !== 'object') return parsed;
    if (memo.size >= PARAMS_MEMO_MAX) memo.clear();
    memo.set(key, { ...(parsed as Record<string, unknown>) });
    return parsed;
  };
}
