import type { z } from 'zod';
import type { AnyRouteSpec as AnySpec, Declared, RawRouteSpec } from '../routes/route-spec.js';
import { errorStatusesOf, responseRef } from './errors.js';
import { jsonSchema, type JsonSchema } from './json-schema.js';

export type PathItems = Record<string, Record<string, JsonSchema>>;

/** `/groups/:groupId/users::bulk` -> `/groups/{groupId}/users:bulk`. */
export function openapiPath(routePath: string): string {
  return routePath
    .split('::')
    .map((part) => part.replace(/:([A-Za-z_]\w*)/g, '{$1}'))
    .join(':');
}

/** The success envelope around a route's `data` (null for routes that answer none). */
export function envelope(data: z.ZodType | undefined): JsonSchema {
  return {
    type: 'object',
    required: ['success', 'data'],
    additionalProperties: false,
    properties: { success: { const: true }, data: data ? jsonSchema(data, 'output') : { type: 'null' }, message: { type: 'string' } },
  };
}

/** One parameter per property of a path or query object schema. */
export function objectParams(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input', { textAsParsed: true });
  const props = (js.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((js.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: s,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
  }));
}

/** Who may call: what the route table's authorizer enforces, in words. */
function accessOf(spec: AnySpec): string {
  if (spec.servicesOnly) return 'Platform services (API keys) only.';
  if (spec.permission) return `Services (API keys), or a person whose role in the group grants \`${spec.permission}\`.`;
  return "Services (API keys), or a person with a role in the group that grants the action type's permission.";
}

/** The rules the schemas cannot say, then who may call. */
function description(spec: AnySpec): string {
  return spec.description ? `${spec.description}\n\n${accessOf(spec)}` : accessOf(spec);
}

/** The OpenAPI operation of one route: parameters, body, success and every error it can answer. */
export function operationOf(spec: AnySpec): JsonSchema {
  const status = String(spec.status ?? 200);
  const responses: JsonSchema = {
    [status]: {
      description: spec.summary,
      content:
        'produces' in spec && spec.produces ? { [spec.produces]: { schema: { type: 'string' } } } : { 'application/json': { schema: envelope(spec.response) } },
    },
  };
  for (const code of errorStatusesOf(spec)) {
    const why = spec.errors?.[code as keyof typeof spec.errors];
    // OpenAPI 3.1 lets a reference carry its own description: the route's reason, the shared envelope.
    responses[String(code)] = why ? { ...responseRef(code), description: why } : responseRef(code);
  }
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    description: description(spec),
    tags: [spec.tag],
    parameters: [...objectParams(spec.params, 'path'), ...objectParams(spec.query, 'query'), { $ref: '#/components/parameters/XActorId' }],
    ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } } } : {}),
    responses,
    ...(spec.permission ? { 'x-permission': spec.permission } : {}),
  };
}

/** A route that writes its own answer: what it declares of its responses, and who may call. */
function rawOperationOf(spec: RawRouteSpec): JsonSchema {
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [spec.tag],
    ...(spec.auth === 'none' ? { security: [] } : {}),
    parameters: [],
    responses: spec.responses ?? { 200: { description: spec.summary } },
  };
}

/** The paths of every declared route that is not hidden. */
export function routePaths(routes: readonly Declared[]): PathItems {
  const paths: PathItems = {};
  for (const d of routes) {
    if (d.kind === 'raw' && d.spec.hidden) continue;
    (paths[openapiPath(d.spec.path)] ??= {})[d.spec.method] = d.kind === 'json' ? operationOf(d.spec) : rawOperationOf(d.spec);
  }
  return paths;
}
