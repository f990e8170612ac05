import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ACCESS_TTL_S } from '../../shared/auth/index.js';
import type { AuthContext } from '../../shared/auth/index.js';
import { AppError } from '../../shared/errors.js';
import type { RouteScope } from '../../shared/routes/index.js';
import { clearedSessionCookies, COOKIES, cookieOf, csrfCookie, sessionCookies } from './cookies.js';
import type { Sessions } from './sessions.js';
import { verifyInitData, verifyLoginWidget, type SignatureResult, type TelegramIdentity } from './telegram-signature.js';

export interface SignInOptions {
  /** Verifies Telegram's signatures; without it (or `sessions`) sign-in answers 503. */
  botToken?: string | undefined;
  sessions?: Sessions | undefined;
  /** How old a signed payload's auth_date may be (WEB_LOGIN_MAX_AGE_S). */
  maxAgeS: number;
  now?: () => Date;
  /** The playground's demo group, when it runs: its one-time link signs people in, not Telegram. */
  playgroundGroupId?: number | undefined;
  /** Whether the session's person (or service) may open the platform page. */
  isPlatformAdmin?: (auth: AuthContext) => boolean;
}

const primitive = z.union([z.string().max(2048), z.number(), z.boolean()]);
/** The widget's fields as Telegram sends them; fields it adds later are kept, since they are signed too. */
const widgetPayload = z
  .object({
    id: z.number().int().positive(),
    first_name: z.string().min(1),
    auth_date: z.number().int().positive(),
    hash: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 hex digits'),
  })
  .catchall(primitive);
const webAppPayload = z.strictObject({ init_data: z.string().min(1).max(8192) });

