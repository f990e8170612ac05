import type { AnyRouteSpec } from '../../shared/routes/index.js';
import { groupPath, pageSchema } from '../common/index.js';
import { actionListQuery, actionSchema } from './actions.schema.js';

/** A group's moderation history, declared once: the api serves it, web forwards it (a member's page). */
export const actionReadRoutes = {
  list: {
    method: 'get',
    path: '/groups/:groupId/actions',
    operationId: 'listActions',
    tag: 'actions',
    summary: 'List actions, newest first',
    params: groupPath,
    query: actionListQuery,
    response: pageSchema(actionSchema),
    permission: 'logs.view',
  },
} as const satisfies Record<string, AnyRouteSpec>;
