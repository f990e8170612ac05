import { randomUUID } from 'node:crypto';

// jose (~6 MB of memory) is loaded on the first token, not at start: most api calls come
// from services with keys, and a process that never sees a token never pays for it.
// budget: api-rss (docs/budgets.md)
const jose = () => import('jose');

/**
 * Tokens for people, issued by web after Telegram Login: access tokens live 15 minutes,
 * refresh tokens 30 days. `sub` is the Telegram user id. The api accepts only access
 * tokens; a refresh token presented as a bearer is refused.
 */
export const ISSUER = 'botplatform-web';
export const AUDIENCE = 'botplatform-api';
export const ACCESS_TTL_S = 15 * 60;
export const REFRESH_TTL_S = 30 * 24 * 3600;

export type TokenKind = 'access' | 'refresh';

const keyOf = (secret: string) => new TextEncoder().encode(secret);

/** `sessionId`: the web sign-in the token belongs to (claim `sid`), so web can refuse it after logout. */
export async function signToken(secret: string, userId: number, kind: TokenKind, now = new Date(), sessionId?: string): Promise<string> {
  const { SignJWT } = await jose();
  const iat = Math.floor(now.getTime() / 1000);
  return (
    new SignJWT(sessionId === undefined ? { typ: kind } : { typ: kind, sid: sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(userId))
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      // Unique even within a second: a rotation must hand out a token unlike the last one.
      .setJti(randomUUID())
      .setExpirationTime(iat + (kind === 'access' ? ACCESS_TTL_S : REFRESH_TTL_S))
      .sign(keyOf(secret))
  );
}

export type VerifyResult = { ok: true; userId: number; sessionId?: string | undefined } | { ok: false; reason: string };

export async function verifyToken(secret: string, token: string, kind: TokenKind, now = new Date()): Promise<VerifyResult> {
  const { jwtVerify, errors: joseErrors } = await jose();
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      currentDate: now,
    });
    if (payload.typ !== kind) return { ok: false, reason: `a ${kind} token is required` };
    const userId = Number(payload.sub);
    if (!Number.isSafeInteger(userId) || userId <= 0) return { ok: false, reason: 'token subject is not a user id' };
    return { ok: true, userId, sessionId: typeof payload.sid === 'string' ? payload.sid : undefined };
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) return { ok: false, reason: 'token expired' };
    return { ok: false, reason: 'token is invalid' };
  }
}
