import { createHash, randomBytes } from 'node:crypto';

const digestOf = (code: string) => createHash('sha256').update(code).digest('base64url');

/**
 * Sign-in codes that work once, for the link `make run` prints: whoever opens it first is
 * signed in as the demo group's owner, and the link is spent. Kept in process (the
 * playground runs in one), by digest, so a heap dump does not hand out live codes.
 */
export class OneTimeCodes {
  private readonly codes = new Map<string, { userId: number; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(userId: number): string {
    const code = randomBytes(24).toString('base64url');
    this.codes.set(digestOf(code), { userId, expiresAt: this.now() + this.ttlMs });
    return code;
  }

  /** The user the code signs in as, once; undefined when unknown, spent or expired. */
  take(code: string): number | undefined {
    const key = digestOf(code);
    const entry = this.codes.get(key);
    this.codes.delete(key);
    return entry && entry.expiresAt > this.now() ? entry.userId : undefined;
  }
}
