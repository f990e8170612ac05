import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AppError } from '../../shared/errors.js';
import { COOKIES, cookieOf } from './cookies.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

function originOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Why a state-changing browser call may not go on, or undefined when it may. */
function refusal(req: Request, publicOrigin: string | undefined): string | undefined {
  const origin = originOf(req.get('origin')) ?? originOf(req.get('referer'));
  if (!origin) return 'the request names no Origin; the dashboard sends one on every change';
  // Behind an ingress the scheme this process sees is not the browser's: with WEB_PUBLIC_URL
  // the origin must be exactly it, without it the host must be the one the browser asked.
  const allowed = publicOrigin ? origin === publicOrigin : new URL(origin).host === req.get('host');
  if (!allowed) return `requests from ${origin} may not change anything here`;
  const cookie = cookieOf(req.get('cookie'), COOKIES.csrf);
  const header = req.get(CSRF_HEADER);
  if (!cookie || !header) return `the ${CSRF_HEADER} header must repeat the ${COOKIES.csrf} cookie (GET /web/v1/auth/csrf sets it)`;
  if (!sameText(cookie, header)) return `the ${CSRF_HEADER} header does not match the ${COOKIES.csrf} cookie`;
  return undefined;
}

/**
 * CSRF defence for the dashboard's backend: every state-changing call under /web/v1 that
 * carries no Authorization header (a browser's, whose cookies come along by themselves)
 * needs a same-origin Origin and the double-submitted token. Calls with a bearer key or
 * token carry no ambient credentials, and Telegram's webhook lives elsewhere.
 */
export function csrfGuard(opts: { publicOrigin?: string | undefined }): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || !req.path.startsWith('/web/') || req.get('authorization') !== undefined) return next();
    const reason = refusal(req, opts.publicOrigin);
    next(reason ? new AppError('FORBIDDEN', reason) : undefined);
  };
}
