import {
  API_GROUP,
  API_VERSION,
  BOT_MODES,
  BOUNDS,
  CONNECTION_METHODS,
  DEFAULTS,
  IMAGE_PULL_POLICIES,
  KIND,
  LOG_LEVELS,
  PLURAL,
  SERVICE_PORTS,
} from '../types.js';
import type { CustomResourceDefinition, JSONSchemaProps } from './openapi.types.js';
import { NAME_RULE, celRulesAt } from './validation.rules.js';

/**
 * The one source of truth for the BotPlatform CRD (DESIGN.md section 6). `make manifests`
 * renders it into crds/botplatform.io_botplatforms.yaml; a test fails when they drift.
 * Defaults come from DEFAULTS in types.ts, which the builders also use.
 */

const secretKeyRef = (description: string): JSONSchemaProps => ({
  type: 'object',
  description,
  required: ['name', 'key'],
  properties: {
    name: {
      type: 'string',
      description: 'Name of a Secret in the BotPlatform namespace.',
      minLength: 1,
      maxLength: 253,
      pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$',
    },
    key: { type: 'string', description: 'Key inside the Secret.', minLength: 1, maxLength: 253, pattern: '^[-._a-zA-Z0-9]+$' },
  },
});

/** The same pattern controller-gen emits for resource.Quantity. */
const quantity: JSONSchemaProps = {
  anyOf: [{ type: 'integer' }, { type: 'string' }],
  pattern: '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$',
  'x-kubernetes-int-or-string': true,
};

const resources: JSONSchemaProps = {
  type: 'object',
  description: 'Compute resources of the service container, as in a Pod spec.',
  properties: {
    requests: { type: 'object', additionalProperties: quantity, maxProperties: 16 },
    limits: { type: 'object', additionalProperties: quantity, maxProperties: 16 },
  },
};

/**
 * Defaults of the service objects are written out in full: the API server validates a
 * default against the CEL rules without applying the nested defaults first, so `{}`
 * would fail the services rules with "no such key".
 */
const serviceDefault = { connectionMethod: DEFAULTS.connectionMethod, replicas: DEFAULTS.replicas };

function service(name: 'api' | 'bot' | 'web', extra: Record<string, JSONSchemaProps> = {}): JSONSchemaProps {
  return {
    type: 'object',
    description: `The ${name} service (port ${SERVICE_PORTS[name]}).`,
    default: serviceDefault,
    properties: {
      connectionMethod: {
        type: 'string',
        description:
          'How the other services reach this one: rest (own Deployment, HTTP), router (in-process inside a host, no Deployment), hybrid (own Deployment, in-process first), disabled (not at all). Switching among rest, hybrid and disabled takes effect live through Redis; switching to or from router rolls the hosts.',
        enum: CONNECTION_METHODS,
        default: DEFAULTS.connectionMethod,
      },
      replicas: {
        type: 'integer',
        format: 'int32',
        description: 'Pods of the own Deployment (rest and hybrid only).',
        minimum: BOUNDS.minReplicas,
        maximum: BOUNDS.maxReplicas,
        default: DEFAULTS.replicas,
      },
      resources,
      ...extra,
    },
  };
}

const ingress: JSONSchemaProps = {
  type: 'object',
  description: 'Expose web through an Ingress (only while web has its own Deployment).',
  required: ['host'],
  properties: {
    host: { type: 'string', minLength: 1, maxLength: 253, pattern: '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$' },
    className: { type: 'string', minLength: 1, maxLength: 253 },
    tlsSecretName: { type: 'string', minLength: 1, maxLength: 253 },
  },
};

