import type { Logger } from '../../shared/logger.js';
import { closeRedis, createRedisClient } from '../../shared/redis/index.js';
import type { SignInOptions } from './auth.routes.js';
import { MemorySessionStore, RedisSessionStore, type SessionStore } from './session-store.js';
import { Sessions } from './sessions.js';

export { authRoutes, type SignInOptions } from './auth.routes.js';
export { csrfGuard, CSRF_HEADER } from './csrf.js';
export { COOKIES } from './cookies.js';
export { Sessions } from './sessions.js';
export { MemorySessionStore, RedisSessionStore, type SessionStore } from './session-store.js';
export { webAuthenticate } from './web-authenticate.js';

export interface SignInEnv {
  TELEGRAM_BOT_TOKEN?: string | undefined;
  JWT_SECRET?: string | undefined;
  REDIS_URL?: string | undefined;
  REDIS_KEY_PREFIX: string;
  WEB_PUBLIC_URL?: string | undefined;
  WEB_LOGIN_MAX_AGE_S: number;
}

export interface WebSignIn {
  signIn: SignInOptions;
  publicOrigin: string | undefined;
  close(): Promise<void>;
}

/**
 * Sign-in as web's env configures it: sessions in Redis when REDIS_URL is set (shared by
 * the replicas), else in process; none without JWT_SECRET, since web then cannot issue
 * the api's tokens.
 */
export function webSignInFromEnv(env: SignInEnv, logger: Logger): WebSignIn {
  const client = env.JWT_SECRET && env.REDIS_URL ? createRedisClient(env.REDIS_URL, { logger, name: 'web-sessions' }) : undefined;
  const store: SessionStore | undefined = env.JWT_SECRET
    ? client
      ? new RedisSessionStore(client, env.REDIS_KEY_PREFIX)
      : new MemorySessionStore()
    : undefined;
  return {
    signIn: {
      botToken: env.TELEGRAM_BOT_TOKEN,
      sessions: store && env.JWT_SECRET ? new Sessions(store, env.JWT_SECRET) : undefined,
      maxAgeS: env.WEB_LOGIN_MAX_AGE_S,
    },
    publicOrigin: env.WEB_PUBLIC_URL ? new URL(env.WEB_PUBLIC_URL).origin : undefined,
    close: async () => {
      if (client) await closeRedis(client);
    },
  };
}
