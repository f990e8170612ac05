import type { Model } from 'mongoose';
import type { SettingsRepository } from '../../domain/settings/settings.repository.js';
import type { Settings } from '../../domain/settings/settings.schema.js';
import { withMongoErrors } from './errors.js';
import { plain } from './mappers.js';

export function mongoSettings(model: Model<Settings>): SettingsRepository {
  return {
    get: (groupId) =>
      withMongoErrors('settings', async () => {
        const doc = await model.findOne({ group_id: groupId }).lean<Settings>();
        return doc ? plain(doc) : null;
      }),
    put: (settings) => withMongoErrors('settings', async () => void (await model.replaceOne({ group_id: settings.group_id }, settings, { upsert: true }))),
    replaceIf: (settings, expected) =>
      withMongoErrors('settings', async () => (await model.replaceOne({ group_id: settings.group_id, updated_at: expected }, settings)).matchedCount === 1),
    deleteByGroup: (groupId) => withMongoErrors('settings', async () => void (await model.deleteMany({ group_id: groupId }))),
    // Settings already under the new id win, as for every other moved collection.
    moveGroup: (from, to) =>
      withMongoErrors('settings', async () => {
        if (from === to) return;
        if (await model.exists({ group_id: to })) await model.deleteOne({ group_id: from });
        else await model.updateOne({ group_id: from }, { $set: { group_id: to } });
      }),
  };
}
