import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Permission } from '../domain/index.js';
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

  /** One router for every route; `before` (body parser, authentication) runs first, inside it. */
  router(authorize: Authorizer, ...before: RequestHandler[]): Router {
    const router = Router();
    // Inside this router, not as sibling layers of the mount: each mounted layer would
    // match and strip the path prefix again on every request.
    if (before.length) router.use(...before);
    for (const { spec, handler } of this.entries) {
      const params = paramParser(spec.params ?? empty);
      router[spec.method](spec.path, async (req: Request, res: Response) => {
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
      });
    }
    return router;
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
