import type { RequestHandler } from 'express';
import { authenticate, bearerToken, matchApiKey, type AuthContext, type AuthOptions } from '../../shared/auth/index.js';
import { AppError } from '../../shared/errors.js';
import { COOKIES, cookieOf } from './cookies.js';
import type { Sessions } from './sessions.js';

/**
 * web's credentials: a service key as on every service; a person's access token from the
 * session cookie of a signed-in browser or as a bearer. A person's token must belong to a
 * session that still lives: after logout (or a replayed refresh token) a copy of it is
 * refused here, though the token itself has not expired.
 */
export function webAuthenticate(auth: AuthOptions, sessions: Sessions | undefined): RequestHandler {
  const bearer = authenticate(auth);
  if (!sessions) return bearer;
  return (req, res, next) => {
    const header = req.get('authorization');
    const token = header === undefined ? cookieOf(req.get('cookie'), COOKIES.access) : bearerToken(header);
    if (header === undefined && !token) {
      return next(new AppError('UNAUTHORIZED', 'sign in first (no session cookie), or send Authorization: Bearer <api key or access token>'));
    }
    // Service keys, and anything that is no token at all, get the common answers.
    if (!token || matchApiKey(auth.keys, token) || token.split('.').length !== 3) return bearer(req, res, next);
    if (req.get('x-actor-id') !== undefined) return next(new AppError('FORBIDDEN', 'X-Actor-Id is accepted only from service keys'));
    sessions.person(token).then((person) => {
      res.locals.auth = { principal: { kind: 'person', userId: person.userId }, actorId: person.userId, credential: token } satisfies AuthContext;
      next();
    }, next);
  };
}
