import type { RequestHandler } from 'express';
import { AppError } from '../../shared/errors.js';
import { authOf, type AuthContext, type Principal } from '../../shared/auth/principal.js';
import type { BucketStore } from './bucket-store.js';
import type { RateLimitMetrics } from './rate-limit.metrics.js';
import { retryAfterSeconds, type BucketLimit, type TakeResult } from './token-bucket.js';

/** One limit per kind of caller; undefined leaves that kind unlimited. */
export interface RateLimits {
  /** Per service key (bot, web, admin): one bucket for all of that service's replicas. */
  service: BucketLimit | undefined;
  /** Per person (Telegram user with a JWT), across every group they call about. */
  person: BucketLimit | undefined;
}

export interface RateLimitMiddlewareOptions {
  store: BucketStore;
  limits: RateLimits;
  metrics: RateLimitMetrics;
}

/** The bucket of a caller: `svc:<name>` or `person:<userId>`. */
export function bucketKey(principal: Principal): string {
  return principal.kind === 'service' ? `svc:${principal.name}` : `person:${principal.userId}`;
}

/**
 * Takes a token from the caller's bucket, or answers 429 RATE_LIMITED with Retry-After.
 * Mount after authentication: the bucket belongs to who is calling, which only the
 * credentials tell (an address would put every person behind web's one bucket).
 */
export function rateLimit(opts: RateLimitMiddlewareOptions): RequestHandler {
  return (_req, res, next) => {
    let auth: AuthContext;
    try {
      auth = authOf(res);
    } catch (err) {
      return next(err);
    }
    const { principal } = auth;
    const limit = principal.kind === 'service' ? opts.limits.service : opts.limits.person;
    if (!limit) return next();
    const decide = (taken: TakeResult): void => {
      if (taken.allowed) return next();
      opts.metrics.refused.inc({ principal_kind: principal.kind });
      const seconds = retryAfterSeconds(taken.retryAfterMs);
      const who = principal.kind === 'service' ? 'this service key' : 'this person';
      next(new AppError('RATE_LIMITED', `too many calls from ${who}; retry in ${seconds} s`).withHeaders({ 'Retry-After': String(seconds) }));
    };
    const taken = opts.store.take(bucketKey(principal), limit);
    // The in-process store answers at once: no promise (and no extra tick) on the hot path.
    // budget: api-cached-read (docs/budgets.md)
    if (taken instanceof Promise) void taken.then(decide, next);
    else decide(taken);
  };
}
