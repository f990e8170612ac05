import type { Request, Response, NextFunction, RequestHandler } from 'express';
import { AppError } from '../errors.js';
import { matchApiKey, type ServiceKey } from './api-keys.js';
import { verifyToken } from './jwt.js';

/** Who is calling: a platform service (bot, web, admin) or a person with a JWT. */
export type Principal = { kind: 'service'; name: string } | { kind: 'person'; userId: number };

export interface AuthContext {
  principal: Principal;
  /** The Telegram user the audit log names: X-Actor-Id for services, the person themself. */
  actorId: number | undefined;
  /** A person's access token as presented, so a service can pass their identity on (never a service key). */
  credential?: string | undefined;
}

export interface AuthOptions {
  keys: readonly ServiceKey[];
  jwtSecret?: string | undefined;
}

export function authOf(res: Response): AuthContext {
  const auth = res.locals.auth as AuthContext | undefined;
  if (!auth) throw new AppError('UNAUTHORIZED', 'authentication required');
  return auth;
}

/** The acting Telegram user a service names, or the 400 to answer. */
function parseActor(header: string | undefined): number | undefined | AppError {
  if (header === undefined) return undefined;
  const id = Number(header);
  if (!/^-?\d{1,16}$/.test(header) || !Number.isSafeInteger(id) || id === 0) {
    return AppError.validation('X-Actor-Id must be a Telegram user id (a non-zero integer below 2^53)', [{ path: 'X-Actor-Id', message: 'not an integer id' }]);
  }
  return id;
}

/** The credentials of `Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 9110 11.1). */
export function bearerToken(header: string | undefined): string | undefined {
  const m = header === undefined ? null : /^bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return m?.[1];
}

/**
 * Bearer authentication. A service key (compared in constant time) may name the acting
 * Telegram user in X-Actor-Id; a person may not, since they could then act in another's
 * name in the audit log.
 */
export function authenticate(opts: AuthOptions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = bearerToken(req.get('authorization'));
    if (!token) return next(new AppError('UNAUTHORIZED', 'missing bearer token: send Authorization: Bearer <api key or access token>'));
    const actorHeader = req.get('x-actor-id');
    const service = matchApiKey(opts.keys, token);
    if (service) {
      // An error is passed on, never thrown: this runs from the body parser's callback.
      const actor = parseActor(actorHeader);
      if (actor instanceof AppError) return next(actor);
      res.locals.auth = { principal: { kind: 'service', name: service }, actorId: actor } satisfies AuthContext;
      return next();
    }
    // Only a JWT-shaped token is worth verifying; anything else is a wrong key.
    if (!opts.jwtSecret || token.split('.').length !== 3) return next(new AppError('UNAUTHORIZED', 'invalid API key or token'));
    verifyToken(opts.jwtSecret, token, 'access').then((result) => {
      if (!result.ok) return next(new AppError('UNAUTHORIZED', result.reason));
      if (actorHeader !== undefined) return next(new AppError('FORBIDDEN', 'X-Actor-Id is accepted only from service keys'));
      res.locals.auth = { principal: { kind: 'person', userId: result.userId }, actorId: result.userId, credential: token } satisfies AuthContext;
      next();
    }, next);
  };
}
