import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { parse } from 'yaml';
import { CONNECTION_METHODS, DEFAULTS, type BotPlatformSpec, type BotPlatformStatus } from '../types.js';
import { botPlatformCrd, botPlatformSchema } from './botplatform.crd.js';
import type { JSONSchemaProps } from './openapi.types.js';
import { CRD_FILE, renderCrdYaml } from './render.js';
import { SPEC_RULES } from './validation.rules.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Every field made required, so the compiler forces the fixtures below to name them all. */
type DeepRequired<T> = T extends (infer U)[] ? DeepRequired<U>[] : T extends object ? { [K in keyof T]-?: DeepRequired<T[K]> } : T;

const fullSpec: DeepRequired<BotPlatformSpec> = {
  image: 'img:1',
  imagePullPolicy: 'Always',
  telegram: {
    tokenSecretRef: { name: 't', key: 'k' },
    mode: 'webhook',
    webhook: { url: 'https://x.example.com/h', secretTokenSecretRef: { name: 't', key: 'w' } },
  },
  mongodb: { uriSecretRef: { name: 'm', key: 'uri' }, database: 'db' },
  redis: { url: 'redis://r:6379', keyPrefix: 'p' },
  services: {
    api: { connectionMethod: 'rest', replicas: 1, resources: { requests: { cpu: '1' }, limits: { cpu: 1 } } },
    bot: { connectionMethod: 'rest', replicas: 1, resources: { requests: {}, limits: {} } },
    web: {
      connectionMethod: 'rest',
      replicas: 1,
      resources: { requests: {}, limits: {} },
      ingress: { host: 'h.example.com', className: 'c', tlsSecretName: 's' },
    },
  },
  logLevel: 'info',
  platformAdmins: [100_001],
};

const service = { method: 'rest', replicas: 1, readyReplicas: 1, endpoint: 'http://x' } as const;
const fullStatus: DeepRequired<BotPlatformStatus> = {
  observedGeneration: 1,
  conditions: [{ type: 'Ready', status: 'True', observedGeneration: 1, lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'R', message: '' }],
  services: { api: service, bot: service, web: service },
  connectionsHash: `sha256:${'0'.repeat(64)}`,
};

/** Paths of every object key in a value; maps (additionalProperties) stop the walk. */
function valuePaths(value: unknown, schema: JSONSchemaProps | undefined, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuePaths(v, schema?.items, `${path}[]`));
  if (typeof value !== 'object' || value === null || schema?.additionalProperties) return [];
  return Object.entries(value).flatMap(([k, v]) => [`${path}.${k}`, ...valuePaths(v, schema?.properties?.[k], `${path}.${k}`)]);
}

function schemaPaths(schema: JSONSchemaProps, path: string): string[] {
  if (schema.items) return schemaPaths(schema.items, `${path}[]`);
  return Object.entries(schema.properties ?? {}).flatMap(([k, child]) => [`${path}.${k}`, ...schemaPaths(child, `${path}.${k}`)]);
}

describe('operator CRD: source of truth', () => {
  it('when the CRD is rendered, then crds/ holds exactly that YAML (run `make manifests` after changing the source)', () => {
    expect(readFileSync(join(repoRoot, CRD_FILE), 'utf8')).to.equal(renderCrdYaml());
  });

  it('when the YAML is parsed back, then it equals the source object', () => {
    expect(parse(renderCrdYaml())).to.deep.equal(JSON.parse(JSON.stringify(botPlatformCrd())));
  });

  for (const [part, value] of [
    ['spec', fullSpec],
    ['status', fullStatus],
  ] as const) {
    it(`when the TypeScript ${part} type and the schema are walked, then they name exactly the same fields`, () => {
      const schema = botPlatformSchema.properties?.[part];
      expect(schema).to.not.equal(undefined);
      if (!schema) return;
      expect(valuePaths(value, schema, part).sort()).to.deep.equal(schemaPaths(schema, part).sort());
    });
  }

  it('when the schema defaults are read, then they are the DEFAULTS the builders use', () => {
    const spec = botPlatformSchema.properties?.spec?.properties;
    expect(spec?.telegram?.properties?.mode?.default).to.equal(DEFAULTS.mode);
    expect(spec?.mongodb?.properties?.database?.default).to.equal(DEFAULTS.mongoDatabase);
    expect(spec?.redis?.properties?.keyPrefix?.default).to.equal(DEFAULTS.redisKeyPrefix);
    expect(spec?.logLevel?.default).to.equal(DEFAULTS.logLevel);
    for (const name of ['api', 'bot', 'web']) {
      const s = spec?.services?.properties?.[name]?.properties;
      expect(s?.connectionMethod?.default).to.equal(DEFAULTS.connectionMethod);
      expect(s?.connectionMethod?.enum).to.deep.equal(CONNECTION_METHODS);
      expect(s?.replicas).to.include({ default: DEFAULTS.replicas, minimum: 0, maximum: 50 });
    }
  });

  it('when the CRD is built, then it has short name bp, category all, a status subresource and the printer columns', () => {
    const crd = botPlatformCrd();
    expect(crd.metadata.name).to.equal('botplatforms.botplatform.io');
    expect(crd.spec.names).to.include({ kind: 'BotPlatform', plural: 'botplatforms' });
    expect(crd.spec.names.shortNames).to.deep.equal(['bp']);
    expect(crd.spec.names.categories).to.deep.equal(['all']);
    const version = crd.spec.versions[0];
    expect(version?.name).to.equal('v1alpha1');
    expect(version?.subresources).to.deep.equal({ status: {} });
    expect(version?.additionalPrinterColumns.filter((c) => !c.priority).map((c) => c.name)).to.deep.equal(['Ready', 'API', 'Bot', 'Web', 'Age']);
  });

  it('when the CEL rules are listed, then each has a message and a field path, and all of them are in the CRD', () => {
    const yaml = renderCrdYaml();
    for (const rule of SPEC_RULES) {
      expect(rule.message).to.have.length.greaterThan(10);
      expect(rule.fieldPath).to.match(/^\.[a-zA-Z.]+$/);
      expect(yaml).to.include(rule.message);
    }
  });
});
