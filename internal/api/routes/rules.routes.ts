import { z } from 'zod';
import { groupIdParam, groupPath, pageSchema, ruleCreate, ruleListQuery, ruleName, rulePatch, ruleSchema, type Services } from '../../domain/index.js';
import type { RouteScope } from '../../shared/routes/index.js';
import { ctxOf } from './common.js';

const rulePath = z.strictObject({ groupId: groupIdParam, ruleName });

export function ruleRoutes(t: RouteScope, s: Services): void {
  t.add(
    {
      method: 'post',
      path: '/groups/:groupId/rules',
      operationId: 'createRule',
      tag: 'rules',
      summary: 'Create a rule with its penalty',
      params: groupPath,
      body: ruleCreate,
      response: ruleSchema,
      status: 201,
      permission: 'rules.edit',
      errors: { 409: 'A rule with this rule_name exists in the group.' },
    },
    async ({ params, body, auth }) => ({ data: await s.rules.create(params.groupId, body, ctxOf(auth)), message: 'rule created' }),
  );
  t.add(
    {
      method: 'get',
      path: '/groups/:groupId/rules',
      operationId: 'listRules',
      tag: 'rules',
      summary: 'List rules by priority',
      params: groupPath,
      query: ruleListQuery,
      response: pageSchema(ruleSchema),
      permission: 'members.view',
    },
    async ({ params, query }) => ({ data: await s.rules.list(params.groupId, query) }),
  );
  t.add(
    {
      method: 'get',
      path: '/groups/:groupId/rules/:ruleName',
      operationId: 'getRule',
      tag: 'rules',
      summary: 'Get a rule',
      params: rulePath,
      response: ruleSchema,
      permission: 'members.view',
      errors: { 404: 'The group, or the rule in it, does not exist.' },
    },
    async ({ params }) => ({ data: await s.rules.get(params.groupId, params.ruleName) }),
  );
  t.add(
    {
      method: 'patch',
      path: '/groups/:groupId/rules/:ruleName',
      operationId: 'updateRule',
      tag: 'rules',
      summary: 'Change a rule',
      params: rulePath,
      body: rulePatch,
      response: ruleSchema,
      permission: 'rules.edit',
      errors: { 404: 'The group, or the rule in it, does not exist.' },
    },
    async ({ params, body, auth }) => ({ data: await s.rules.update(params.groupId, params.ruleName, body, ctxOf(auth)), message: 'rule updated' }),
  );
  t.add(
    {
      method: 'delete',
      path: '/groups/:groupId/rules/:ruleName',
      operationId: 'deleteRule',
      tag: 'rules',
      summary: 'Delete a rule',
      params: rulePath,
      permission: 'rules.edit',
      errors: { 404: 'The group, or the rule in it, does not exist.' },
    },
    async ({ params, auth }) => {
      await s.rules.delete(params.groupId, params.ruleName, ctxOf(auth));
      return { data: null, message: 'rule deleted' };
    },
  );
}