const userSchema = z.object({
  id: z.number().int(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  photo_url: z.string().optional(),
  language_code: z.string().optional(),
});
const signedIn = z.object({ user: userSchema, access_expires_in: z.number().int() });
const sessionInfo = z.object({
  kind: z.enum(['person', 'service']),
  user_id: z.number().int().nullable(),
  service: z.string().nullable(),
  platform_admin: z.boolean(),
});

/**
 * Sign-in with Telegram and the session's life: the widget or a Mini App's initData proves
 * who the person is; the session lives in cookies (HttpOnly access and refresh tokens, a
 * readable CSRF token). A refused sign-in sets nothing and stores nothing.
 */
export function authRoutes(t: RouteScope, o: SignInOptions): void {
  const now = () => (o.now ? o.now() : new Date());
  const configured = (): { botToken: string; sessions: Sessions } => {
    if (!o.botToken || !o.sessions) throw new AppError('DEPENDENCY_UNAVAILABLE', 'sign-in is not configured here: web needs TELEGRAM_BOT_TOKEN and JWT_SECRET');
    return { botToken: o.botToken, sessions: o.sessions };
  };
  const signIn = async (sessions: Sessions, result: SignatureResult) => {
    if (!result.ok) throw new AppError('UNAUTHORIZED', result.reason);
    const issued = await sessions.signIn(result.user.id);
    const user: TelegramIdentity = result.user;
    return { data: { user, access_expires_in: ACCESS_TTL_S }, headers: { 'set-cookie': sessionCookies(issued) }, message: 'signed in' };
  };

  t.add(
    {
      method: 'get',
      path: '/auth/config',
      operationId: 'getSignInConfig',
      tag: 'auth',
      auth: 'none',
      summary: 'How the sign-in page signs people in: the bot whose Telegram login it uses',
      response: z.object({ bot_id: z.number().int().nullable(), sign_in: z.boolean(), playground_group_id: z.number().int().nullable() }),
    },
    () => {
      // The bot id is the public part of the token (before the colon), as Telegram's login page needs it.
      const botId = o.botToken ? Number(o.botToken.split(':')[0]) : null;
      return Promise.resolve({ data: { bot_id: botId, sign_in: Boolean(o.botToken && o.sessions), playground_group_id: o.playgroundGroupId ?? null } });
    },
  );
  t.add(
    {
      method: 'get',
      path: '/auth/csrf',
      operationId: 'getCsrfToken',
      tag: 'auth',
      auth: 'none',
      summary: 'The CSRF token to send as X-CSRF-Token on every change (also set as a cookie)',
      response: z.object({ csrf_token: z.string() }),
    },
    // One token per browser: a second tab gets the one the first already holds.
    ({ header }) => {
      const held = cookieOf(header('cookie'), COOKIES.csrf);
      const token = held ?? randomBytes(24).toString('base64url');
      return Promise.resolve({ data: { csrf_token: token }, headers: { 'set-cookie': held ? [] : [csrfCookie(token)] } });
    },
  );
  t.add(
    {
      method: 'post',
      path: '/auth/telegram',
      operationId: 'signInWithTelegram',
      tag: 'auth',
      auth: 'none',
      summary: "Sign in with the Telegram Login Widget's payload",
      description: `The hash must be Telegram's for this bot and auth_date no older than the configured window (default ${24 * 3600} s).`,
      body: widgetPayload,
      response: signedIn,
    },
    ({ body }) => {
      const { botToken, sessions } = configured();
      return signIn(sessions, verifyLoginWidget(body, botToken, { now: now(), maxAgeS: o.maxAgeS }));
    },
  );
  t.add(
    {
      method: 'post',
      path: '/auth/webapp',
      operationId: 'signInWithMiniApp',
      tag: 'auth',
      auth: 'none',
      summary: "Sign in inside Telegram with the Mini App's initData",
      body: webAppPayload,
      response: signedIn,
    },
    ({ body }) => {
      const { botToken, sessions } = configured();
      const { init_data } = body;
      return signIn(sessions, verifyInitData(init_data, botToken, { now: now(), maxAgeS: o.maxAgeS }));
    },
  );
  t.add(
    {
      method: 'post',
      path: '/auth/refresh',
      operationId: 'refreshSession',
      tag: 'auth',
      auth: 'none',
      summary: 'Rotate the refresh token (cookie) and get a new access token',
      description: 'A refresh token works once: presenting a used one ends the whole session everywhere.',
      response: z.object({ user_id: z.number().int(), access_expires_in: z.number().int() }),
    },
    async ({ header }) => {
      const { sessions } = configured();
      const issued = await sessions.refresh(cookieOf(header('cookie'), COOKIES.refresh));
      return { data: { user_id: issued.userId, access_expires_in: ACCESS_TTL_S }, headers: { 'set-cookie': sessionCookies(issued) } };
    },
  );
  t.add(
    {
      method: 'post',
      path: '/auth/logout',
      operationId: 'logout',
      tag: 'auth',
      auth: 'none',
      summary: 'End this session everywhere and clear its cookies',
    },
    async ({ header }) => {
      const { sessions } = configured();
      const cookies = header('cookie');
      const access = cookieOf(cookies, COOKIES.access);
      // An expired or forged access token names no session; the refresh cookie then says which.
      const sessionId = access
        ? await sessions.person(access).then(
            (p) => p.sessionId,
            () => undefined,
          )
        : undefined;
      await sessions.logout({ sessionId, refresh: cookieOf(cookies, COOKIES.refresh) });
      return { data: null, headers: { 'set-cookie': clearedSessionCookies() }, message: 'signed out' };
    },
  );
  t.add(
    {
      method: 'get',
      path: '/auth/session',
      operationId: 'getSession',
      tag: 'auth',
      summary: 'Who this call is made as',
      response: sessionInfo,
    },
    ({ auth }) => {
      const platform_admin = o.isPlatformAdmin?.(auth) ?? false;
      return Promise.resolve({
        data:
          auth.principal.kind === 'person'
            ? { kind: 'person' as const, user_id: auth.principal.userId, service: null, platform_admin }
            : { kind: 'service' as const, user_id: auth.actorId ?? null, service: auth.principal.name, platform_admin },
      });
    },
  );
}
