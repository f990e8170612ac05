import { z } from 'zod';
import {
  groupIdParam, roleCreate, roleListQuery, roleName, rolePatch, roleSchema, ruleCreate, ruleListQuery, ruleName, rulePatch, ruleSchema,
  settingsPatch, settingsSchema, type Services,
} from '../../domain/index.js';
import type { RouteTable } from '../route-table.js';
import { ctxOf, groupPath, page } from './common.js';

const rolePath = z.strictObject({ groupId: groupIdParam, name: roleName });
const rulePath = z.strictObject({ groupId: groupIdParam, ruleName });

export function roleRoutes(t: RouteTable, s: Services): void {
  t.add({ method: 'post', path: '/groups/:groupId/roles', operationId: 'createRole', tag: 'roles', summary: 'Create a custom role', params: groupPath, body: roleCreate, response: roleSchema, status: 201, permission: 'roles.manage', errors: { 409: 'A role with this name exists in the group.' } },
    async ({ params, body, auth }) => ({ data: await s.roles.create(params.groupId, body, ctxOf(auth)), message: 'role created' }));
  t.add({ method: 'get', path: '/groups/:groupId/roles', operationId: 'listRoles', tag: 'roles', summary: 'List roles', params: groupPath, query: roleListQuery, response: page(roleSchema), permission: 'members.view' },
    async ({ params, query }) => ({ data: await s.roles.list(params.groupId, query) }));
  t.add({ method: 'get', path: '/groups/:groupId/roles/:name', operationId: 'getRole', tag: 'roles', summary: 'Get a role', params: rolePath, response: roleSchema, permission: 'members.view', errors: { 404: 'The group, or the role in it, does not exist.' } },
    async ({ params }) => ({ data: await s.roles.get(params.groupId, params.name) }));
  t.add({ method: 'patch', path: '/groups/:groupId/roles/:name', operationId: 'updateRole', tag: 'roles', summary: 'Change a role', params: rolePath, body: rolePatch, response: roleSchema, permission: 'roles.manage', errors: { 404: 'The group, or the role in it, does not exist.' } },
    async ({ params, body, auth }) => ({ data: await s.roles.update(params.groupId, params.name, body, ctxOf(auth)), message: 'role updated' }));
  t.add({ method: 'delete', path: '/groups/:groupId/roles/:name', operationId: 'deleteRole', tag: 'roles', summary: 'Delete a custom role', params: rolePath, permission: 'roles.manage', errors: { 404: 'The group, or the role in it, does not exist.', 409: 'owner and member are built in, and a role that members hold stays until they have another.' } },
    async ({ params, auth }) => {
      await s.roles.delete(params.groupId, params.name, ctxOf(auth));
      return { data: null, message: 'role deleted' };
    });
}

export function ruleRoutes(t: RouteTable, s: Services): void {
  t.add({ method: 'post', path: '/groups/:groupId/rules', operationId: 'createRule', tag: 'rules', summary: 'Create a rule with its penalty', params: groupPath, body: ruleCreate, response: ruleSchema, status: 201, permission: 'rules.edit', errors: { 409: 'A rule with this rule_name exists in the group.' } },
    async ({ params, body, auth }) => ({ data: await s.rules.create(params.groupId, body, ctxOf(auth)), message: 'rule created' }));
  t.add({ method: 'get', path: '/groups/:groupId/rules', operationId: 'listRules', tag: 'rules', summary: 'List rules by priority', params: groupPath, query: ruleListQuery, response: page(ruleSchema), permission: 'members.view' },
    async ({ params, query }) => ({ data: await s.rules.list(params.groupId, query) }));
  t.add({ method: 'get', path: '/groups/:groupId/rules/:ruleName', operationId: 'getRule', tag: 'rules', summary: 'Get a rule', params: rulePath, response: ruleSchema, permission: 'members.view', errors: { 404: 'The group, or the rule in it, does not exist.' } },
    async ({ params }) => ({ data: await s.rules.get(params.groupId, params.ruleName) }));
  t.add({ method: 'patch', path: '/groups/:groupId/rules/:ruleName', operationId: 'updateRule', tag: 'rules', summary: 'Change a rule', params: rulePath, body: rulePatch, response: ruleSchema, permission: 'rules.edit', errors: { 404: 'The group, or the rule in it, does not exist.' } },
    async ({ params, body, auth }) => ({ data: await s.rules.update(params.groupId, params.ruleName, body, ctxOf(auth)), message: 'rule updated' }));
  t.add({ method: 'delete', path: '/groups/:groupId/rules/:ruleName', operationId: 'deleteRule', tag: 'rules', summary: 'Delete a rule', params: rulePath, permission: 'rules.edit', errors: { 404: 'The group, or the rule in it, does not exist.' } },
    async ({ params, auth }) => {
      await s.rules.delete(params.groupId, params.ruleName, ctxOf(auth));
      return { data: null, message: 'rule deleted' };
    });
}

export function settingsRoutes(t: RouteTable, s: Services): void {
  t.add({ method: 'get', path: '/groups/:groupId/settings', operationId: 'getSettings', tag: 'settings', summary: "The group's settings", params: groupPath, response: settingsSchema, permission: 'members.view' },
    async ({ params }) => ({ data: await s.settings.get(params.groupId) }));
  t.add({ method: 'patch', path: '/groups/:groupId/settings', operationId: 'updateSettings', tag: 'settings', summary: 'Change settings (only the fields sent)', params: groupPath, body: settingsPatch, response: settingsSchema, permission: 'settings.edit', description: 'Only the fields sent change; antiflood may be sent in part. warn_mode tban and tmute need a warn_mode_duration, sent with them or already stored.', errors: { 409: 'The change leaves the stored settings inconsistent (tban or tmute with no warn_mode_duration stored).' } },
    async ({ params, body, auth }) => ({ data: await s.settings.update(params.groupId, body, ctxOf(auth)), message: 'settings updated' }));
}
