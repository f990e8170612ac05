import { ROLE_SORT, type RolesRepository } from '../../domain/roles/roles.repository.js';
import type { Role } from '../../domain/roles/roles.schema.js';
import { namedPerGroup } from './named-per-group.js';

export function memoryRoles(): RolesRepository {
  const { insertMany, get, update, delete: remove, list, deleteByGroup, moveGroup } = namedPerGroup<Role>(ROLE_SORT, (r) => r.name, 'role');
  return { insertMany, get, update, delete: remove, list, deleteByGroup, moveGroup };
}
