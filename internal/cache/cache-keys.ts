/**
 * Cache keys and TTLs of DESIGN.md section 4. Keys here are logical: the cache adds the
 * configured prefix (`{prefix}:cache:`) in Redis, so two platforms sharing one Redis never
 * collide. Moderation actions are never cached: their status changes too often and a
 * stale "pending" would mislead moderators.
 */
export const CACHE_TTL_SECONDS = {
  group: 60 * 60,
  user: 30 * 60,
  settings: 60 * 60,
  role: 60 * 60,
} as const;

// Ids go through String(): Telegram ids are doubles, and String(-1001234567890) is exact.
type Id = number | string;

export const cacheKeys = {
  group: (groupId: Id) => `group:${String(groupId)}`,
  user: (groupId: Id, userId: Id) => `user:${String(groupId)}:${String(userId)}`,
  settings: (groupId: Id) => `settings:${String(groupId)}`,
  role: (groupId: Id, name: string) => `role:${String(groupId)}:${name}`,
} as const;
