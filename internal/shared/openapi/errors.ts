import { ERROR_STATUS, type ErrorCode } from '../errors.js';
import type { AnyRouteSpec as AnySpec } from '../routes/route-spec.js';
import type { JsonSchema } from './json-schema.js';

/** Every status an api route can answer with the error envelope, and when. */
export const ERROR_RESPONSES = {
  400: 'The request is malformed: a path, query or body value fails its schema (details name each), the body is not a JSON object, or X-Actor-Id is not a user id.',
  401: 'No bearer token, or one that is neither a service key nor a valid access token.',
  403: 'The caller may not do this: a person without the permission in this group, a person on a call open to services only, or a person sending X-Actor-Id.',
  404: 'The group, or the resource the path names, does not exist.',
  405: 'The path exists but not with this method; Allow lists the methods it has.',
  409: 'The request conflicts with what is stored.',
  412: 'A precondition the request set (If-Match) does not hold.',
  413: 'The request body is larger than the api accepts (API_BODY_LIMIT, 1 MB by default).',
  415: 'The request has a body that is not JSON (Content-Type must be application/json).',
  429: 'The caller (a service key or a person) made too many calls; Retry-After says in how many seconds to try again.',
  503: 'A dependency (the store, the cache) is unavailable, or the service is disabled; try again shortly.',
} as const satisfies Partial<Record<number, string>>;

export type ErrorStatus = keyof typeof ERROR_RESPONSES;

/** Response headers some errors carry. */
const ERROR_HEADERS: Partial<Record<ErrorStatus, Record<string, JsonSchema>>> = {
  405: { Allow: { description: 'The methods the path has, e.g. `GET, PATCH, DELETE`.', schema: { type: 'string' } } },
  429: { 'Retry-After': { description: 'Seconds until a call is allowed again.', schema: { type: 'integer', minimum: 1 } } },
};

/** The codes an error with `status` carries, from the one table the error middleware uses. */
function codesOf(status: number): ErrorCode[] {
  return (Object.keys(ERROR_STATUS) as ErrorCode[]).filter((code) => ERROR_STATUS[code] === status);
}

/** The error envelope of DESIGN.md section 4, its code narrowed to those of one status when given. */
export function errorSchema(status?: number): JsonSchema {
  const codes = status === undefined ? (Object.keys(ERROR_STATUS) as ErrorCode[]) : codesOf(status);
  return {
    type: 'object',
    required: ['success', 'error'],
    properties: {
      success: { const: false },
      error: {
        type: 'object',
        required: ['code', 'message', 'details'],
        properties: {
          code: { type: 'string', enum: codes },
          message: { type: 'string' },
          details: {
            type: 'array',
            description: 'One entry per problem, for a 400: where (`body.name`, `groupId`, `X-Actor-Id`) and what.',
            items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
          },
        },
      },
    },
  };
}

export const responseRef = (status: ErrorStatus) => ({ $ref: `#/components/responses/Error${status}` });

/** `components.responses`: one reusable response per error status. */
export function errorComponents(): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [key, description] of Object.entries(ERROR_RESPONSES)) {
    const status = Number(key) as ErrorStatus;
    out[`Error${status}`] = {
      description,
      ...(ERROR_HEADERS[status] ? { headers: ERROR_HEADERS[status] } : {}),
      content: { 'application/json': { schema: errorSchema(status) } },
    };
  }
  return out;
}

const READS = new Set(['get']);

/**
 * The error statuses one route can answer. Most follow from what every route goes
 * through (authentication, the rate limit, the store); a body parser runs on every
 * method but GET, and a path with parameters names something that may not exist. The
 * rest (409, 412) only the route knows: it declares them in `errors`.
 */
export function errorStatusesOf(spec: Pick<AnySpec, 'method' | 'params' | 'errors'>): ErrorStatus[] {
  const statuses = new Set<ErrorStatus>([400, 401, 403, 429, 503]);
  if (spec.params) statuses.add(404);
  if (!READS.has(spec.method)) {
    statuses.add(413);
    statuses.add(415);
  }
  for (const key of Object.keys(spec.errors ?? {})) statuses.add(Number(key) as ErrorStatus);
  return [...statuses].sort((a, b) => a - b);
}
