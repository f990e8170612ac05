import { BotApiError } from './errors.js';

/** A method's parameters as they arrived: JSON values, or strings from a form or query. */
export type Params = Record<string, unknown>;

// Form and query bodies carry everything as strings, and telegraf JSON-encodes nested objects
// in multipart bodies, so every reader accepts both the typed value and its string form.

function missing(name: string): BotApiError {
  return BotApiError.badRequest(`parameter "${name}" is required`);
}

export function optInt(params: Params, name: string): number | undefined {
  const raw = params[name];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw BotApiError.badRequest(`invalid ${name} specified`);
  return value;
}

export function reqInt(params: Params, name: string): number {
  const value = optInt(params, name);
  if (value === undefined) throw missing(name);
  return value;
}

export function optString(params: Params, name: string): string | undefined {
  const raw = params[name];
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  throw BotApiError.badRequest(`invalid ${name} specified`);
}

export function optBool(params: Params, name: string): boolean | undefined {
  const raw = params[name];
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw === 'boolean') return raw;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw BotApiError.badRequest(`invalid ${name} specified`);
}

function decoded(params: Params, name: string): unknown {
  const raw = params[name];
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw BotApiError.badRequest(`can't parse ${name} JSON object`);
  }
}

export function optObject(params: Params, name: string): Record<string, unknown> | undefined {
  const value = decoded(params, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw BotApiError.badRequest(`field "${name}" must be an Object`);
  return value as Record<string, unknown>;
}

export function optArray(params: Params, name: string): unknown[] | undefined {
  const value = decoded(params, name);
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw BotApiError.badRequest(`field "${name}" must be an Array`);
  return value as unknown[];
}

/** `chat_id` is an integer id or an `@username` of a public chat. */
export function reqChatId(params: Params): number | string {
  const raw = params['chat_id'];
  if (raw === undefined || raw === null || raw === '') throw missing('chat_id');
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string') return /^-?\d+$/.test(raw) ? Number(raw) : raw;
  throw BotApiError.badRequest('invalid chat_id specified');
}
