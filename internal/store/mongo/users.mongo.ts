import type { Model } from 'mongoose';
import { toPage } from '../../domain/common/pagination.js';
import { USER_SORT, type UserFilter, type UserInsertDefaults, type UserMutable, type UsersRepository } from '../../domain/users/users.repository.js';
import { KeyedSerialQueue } from '../../shared/keyed-serial-queue.js';
import { afterCursor, and, escapeRegex, mongoSort } from './cursor.js';
import { withMongoErrors, retryOnDuplicate } from './errors.js';
import { toUser } from './mappers.js';
import type { UserDoc } from './models.js';
import { moveKeyed } from './move.js';

const filterOf = (groupId: number, f: UserFilter): Record<string, unknown> => ({
  group_id: groupId,
  ...(f.role === undefined ? {} : { role: f.role }),
  ...(f.active === undefined ? {} : { is_active: f.active }),
  ...(f.q === undefined
    ? {}
    : { $or: ['username_lc', 'first_name', 'last_name'].map((field) => ({ [field]: { $regex: escapeRegex(f.q ?? ''), $options: 'i' } })) }),
});

/** $set the given fields and $setOnInsert the defaults for the rest (the two must not share a path). */
function upsertUpdate(set: UserMutable, defaults: UserInsertDefaults, now: Date) {
  const $set: Record<string, unknown> = { ...set, updated_at: now };
  if (set.username !== undefined) $set.username_lc = set.username === null ? null : set.username.toLowerCase();
  const $setOnInsert: Record<string, unknown> = { created_at: now, username_lc: defaults.username?.toLowerCase() ?? null };
  for (const [k, v] of Object.entries(defaults)) $setOnInsert[k] = v;
  for (const k of Object.keys($set)) delete $setOnInsert[k];
  return { $set, $setOnInsert };
}

export function mongoUsers(model: Model<UserDoc>): UsersRepository {
  // Per-user serialisation: upserts and message counters are read-modify-write on FerretDB.
  const queue = new KeyedSerialQueue();
  const k = (g: number, u: number) => `${g}:${u}`;
  return {
    upsert: (groupId, userId, set, defaults, now) =>
      withMongoErrors('user', () =>
        queue.run(k(groupId, userId), () =>
          retryOnDuplicate(async () => {
            const doc = await model
              .findOneAndUpdate({ group_id: groupId, user_id: userId }, upsertUpdate(set, defaults, now), { upsert: true, new: true })
              .lean<UserDoc>();
            if (!doc) throw new Error('upsert returned no document');
            return toUser(doc);
          }),
        ),
      ),
    upsertMany: (groupId, rows, defaults, now) =>
      withMongoErrors('user', async () => {
        if (rows.length === 0) return { inserted: 0, updated: 0 };
        const res = await retryOnDuplicate(() =>
          model.bulkWrite(
            rows.map((r) => ({ updateOne: { filter: { group_id: groupId, user_id: r.user_id }, update: upsertUpdate(r.set, defaults, now), upsert: true } })),
            { ordered: false },
          ),
        );
        return { inserted: res.upsertedCount, updated: rows.length - res.upsertedCount };
      }),
    get: (groupId, userId) =>
      withMongoErrors('user', async () => {
        const doc = await model.findOne({ group_id: groupId, user_id: userId }).lean<UserDoc>();
        return doc ? toUser(doc) : null;
      }),
    getByUsername: (groupId, username) =>
      withMongoErrors('user', async () => {
        const doc = await model.findOne({ group_id: groupId, username_lc: username.toLowerCase() }).lean<UserDoc>();
        return doc ? toUser(doc) : null;
      }),
    update: (groupId, userId, set, now) =>
      withMongoErrors('user', async () => {
        const $set: Record<string, unknown> = { ...set, updated_at: now };
        if (set.username !== undefined) $set.username_lc = set.username === null ? null : set.username.toLowerCase();
        const doc = await model.findOneAndUpdate({ group_id: groupId, user_id: userId }, { $set }, { new: true }).lean<UserDoc>();
        return doc ? toUser(doc) : null;
      }),
    incMessages: (groupId, userId, by, now) =>
      withMongoErrors('user', () =>
        queue.run(
          k(groupId, userId),
          async () => void (await model.updateOne({ group_id: groupId, user_id: userId }, { $inc: { message_count: by }, $set: { last_seen_at: now } })),
        ),
      ),
    list: (groupId, filter, page) =>
      withMongoErrors('user', async () => {
        const rows = await model
          .find(and(filterOf(groupId, filter), afterCursor(USER_SORT, page.cursor)))
          .sort(mongoSort(USER_SORT))
          .limit(page.limit + 1)
          .lean<UserDoc[]>();
        return toPage(USER_SORT, rows.map(toUser), page.limit);
      }),
    count: (groupId, filter) => withMongoErrors('user', () => model.countDocuments(filterOf(groupId, filter))),
    top: (groupId, limit) =>
      withMongoErrors('user', async () => {
        const rows = await model
          .find({ group_id: groupId, message_count: { $gt: 0 } })
          .sort({ message_count: -1, user_id: 1 })
          .limit(limit)
          .lean<UserDoc[]>();
        return rows.map(toUser);
      }),
    deleteByGroup: (groupId) => withMongoErrors('user', async () => void (await model.deleteMany({ group_id: groupId }))),
    memberships: (userId, limit) =>
      withMongoErrors('user', async () => {
        const rows = await model
          .find({ user_id: userId }, { group_id: 1, role: 1 })
          .sort({ group_id: 1 })
          .limit(limit)
          .lean<{ group_id: number; role: string }[]>();
        return rows.map((r) => ({ group_id: r.group_id, role: r.role }));
      }),
    moveGroup: (from, to) => withMongoErrors('user', () => moveKeyed(model, 'user_id', from, to)),
  };
}
