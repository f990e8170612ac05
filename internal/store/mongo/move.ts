import type { Model } from 'mongoose';

/**
 * Moves a group's documents to a new group id. Keys already present under the new id win:
 * the old duplicates are dropped first so the bulk update cannot hit the unique index.
 * Every step is idempotent, so an interrupted migration is finished by running it again.
 */
export async function moveKeyed<T>(model: Model<T>, key: string, from: number, to: number): Promise<void> {
  if (from === to) return;
  const taken: unknown[] = await model.distinct(key, { group_id: to });
  if (taken.length > 0) await model.deleteMany({ group_id: from, [key]: { $in: taken } });
  await model.updateMany({ group_id: from }, { $set: { group_id: to } });
}
