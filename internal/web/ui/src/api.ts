// The dashboard's one I/O boundary: /web/v1 on this origin, with the session cookies, the
// CSRF token on every change, and one refresh-and-retry when the access token has expired.

export interface Envelope<T> {
  success: boolean;
  data?: T;
  message?: string;
  error?: { code: string; message: string; details?: { path: string; message: string }[] };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

const CSRF_COOKIE = '__Host-bp_csrf';

function csrfCookie(): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) return rest.join('=');
  }
  return undefined;
}

let csrf: Promise<string> | undefined;
/** The CSRF token: the cookie when the browser holds one, else from GET /auth/csrf (which sets it). */
function csrfToken(): Promise<string> {
  const held = csrfCookie();
  if (held) return Promise.resolve(held);
  csrf ??= fetch('/web/v1/auth/csrf', { credentials: 'same-origin' })
    .then((r) => r.json() as Promise<Envelope<{ csrf_token: string }>>)
    .then((e) => e.data?.csrf_token ?? '');
  return csrf;
}

async function send(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...extra };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = await csrfToken();
  return fetch(`/web/v1${path}`, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
}

let refreshing: Promise<boolean> | undefined;
/** One refresh for every call that met an expired token at the same moment (a refresh token works once). */
export function refresh(): Promise<boolean> {
  refreshing ??= send('POST', '/auth/refresh')
    .then((r) => r.ok)
    .finally(() => (refreshing = undefined));
  return refreshing;
}

export async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  return (await callFull<T>(method, path, body, headers)).data;
}

/** The answer's data and its ETag (settings), for a change that must not overwrite another's. */
export async function callFull<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ data: T; etag: string | undefined }> {
  let res = await send(method, path, body, headers);
  if (res.status === 401 && !path.startsWith('/auth/') && (await refresh())) res = await send(method, path, body, headers);
  const envelope = (await res.json().catch(() => ({ success: false }))) as Envelope<T>;
  if (!res.ok || !envelope.success) {
    throw new ApiError(res.status, envelope.error?.code ?? 'ERROR', envelope.error?.message ?? `HTTP ${res.status}`, envelope.error?.details);
  }
  return { data: envelope.data as T, etag: res.headers.get('etag') ?? undefined };
}

export const get = <T>(path: string) => call<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => call<T>('POST', path, body);
