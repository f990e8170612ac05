import { expect } from 'chai';
import { botPlatformSchema } from '../crd/botplatform.crd.js';
import type { JSONSchemaProps } from '../crd/openapi.types.js';
import { buildDesired } from './desired.builder.js';
import { allMethodCombinations, platformFixture, withMethods } from './platform.test-support.js';

const SECRET_ENV = ['MONGODB_URI', 'TELEGRAM_BOT_TOKEN', 'WEBHOOK_SECRET', 'API_KEY', 'JWT_SECRET'];

function schemaPaths(schema: JSONSchemaProps, path: string): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([key, child]) => [`${path}.${key}`, ...schemaPaths(child, `${path}.${key}`)]);
}

describe('operator builders: no secret value in any built object', () => {
  it('when the spec schema is inspected, then every secret-looking field sits inside a *SecretRef (names and keys, never values)', () => {
    const spec = botPlatformSchema.properties?.spec;
    const paths = spec ? schemaPaths(spec, 'spec') : [];
    const secretish = paths.filter((p) => /token|password|secret|uri|credential/i.test(p.split('.').pop() ?? ''));
    expect(secretish).to.not.be.empty;
    for (const p of secretish) expect(p, p).to.match(/SecretRef$|tlsSecretName$/);
  });

  it('when every combination is built in webhook mode, then secret env vars only use secretKeyRef and the ConfigMap holds no credentials', () => {
    const base = platformFixture({
      telegram: {
        tokenSecretRef: { name: 'demo-telegram', key: 'token' },
        mode: 'webhook',
        webhook: { url: 'https://bots.example.com/hook', secretTokenSecretRef: { name: 'demo-telegram', key: 'hook' } },
      },
      redis: { url: 'redis://:redis-password@redis.bots.svc:6379' },
    });
    for (const methods of allMethodCombinations()) {
      const desired = buildDesired(withMethods(methods, base));
      for (const d of desired.deployments) {
        for (const env of d.spec.template.spec.containers.flatMap((c) => c.env)) {
          if (SECRET_ENV.includes(env.name)) {
            expect(env, env.name).to.not.have.property('value');
            expect(env.valueFrom?.secretKeyRef.name, env.name).to.be.a('string');
          }
        }
      }
      // REDIS_URL is plain env by design (DESIGN.md section 5); it must never leak into the ConfigMap.
      const cm = JSON.stringify(desired.configMap);
      expect(cm).to.not.match(/redis:\/\/|mongodb|password|token/i);
    }
  });
});
