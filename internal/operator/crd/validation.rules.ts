import type { ResolvedSpec } from '../builders/resolve.js';
import { BOUNDS, IN_PROCESS_HOSTS, type ServiceName } from '../types.js';
import type { ValidationRule } from './openapi.types.js';

/**
 * Cross-field rules, each written twice side by side: as CEL for the API server (the
 * CRD's x-kubernetes-validations) and as a TypeScript predicate for botplatform.validator.ts. Keeping
 * both in one table with one message is what keeps the two verdicts equal; the
 * apiserver test checks every connection-method combination against both.
 *
 * Rules rely on the schema defaults (services, services.*, connectionMethod, replicas,
 * mode all default), which the API server applies before it evaluates CEL, so the CEL
 * can read those fields without has() guards.
 */
export interface SpecRule extends ValidationRule {
  /** The schema node the CEL rule sits on (`self`). */
  scope: 'spec' | 'spec.telegram' | 'spec.services';
  fieldPath: string;
  holds(spec: ResolvedSpec): boolean;
}

const RUNNING = `['rest', 'hybrid']`;
const running = (spec: ResolvedSpec, name: ServiceName) => ['rest', 'hybrid'].includes(spec.services[name].connectionMethod);

function routerHostRule(guest: ServiceName): SpecRule {
  const hosts = IN_PROCESS_HOSTS[guest];
  const hostList = hosts.join(' or ');
  return {
    scope: 'spec.services',
    fieldPath: `.${guest}.connectionMethod`,
    rule: `self.${guest}.connectionMethod != 'router' || ${hosts.map((h) => `self.${h}.connectionMethod in ${RUNNING}`).join(' || ')}`,
    message: `${guest} connectionMethod router needs a running host: ${hostList} must be rest or hybrid`,
    holds: (spec) => spec.services[guest].connectionMethod !== 'router' || hosts.some((h) => running(spec, h)),
  };
}

export const SPEC_RULES: readonly SpecRule[] = [
  {
    // Telegram hands each update to one getUpdates caller and answers a second poller
    // with 409 Conflict, so two polling pods fight forever. Webhook mode scales.
    scope: 'spec',
    fieldPath: '.services.bot.replicas',
    rule: `self.telegram.mode != 'polling' || !(self.services.bot.connectionMethod in ${RUNNING}) || self.services.bot.replicas <= 1`,
    message: 'polling mode allows at most one bot replica: use webhook mode to run more',
    holds: (spec) => spec.telegram.mode !== 'polling' || !running(spec, 'bot') || spec.services.bot.replicas <= 1,
  },
  {
    // A router bot polls from inside every web pod, so the same limit moves to web.
    scope: 'spec',
    fieldPath: '.services.web.replicas',
    rule: `self.telegram.mode != 'polling' || self.services.bot.connectionMethod != 'router' || !(self.services.web.connectionMethod in ${RUNNING}) || self.services.web.replicas <= 1`,
    message: 'polling mode with bot connectionMethod router runs the bot in every web pod: web allows at most one replica',
    holds: (spec) =>
      spec.telegram.mode !== 'polling' || spec.services.bot.connectionMethod !== 'router' || !running(spec, 'web') || spec.services.web.replicas <= 1,
  },
  {
    scope: 'spec.telegram',
    fieldPath: '.webhook.url',
    rule: `self.mode != 'webhook' || (has(self.webhook) && has(self.webhook.url))`,
    message: 'webhook mode needs telegram.webhook.url',
    holds: (spec) => spec.telegram.mode !== 'webhook' || Boolean(spec.telegram.webhook?.url),
  },
  routerHostRule('api'),
  routerHostRule('bot'),
  routerHostRule('web'),
];

/**
 * Child names are `{name}-api` etc.; Services need DNS-1035 labels (a letter first,
 * at most 63 characters), which is stricter than what a custom resource name allows.
 */
export const NAME_RULE = {
  rule: `size(self) <= ${BOUNDS.maxNameLength} && self.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')`,
  message: `metadata.name must start with a letter and have at most ${BOUNDS.maxNameLength} characters, so that the Services {name}-api, -bot and -web are valid DNS-1035 names`,
  holds: (name: string) => name.length <= BOUNDS.maxNameLength && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name),
} as const;

/** The CEL rules of one schema node, in the form the CRD carries. */
export function celRulesAt(scope: SpecRule['scope']): ValidationRule[] {
  return SPEC_RULES.filter((r) => r.scope === scope).map(({ rule, message, fieldPath }) => ({ rule, message, fieldPath, reason: 'FieldValueInvalid' }));
}
