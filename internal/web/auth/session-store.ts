import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { AppError } from '../../shared/errors.js';
import { defineLuaCommand, type LuaCommand } from '../../shared/redis/index.js';

/** One refresh token, kept under the digest of its text (the text itself is never stored). */
export interface RefreshRecord {
  userId: number;
  /** The sign-in it descends from: rotation keeps it, revocation ends all of it. */
  family: string;
}

/** What using a refresh token found: unknown, used before (a replay), or good for one rotation. */
export type RefreshUse = { kind: 'unknown' } | { kind: 'reused'; record: RefreshRecord } | { kind: 'fresh'; record: RefreshRecord };

/**
 * Where sessions live: in process for one web replica, in Redis when configured, so a
 * rotation, a replay or a logout on one replica holds on all of them. Only digests of
 * tokens are keys; a record expires with its token. The owner of a Redis client closes it.
 */
export interface SessionStore {
  put(digest: string, record: RefreshRecord, ttlS: number): Promise<void>;
  /** Marks the token used and says what it was, in one atomic step: only one use is ever fresh. */
  use(digest: string): Promise<RefreshUse>;
  revokeFamily(family: string, ttlS: number): Promise<void>;
  isRevoked(family: string): Promise<boolean>;
}

interface MemoryRecord extends RefreshRecord {
  used: boolean;
}

export class MemorySessionStore implements SessionStore {
  // Bounded: a flood of sign-ins evicts the oldest sessions (they sign in again), never memory.
  private readonly tokens = new LRUCache<string, MemoryRecord>({ max: 100_000 });
  private readonly revoked = new LRUCache<string, true>({ max: 100_000 });

  put(digest: string, record: RefreshRecord, ttlS: number): Promise<void> {
    this.tokens.set(digest, { ...record, used: false }, { ttl: ttlS * 1000 });
    return Promise.resolve();
  }

  use(digest: string): Promise<RefreshUse> {
    const found = this.tokens.get(digest);
    if (!found) return Promise.resolve({ kind: 'unknown' });
    const record = { userId: found.userId, family: found.family };
    if (found.used) return Promise.resolve({ kind: 'reused', record });
    found.used = true;
    return Promise.resolve({ kind: 'fresh', record });
  }

  revokeFamily(family: string, ttlS: number): Promise<void> {
    this.revoked.set(family, true, { ttl: ttlS * 1000 });
    return Promise.resolve();
  }

  isRevoked(family: string): Promise<boolean> {
    return Promise.resolve(this.revoked.has(family));
  }
}

/*
 * KEYS[1]: a refresh token's hash {user, family, uses}. Counts one use and answers
 * {user, family, uses}, or nothing for an unknown token. The count decides: only the
 * use that makes it 1 may rotate, however many replicas race.
 */
const USE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local uses = redis.call('HINCRBY', KEYS[1], 'uses', 1)
return {redis.call('HGET', KEYS[1], 'user'), redis.call('HGET', KEYS[1], 'family'), uses}
`;

/**
 * Sessions in Redis. No in-process fallback: a replica that could not see another's logout
 * would accept a revoked session, so while Redis is down sign-in answers 503 instead.
 */
export class RedisSessionStore implements SessionStore {
  private readonly useScript: LuaCommand;

  constructor(
    private readonly client: Redis,
    private readonly keyPrefix: string,
  ) {
    this.useScript = defineLuaCommand(client, 'webSessionUse', USE);
  }

  private tokenKey = (digest: string) => `${this.keyPrefix}:web:refresh:${digest}`;
  private familyKey = (family: string) => `${this.keyPrefix}:web:revoked:${family}`;

  put(digest: string, record: RefreshRecord, ttlS: number): Promise<void> {
    const key = this.tokenKey(digest);
    return this.guard(async () => {
      await this.client
        .multi()
        .hset(key, { user: String(record.userId), family: record.family, uses: '0' })
        .expire(key, ttlS)
        .exec();
    });
  }

  use(digest: string): Promise<RefreshUse> {
    return this.guard(async () => {
      const reply = (await this.useScript([this.tokenKey(digest)])) as [string, string, number] | null;
      if (!reply) return { kind: 'unknown' };
      const record = { userId: Number(reply[0]), family: reply[1] };
      return reply[2] === 1 ? { kind: 'fresh', record } : { kind: 'reused', record };
    });
  }

  revokeFamily(family: string, ttlS: number): Promise<void> {
    return this.guard(async () => {
      await this.client.set(this.familyKey(family), '1', 'EX', ttlS);
    });
  }

  isRevoked(family: string): Promise<boolean> {
    return this.guard(async () => (await this.client.exists(this.familyKey(family))) === 1);
  }

  private async guard<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch {
      throw AppError.unavailable('the session store (Redis)');
    }
  }
}
