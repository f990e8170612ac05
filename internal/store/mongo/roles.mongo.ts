import type { Model } from 'mongoose';
import { toPage } from '../../domain/common/pagination.js';
import { ROLE_SORT, type RolesRepository } from '../../domain/roles/roles.repository.js';
import type { Role } from '../../domain/roles/roles.schema.js';
import { afterCursor, and, mongoSort } from './cursor.js';
import { withMongoErrors } from './errors.js';
import { plain } from './mappers.js';
import { moveKeyed } from './move.js';

export function mongoRoles(model: Model<Role>): RolesRepository {
  return {
    // Ordered: the first duplicate stops the batch, as the port promises.
    insertMany: (roles) => withMongoErrors('role', async () => void (await model.insertMany(roles, { ordered: true }))),
    get: (groupId, name) =>
      withMongoErrors('role', async () => {
        const doc = await model.findOne({ group_id: groupId, name }).lean<Role>();
        return doc ? plain(doc) : null;
      }),
    update: (groupId, name, set) =>
      withMongoErrors('role', async () => {
        const doc = await model.findOneAndUpdate({ group_id: groupId, name }, { $set: set }, { new: true }).lean<Role>();
        return doc ? plain(doc) : null;
      }),
    delete: (groupId, name) => withMongoErrors('role', async () => (await model.deleteOne({ group_id: groupId, name })).deletedCount > 0),
    list: (groupId, page) =>
      withMongoErrors('role', async () => {
        const rows = await model
          .find(and({ group_id: groupId }, afterCursor(ROLE_SORT, page.cursor)))
          .sort(mongoSort(ROLE_SORT))
          .limit(page.limit + 1)
          .lean<Role[]>();
        return toPage(ROLE_SORT, rows.map(plain), page.limit);
      }),
    deleteByGroup: (groupId) => withMongoErrors('role', async () => void (await model.deleteMany({ group_id: groupId }))),
    moveGroup: (from, to) => withMongoErrors('role', () => moveKeyed(model, 'name', from, to)),
  };
}
