import { createHash, randomBytes } from 'node:crypto';
import { ACCESS_TTL_S, REFRESH_TTL_S, signToken, verifyToken } from '../../shared/auth/index.js';
import { AppError } from '../../shared/errors.js';
import type { SessionStore } from './session-store.js';

/** What a sign-in or a refresh hands the browser (as cookies): the tokens and who they name. */
export interface IssuedSession {
  userId: number;
  access: string;
  refresh: string;
}

export interface SessionPerson {
  userId: number;
  /** The sign-in (refresh token family) the access token belongs to. */
  sessionId: string;
}

const token = () => randomBytes(32).toString('base64url');
const digestOf = (refresh: string) => createHash('sha256').update(refresh).digest('base64url');

/**
 * People's sessions: an access token (the api's JWT, 15 min) and a rotating refresh token
 * (opaque, 30 days). Each refresh spends the token and issues a new one in the same family;
 * a spent token presented again means it was copied, so the whole family is revoked (the
 * thief's and the owner's sessions alike: RFC 9700 4.14.2). Logout revokes the family too,
 * and access tokens carry it (`sid`), so a copied access token dies with the session.
 */
export class Sessions {
  constructor(
    private readonly store: SessionStore,
    private readonly jwtSecret: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Whether a sign-in still lives (not logged out, not ended by a replayed refresh token). */
  async isLive(sessionId: string): Promise<boolean> {
    return !(await this.store.isRevoked(sessionId));
  }

  signIn(userId: number): Promise<IssuedSession> {
    return this.issue(userId, token());
  }

  async refresh(refresh: string | undefined): Promise<IssuedSession> {
    if (!refresh) throw new AppError('UNAUTHORIZED', 'no refresh token: sign in again');
    const use = await this.store.use(digestOf(refresh));
    if (use.kind === 'unknown') throw new AppError('UNAUTHORIZED', 'the refresh token is unknown or expired: sign in again');
    if (use.kind === 'reused') {
      await this.store.revokeFamily(use.record.family, REFRESH_TTL_S);
      throw new AppError('UNAUTHORIZED', 'the refresh token was already used, so this session was ended everywhere: sign in again');
    }
    if (await this.store.isRevoked(use.record.family)) throw new AppError('UNAUTHORIZED', 'this session was ended: sign in again');
    return this.issue(use.record.userId, use.record.family);
  }

  /** Ends the session of this refresh token or access token's family; unknown tokens end nothing. */
  async logout(o: { refresh?: string | undefined; sessionId?: string | undefined }): Promise<void> {
    let family = o.sessionId;
    if (!family && o.refresh) {
      const use = await this.store.use(digestOf(o.refresh));
      if (use.kind !== 'unknown') family = use.record.family;
    }
    if (family) await this.store.revokeFamily(family, REFRESH_TTL_S);
  }

  /** The person an access token names, while its session lives; a 401 saying why otherwise. */
  async person(access: string): Promise<SessionPerson> {
    const result = await verifyToken(this.jwtSecret, access, 'access', this.now());
    if (!result.ok) throw new AppError('UNAUTHORIZED', result.reason === 'token expired' ? 'the session expired: refresh it or sign in again' : result.reason);
    if (!result.sessionId) throw new AppError('UNAUTHORIZED', 'the access token belongs to no web session');
    if (await this.store.isRevoked(result.sessionId)) throw new AppError('UNAUTHORIZED', 'this session was ended: sign in again');
    return { userId: result.userId, sessionId: result.sessionId };
  }

  private async issue(userId: number, family: string): Promise<IssuedSession> {
    const refresh = token();
    await this.store.put(digestOf(refresh), { userId, family }, REFRESH_TTL_S);
    const access = await signToken(this.jwtSecret, userId, 'access', this.now(), family);
    return { userId, access, refresh };
  }
}

export { ACCESS_TTL_S, REFRESH_TTL_S };
