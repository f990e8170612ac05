import type { Request, RequestHandler, Response } from 'express';
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
  summary: string;
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
}

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
      if (!route || !match) return next();
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
      const step = (i: number): void => {
        const mw = before[i];
        if (!mw) {
          route.run(req, res).catch(next);
          return;
        }
        void mw(req, res, (err?: unknown) => (err ? next(err) : step(i + 1)));
      };
      step(0);
    };
  }

  /** OpenAPI 3.1 paths for every declared route; JSON Schema comes from zod itself. */
  openapiPaths(basePath: string): Record<string, Record<string, unknown>> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const { spec } of this.entries) {
      const path = basePath + openapiPath(spec.path);
      const parameters = [
        ...objectParams(spec.params, 'path'),
        ...objectParams(spec.query, 'query'),
      ];
      const status = String(spec.status ?? 200);
      const operation: Record<string, unknown> = {
        summary: spec.summary,
        tags: [spec.tag],
        operationId: `${spec.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
        parameters,
        responses: {
          [status]: {
            description: 'success',
            content: { 'application/json': { schema: envelope(spec.response) } },
          },
          default: { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
        ...(spec.permission ? { 'x-permission': spec.permission } : {}),
      };
      if (spec.body) {
        operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } };
      }
      (paths[path] ??= {})[spec.method] = operation;
    }
    return paths;
  }
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

/** `/groups/:groupId/users\\:bulk` -> `/groups/{groupId}/users:bulk`. */
export function openapiPath(expressPath: string): string {
  return expressPath
    .split('\\:')
    .map((part) => part.replace(/:([A-Za-z_]\w*)/g, '{$1}'))
    .join(':');
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

function envelope(data: z.ZodType | undefined): Record<string, unknown> {
  return {
    type: 'object',
    required: ['success', 'data'],
    properties: { success: { const: true }, data: data ? jsonSchema(data, 'output') : {}, message: { type: 'string' } },
  };
}

function objectParams(schema: z.ZodType | undefined, where: 'path' | 'query'): Record<string, unknown>[] {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input');
  const props = (js.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set((js.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: s,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
  }));
}
