import { AppError } from '../../shared/errors.js';
import { groupId as groupIdSchema } from '../common/ids.schema.js';
import { parseInput } from '../../shared/validation.js';
import type { GroupsRepository } from './groups.repository.js';
import type { Group } from './groups.schema.js';

/** Validates a group id and loads the group: sub-resources of a missing group are a 404. */
export type GroupGuard = (groupId: number) => Promise<Group>;

export function groupGuard(groups: GroupsRepository): GroupGuard {
  return async (groupId) => {
    const id = parseInput(groupIdSchema, groupId, 'group id');
    const group = await groups.get(id);
    if (!group) throw AppError.notFound(`group ${id}`);
    return group;
  };
}
