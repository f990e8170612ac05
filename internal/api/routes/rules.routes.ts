import { rulePath, ruleRouteSpecs, ruleSchema, type Services } from '../../domain/index.js';
import type { RouteScope } from '../../shared/routes/index.js';
import { ctxOf } from './common.js';

export function ruleRoutes(t: RouteScope, s: Services): void {
  t.add(ruleRouteSpecs.create, async ({ params, body, auth }) => ({ data: await s.rules.create(params.groupId, body, ctxOf(auth)), message: 'rule created' }));
  t.add(ruleRouteSpecs.list, async ({ params, query }) => ({ data: await s.rules.list(params.groupId, query) }));
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
  t.add(ruleRouteSpecs.update, async ({ params, body, auth }) => ({
    data: await s.rules.update(params.groupId, params.ruleName, body, ctxOf(auth)),
    message: 'rule updated',
  }));
  t.add(ruleRouteSpecs.delete, async ({ params, auth }) => {
    await s.rules.delete(params.groupId, params.ruleName, ctxOf(auth));
    return { data: null, message: 'rule deleted' };
  });
}
