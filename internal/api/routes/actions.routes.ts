import { z } from 'zod';
import {
  actionCreate,
  actionCreatedSchema,
  actionId,
  actionPatch,
  actionReadRoutes,
  actionSchema,
  type ActionType,
  groupIdParam,
  groupPath,
  type Permission,
  type Services,
} from '../../domain/index.js';
import type { AuthContext } from '../../shared/auth/index.js';
import type { Authorizer, RouteScope } from '../../shared/routes/index.js';
import { ctxOf } from './common.js';

/** The permission a person needs to take, or change, an action of each type. */
const ACTION_PERMISSION: Record<ActionType, Permission> = {
  ban: 'ban',
  unban: 'ban',
  kick: 'kick',
  mute: 'mute',
  unmute: 'mute',
  warn: 'warn',
  unwarn: 'warn',
  delete: 'delete',
  pin: 'pin',
  unpin: 'pin',
  promote: 'promote',
  demote: 'promote',
};

const actionPath = z.strictObject({ groupId: groupIdParam, id: actionId });

export function actionRoutes(t: RouteScope, s: Services, authorize: Authorizer): void {
  const mayAct = (auth: AuthContext, groupId: number, type: ActionType) => authorize(auth, groupId, { permission: ACTION_PERMISSION[type] });
  t.add(
    {
      method: 'post',
      path: '/groups/:groupId/actions',
      operationId: 'createAction',
      tag: 'actions',
      summary: 'Record a moderation action; a warn answers the penalty due when the limit is reached',
      params: groupPath,
      body: actionCreate,
      response: actionCreatedSchema,
      status: 201,
      description:
        "An applied warn also answers `warnings` (the member's active warns and the group's warn_limit) and, once the count reaches the limit, the `penalty` that warn_mode prescribes: the caller carries it out and records it as its own action. A service may name the acting admin in X-Actor-Id or in admin_id, not differently in both (400); a person records actions in their own name only (403).",
      errors: { 404: 'The group does not exist.' },
    },
    async ({ params, body, auth }) => {
      await mayAct(auth, params.groupId, body.action_type);
      return { data: await s.actions.create(params.groupId, body, ctxOf(auth)), message: `${body.action_type} recorded` };
    },
  );
  t.add(actionReadRoutes.list, async ({ params, query }) => ({ data: await s.actions.list(params.groupId, query) }));
  t.add(
    {
      method: 'patch',
      path: '/groups/:groupId/actions/:id',
      operationId: 'updateAction',
      tag: 'actions',
      summary: "Change an action's status (e.g. revoke a warn)",
      params: actionPath,
      body: actionPatch,
      response: actionSchema,
      description: 'Status moves: pending -> applied | failed; failed -> pending; applied -> revoked | expired; revoked and expired are final.',
      errors: {
        404: 'The group or the action does not exist.',
        409: "The action's current status does not allow this move, or another writer changed it meanwhile (reload it).",
      },
    },
    async ({ params, body, auth }) => {
      const action = await s.actions.get(params.groupId, params.id);
      await mayAct(auth, params.groupId, action.action_type);
      return { data: await s.actions.update(params.groupId, params.id, body, ctxOf(auth)), message: 'action updated' };
    },
  );
}
