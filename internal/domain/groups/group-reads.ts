import type { AnyRouteSpec } from '../../shared/routes/index.js';
import { groupPath, pageSchema } from '../common/index.js';
import { groupStatsSchema } from '../stats/stats.schema.js';
import { groupCardSchema, groupListQuery, groupSchema, groupStatsQuery } from './groups.schema.js';

/**
 * Reading groups, declared once: the api serves these routes from its services and web serves
 * the same contract to web clients through the ApiClient, so both OpenAPI documents agree.
 */
export const groupReadRoutes = {
  list: {
    method: 'get',
    path: '/groups',
    operationId: 'listGroups',
    tag: 'groups',
    summary: 'List groups (filter by active, search by name)',
    query: groupListQuery,
    response: pageSchema(groupSchema),
    servicesOnly: true,
  },
  mine: {
    method: 'get',
    path: '/me/groups',
    operationId: 'listMyGroups',
    tag: 'groups',
    summary: 'The groups the calling person may manage (where their role lets them view members)',
    description:
      'For people (an access token); a service key lists every group with listGroups instead. Each group comes with its messages over the last 7 UTC days.',
    response: pageSchema(groupCardSchema),
  },
  get: {
    method: 'get',
    path: '/groups/:groupId',
    operationId: 'getGroup',
    tag: 'groups',
    summary: 'Get a group',
    params: groupPath,
    response: groupSchema,
    permission: 'members.view',
    errors: { 404: 'The group does not exist.' },
  },
  stats: {
    method: 'get',
    path: '/groups/:groupId/stats',
    operationId: 'getGroupStats',
    tag: 'stats',
    summary: 'Group statistics: totals and per day',
    params: groupPath,
    query: groupStatsQuery,
    response: groupStatsSchema,
    permission: 'stats.view',
    errors: { 404: 'The group does not exist.' },
  },
} as const satisfies Record<string, AnyRouteSpec>;
