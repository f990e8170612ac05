import { parseCookie, stringifySetCookie, type SetCookie } from 'cookie';
import { ACCESS_TTL_S, REFRESH_TTL_S } from '../../shared/auth/index.js';

/**
 * The session's cookies. `__Host-` and `__Secure-` make the browser refuse them unless
 * Secure (and, for `__Host-`, Path=/ with no Domain), so a sibling subdomain cannot plant
 * one. Browsers treat http://localhost and 127.0.0.1 as secure, so local runs work too.
 */
export const COOKIES = {
  access: '__Host-bp_access',
  /** Sent only to the auth routes that use it, not with every call. */
  refresh: '__Secure-bp_refresh',
  /** Readable by the page (not HttpOnly): it echoes it in X-CSRF-Token (double submit). */
  csrf: '__Host-bp_csrf',
} as const;

export const AUTH_PATH = '/web/v1/auth';

const base = { secure: true, sameSite: 'lax' as const };
const serialize = (name: string, value: string, o: Omit<SetCookie, 'name' | 'value'>) => stringifySetCookie({ name, value, ...o });

/** Set-Cookie values for a session: access (15 min) and refresh (30 days), both HttpOnly. */
export function sessionCookies(tokens: { access: string; refresh: string }): string[] {
  return [
    serialize(COOKIES.access, tokens.access, { ...base, httpOnly: true, path: '/', maxAge: ACCESS_TTL_S }),
    serialize(COOKIES.refresh, tokens.refresh, { ...base, httpOnly: true, path: AUTH_PATH, maxAge: REFRESH_TTL_S }),
  ];
}

export function csrfCookie(token: string): string {
  return serialize(COOKIES.csrf, token, { ...base, httpOnly: false, path: '/', maxAge: REFRESH_TTL_S });
}

/** Set-Cookie values that delete the session's cookies (logout, a refused refresh). */
export function clearedSessionCookies(): string[] {
  return [
    serialize(COOKIES.access, '', { ...base, httpOnly: true, path: '/', maxAge: 0 }),
    serialize(COOKIES.refresh, '', { ...base, httpOnly: true, path: AUTH_PATH, maxAge: 0 }),
  ];
}

/** One cookie of a Cookie header; a malformed header reads as no cookies, never as an error. */
export function cookieOf(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  try {
    return parseCookie(header)[name] || undefined;
  } catch {
    return undefined;
  }
}
