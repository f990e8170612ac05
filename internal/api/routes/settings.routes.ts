import { groupPath, type Services, settingsPatch, settingsSchema } from '../../domain/index.js';
import type { RouteScope } from '../../shared/routes/index.js';
import { ctxOf } from './common.js';

export function settingsRoutes(t: RouteScope, s: Services): void {
  t.add(
    {
      method: 'get',
      path: '/groups/:groupId/settings',
      operationId: 'getSettings',
      tag: 'settings',
      summary: "The group's settings",
      params: groupPath,
      response: settingsSchema,
      permission: 'members.view',
    },
    async ({ params }) => ({ data: await s.settings.get(params.groupId) }),
  );
  t.add(
    {
      method: 'patch',
      path: '/groups/:groupId/settings',
      operationId: 'updateSettings',
      tag: 'settings',
      summary: 'Change settings (only the fields sent)',
      params: groupPath,
      body: settingsPatch,
      response: settingsSchema,
      permission: 'settings.edit',
      description:
        'Only the fields sent change; antiflood may be sent in part. warn_mode tban and tmute need a warn_mode_duration, sent with them or already stored.',
      errors: { 409: 'The change leaves the stored settings inconsistent (tban or tmute with no warn_mode_duration stored).' },
    },
    async ({ params, body, auth }) => ({ data: await s.settings.update(params.groupId, body, ctxOf(auth)), message: 'settings updated' }),
  );
}