const spec: JSONSchemaProps = {
  type: 'object',
  description: 'Desired state of one bot platform: api, bot and web with their connection methods.',
  required: ['image', 'telegram', 'mongodb', 'redis'],
  'x-kubernetes-validations': celRulesAt('spec'),
  properties: {
    image: { type: 'string', description: 'Container image with the api, bot and web entrypoints.', minLength: 1, maxLength: 1024 },
    imagePullPolicy: { type: 'string', enum: IMAGE_PULL_POLICIES },
    telegram: {
      type: 'object',
      required: ['tokenSecretRef'],
      'x-kubernetes-validations': celRulesAt('spec.telegram'),
      properties: {
        tokenSecretRef: secretKeyRef('Secret key holding the bot token from @BotFather.'),
        mode: { type: 'string', description: 'polling (getUpdates, one bot replica) or webhook.', enum: BOT_MODES, default: DEFAULTS.mode },
        webhook: {
          type: 'object',
          properties: {
            // Telegram only delivers webhooks over HTTPS.
            url: { type: 'string', description: 'Public HTTPS URL Telegram posts updates to.', minLength: 9, maxLength: 2048, pattern: '^https://' },
            secretTokenSecretRef: secretKeyRef('Secret key holding the secret_token Telegram echoes in X-Telegram-Bot-Api-Secret-Token.'),
          },
        },
      },
    },
    mongodb: {
      type: 'object',
      required: ['uriSecretRef'],
      properties: {
        uriSecretRef: secretKeyRef('Secret key holding the MongoDB connection string (it may carry credentials).'),
        database: { type: 'string', minLength: 1, maxLength: 63, pattern: '^[^/\\\\. "$]+$', default: DEFAULTS.mongoDatabase },
      },
    },
    redis: {
      type: 'object',
      required: ['url'],
      properties: {
        url: { type: 'string', description: 'redis:// or rediss:// URL, shared by the operator and the services.', maxLength: 2048, pattern: '^rediss?://.+' },
        keyPrefix: { type: 'string', minLength: 1, maxLength: 63, pattern: '^[A-Za-z0-9_.-]+$', default: DEFAULTS.redisKeyPrefix },
      },
    },
    services: {
      type: 'object',
      default: { api: serviceDefault, bot: serviceDefault, web: serviceDefault },
      'x-kubernetes-validations': celRulesAt('spec.services'),
      properties: { api: service('api'), bot: service('bot'), web: service('web', { ingress }) },
    },
    logLevel: { type: 'string', enum: LOG_LEVELS, default: DEFAULTS.logLevel },
    platformAdmins: {
      type: 'array',
      description:
        'Telegram user ids of the platform admins: in the dashboard they see every group, read its members, log and stats, and open the platform page. Changing a group still takes a role in it.',
      maxItems: 100,
      items: { type: 'integer', format: 'int64', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
    },
  },
};

const condition: JSONSchemaProps = {
  type: 'object',
  description: 'metav1.Condition.',
  required: ['lastTransitionTime', 'message', 'reason', 'status', 'type'],
  properties: {
    lastTransitionTime: { type: 'string', format: 'date-time' },
    message: { type: 'string', maxLength: 32768 },
    observedGeneration: { type: 'integer', format: 'int64', minimum: 0 },
    reason: { type: 'string', minLength: 1, maxLength: 1024, pattern: '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$' },
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    type: {
      type: 'string',
      maxLength: 316,
      pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$',
    },
  },
};

const serviceStatus: JSONSchemaProps = {
  type: 'object',
  required: ['method'],
  properties: {
    method: { type: 'string', enum: CONNECTION_METHODS },
    replicas: { type: 'integer', format: 'int32', minimum: 0 },
    readyReplicas: { type: 'integer', format: 'int32', minimum: 0 },
    endpoint: { type: 'string', maxLength: 2048 },
  },
};

const status: JSONSchemaProps = {
  type: 'object',
  properties: {
    observedGeneration: { type: 'integer', format: 'int64', minimum: 0 },
    conditions: {
      type: 'array',
      maxItems: 32,
      items: condition,
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['type'],
    },
    services: { type: 'object', properties: { api: serviceStatus, bot: serviceStatus, web: serviceStatus } },
    connectionsHash: { type: 'string', maxLength: 80, pattern: '^sha256:[0-9a-f]{64}$' },
  },
};

export const botPlatformSchema: JSONSchemaProps = {
  type: 'object',
  description: 'BotPlatform runs the api, bot and web services of a Telegram group-management bot.',
  required: ['spec'],
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    // The API server allows a CRD to restrict only name and generateName in metadata.
    metadata: {
      type: 'object',
      properties: {
        name: { type: 'string', 'x-kubernetes-validations': [{ rule: NAME_RULE.rule, message: NAME_RULE.message, reason: 'FieldValueInvalid' }] },
      },
    },
    spec,
    status,
  },
};

export const CRD_NAME = `${PLURAL}.${API_GROUP}`;

const methodColumn = (name: string, service: string) => ({
  name,
  type: 'string' as const,
  jsonPath: `.spec.services.${service}.connectionMethod`,
  description: `Connection method of ${service}.`,
});

export function botPlatformCrd(): CustomResourceDefinition {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: CRD_NAME, labels: { 'app.kubernetes.io/name': 'botplatform', 'app.kubernetes.io/part-of': 'botplatform' } },
    spec: {
      group: API_GROUP,
      scope: 'Namespaced',
      names: { kind: KIND, listKind: `${KIND}List`, plural: PLURAL, singular: 'botplatform', shortNames: ['bp'], categories: ['all'] },
      versions: [
        {
          name: API_VERSION,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: botPlatformSchema },
          subresources: { status: {} },
          additionalPrinterColumns: [
            { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status', description: 'Status of the Ready condition.' },
            methodColumn('API', 'api'),
            methodColumn('Bot', 'bot'),
            methodColumn('Web', 'web'),
            { name: 'Mode', type: 'string', jsonPath: '.spec.telegram.mode', priority: 1 },
            { name: 'Image', type: 'string', jsonPath: '.spec.image', priority: 1 },
            { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
          ],
        },
      ],
    },
  };
}
