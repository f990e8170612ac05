import type { AnyRouteSpec } from '../../shared/routes/index.js';
import { groupPath } from '../common/index.js';
import { settingsPatch, settingsSchema } from './settings.schema.js';

/** Reading and changing a group's settings, declared once: the api serves them, web forwards them (see group-reads). */
export const settingsRouteSpecs = {
  get: {
    method: 'get',
    path: '/groups/:groupId/settings',
    operationId: 'getSettings',
    tag: 'settings',
    summary: "The group's settings",
    params: groupPath,
    response: settingsSchema,
    permission: 'members.view',
  },
  update: {
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
      'Only the fields sent change; antiflood may be sent in part. warn_mode tban and tmute need a warn_mode_duration, sent with them or already stored. ' +
      'Send If-Match with the ETag GET answered to change only the settings you read.',
    errors: {
      409: 'The change leaves the stored settings inconsistent (tban or tmute with no warn_mode_duration stored).',
      412: 'If-Match named the ETag of settings someone has changed since: reload them (the message says who changed them).',
    },
  },
} as const satisfies Record<string, AnyRouteSpec>;
