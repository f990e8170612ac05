import { z } from 'zod';
import type { AnyRouteSpec } from '../../shared/routes/index.js';
import { groupIdParam, groupPath } from '../common/ids.schema.js';
import { pageSchema } from '../common/pagination.js';
import { ruleCreate, ruleListQuery, ruleName, rulePatch, ruleSchema } from './rules.schema.js';

export const rulePath = z.strictObject({ groupId: groupIdParam, ruleName });

/** A group's rules, declared once: the api serves them, web forwards them (the dashboard's rules editor). */
export const ruleRouteSpecs = {
  create: {
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
  list: {
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
  update: {
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
  delete: {
    method: 'delete',
    path: '/groups/:groupId/rules/:ruleName',
    operationId: 'deleteRule',
    tag: 'rules',
    summary: 'Delete a rule',
    params: rulePath,
    permission: 'rules.edit',
    errors: { 404: 'The group, or the rule in it, does not exist.' },
  },
} as const satisfies Record<string, AnyRouteSpec>;
