import { expect } from 'chai';
import type { EnvVar } from '../types.js';
import { buildDeployment, buildDeployments } from './deployment.builder.js';
import { platformFixture, withMethods } from './platform.test-support.js';
import { buildService } from './service.builder.js';

const envMap = (env: EnvVar[]) => Object.fromEntries(env.map((e) => [e.name, e.value ?? e.valueFrom]));

describe('operator builders: Deployment', () => {
  it('when api is rest, then its Deployment runs dist/cmd/api/main.js on port 8000 with the spec image and replicas', () => {
    const platform = platformFixture({ imagePullPolicy: 'IfNotPresent', services: { api: { replicas: 2 } } });
    const d = buildDeployment(platform, 'api');
    const c = d?.spec.template.spec.containers[0];
    expect(d?.metadata).to.include({ name: 'demo-api', namespace: 'bots' });
    expect(d?.spec.replicas).to.equal(2);
    expect(c?.image).to.equal('registry.example.com/botplatform:0.1.0');
    expect(c?.imagePullPolicy).to.equal('IfNotPresent');
    expect(c?.command).to.deep.equal(['node', 'dist/cmd/api/main.js']);
    expect(c?.ports).to.deep.equal([{ name: 'http', containerPort: 8000, protocol: 'TCP' }]);
  });

  it('when a service is router or disabled, then it has no Deployment and no Service', () => {
    const platform = withMethods({ api: 'rest', bot: 'disabled', web: 'router' });
    expect(buildDeployment(platform, 'bot')).to.equal(undefined);
    expect(buildDeployment(platform, 'web')).to.equal(undefined);
    expect(buildService(platform, 'bot')).to.equal(undefined);
    expect(buildDeployments(platform).map((d) => d.metadata.name)).to.deep.equal(['demo-api']);
  });

  it('when built in polling mode, then the env is exactly the DESIGN.md list without the webhook variables', () => {
    const env = buildDeployment(platformFixture(), 'bot')?.spec.template.spec.containers[0]?.env ?? [];
    expect(env.map((e) => e.name)).to.deep.equal([
      'SERVICE_NAME',
      'BOTPLATFORM_NAME',
      'BOTPLATFORM_NAMESPACE',
      'PORT',
      'MONGODB_URI',
      'MONGODB_DB',
      'REDIS_URL',
      'REDIS_KEY_PREFIX',
      'TELEGRAM_BOT_TOKEN',
      'BOT_MODE',
      'API_KEY',
      'JWT_SECRET',
      'CONNECTIONS_FILE',
      'LOG_LEVEL',
    ]);
    expect(envMap(env)).to.deep.include({
      SERVICE_NAME: 'bot',
      BOTPLATFORM_NAME: 'demo',
      BOTPLATFORM_NAMESPACE: 'bots',
      PORT: '8001',
      MONGODB_DB: 'bot_manager',
      REDIS_URL: 'redis://redis.bots.svc:6379',
      REDIS_KEY_PREFIX: 'botplatform',
      BOT_MODE: 'polling',
      CONNECTIONS_FILE: '/etc/botplatform/connections.json',
      LOG_LEVEL: 'info',
    });
  });

  it('when the spec names platform admins, then api and web get them as one plain PLATFORM_ADMINS value; without any, no variable', () => {
    const platform = platformFixture({ platformAdmins: [100_001, 42] });
    for (const service of ['api', 'web'] as const) {
      const env = buildDeployment(platform, service)?.spec.template.spec.containers[0]?.env ?? [];
      expect(
        env.find((e) => e.name === 'PLATFORM_ADMINS'),
        service,
      ).to.deep.equal({ name: 'PLATFORM_ADMINS', value: '100001,42' });
    }
    const none = buildDeployment(platformFixture(), 'api')?.spec.template.spec.containers[0]?.env ?? [];
    expect(none.map((e) => e.name)).to.not.include('PLATFORM_ADMINS');
  });

  it('when built in webhook mode, then WEBHOOK_URL is plain and every secret arrives only through secretKeyRef', () => {
    const platform = platformFixture({
      telegram: {
        tokenSecretRef: { name: 'demo-telegram', key: 'token' },
        mode: 'webhook',
        webhook: { url: 'https://bots.example.com/hook', secretTokenSecretRef: { name: 'demo-telegram', key: 'webhook-secret' } },
      },
    });
    const env = buildDeployment(platform, 'web')?.spec.template.spec.containers[0]?.env ?? [];
    const ref = (name: string, key: string) => ({ secretKeyRef: { name, key } });
    expect(envMap(env)).to.deep.include({
      BOT_MODE: 'webhook',
      WEBHOOK_URL: 'https://bots.example.com/hook',
      WEBHOOK_SECRET: ref('demo-telegram', 'webhook-secret'),
      TELEGRAM_BOT_TOKEN: ref('demo-telegram', 'token'),
      MONGODB_URI: ref('demo-mongo', 'uri'),
      API_KEY: ref('demo-platform', 'api-key'),
      JWT_SECRET: ref('demo-platform', 'jwt-secret'),
    });
    for (const secret of ['WEBHOOK_SECRET', 'TELEGRAM_BOT_TOKEN', 'MONGODB_URI', 'API_KEY', 'JWT_SECRET']) {
      expect(env.find((e) => e.name === secret)).to.not.have.property('value');
    }
  });

  it('when built, then the pod is restricted: non-root, read-only root, no privilege escalation, ALL dropped, RuntimeDefault seccomp, no token', () => {
    const pod = buildDeployment(platformFixture(), 'web')?.spec.template.spec;
    expect(pod?.securityContext).to.deep.equal({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod?.automountServiceAccountToken).to.equal(false);
    expect(pod?.containers[0]?.securityContext).to.deep.equal({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  it('when built, then /healthz and /readyz probe the http port and the connections ConfigMap is mounted as a directory', () => {
    const d = buildDeployment(platformFixture(), 'api');
    const c = d?.spec.template.spec.containers[0];
    expect(c?.livenessProbe.httpGet).to.deep.equal({ path: '/healthz', port: 'http' });
    expect(c?.readinessProbe.httpGet).to.deep.equal({ path: '/readyz', port: 'http' });
    expect(c?.volumeMounts).to.deep.include({ name: 'connections', mountPath: '/etc/botplatform', readOnly: true });
    expect(d?.spec.template.spec.volumes).to.deep.include({
      name: 'connections',
      configMap: { name: 'demo-connections', items: [{ key: 'connections.json', path: 'connections.json' }] },
    });
  });

  it('when resources are set in the spec, then the container carries them (integers as strings); when not, it has none', () => {
    const platform = platformFixture({ services: { bot: { resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: 268435456 } } } } });
    expect(buildDeployment(platform, 'bot')?.spec.template.spec.containers[0]?.resources).to.deep.equal({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { memory: '268435456' },
    });
    expect(buildDeployment(platform, 'api')?.spec.template.spec.containers[0]?.resources).to.deep.equal({});
  });

  it('when built, then labels follow app.kubernetes.io, the selector is the stable subset and the BotPlatform is the controlling owner', () => {
    const d = buildDeployment(platformFixture(), 'bot');
    const labels = {
      'app.kubernetes.io/name': 'botplatform',
      'app.kubernetes.io/instance': 'demo',
      'app.kubernetes.io/component': 'bot',
      'app.kubernetes.io/managed-by': 'botplatform-operator',
      'app.kubernetes.io/part-of': 'botplatform',
    };
    expect(d?.metadata.labels).to.deep.equal(labels);
    expect(d?.spec.template.metadata.labels).to.deep.equal(labels);
    expect(d?.spec.selector.matchLabels).to.deep.equal({
      'app.kubernetes.io/name': 'botplatform',
      'app.kubernetes.io/instance': 'demo',
      'app.kubernetes.io/component': 'bot',
    });
    expect(d?.metadata.ownerReferences).to.deep.equal([
      {
        apiVersion: 'botplatform.io/v1alpha1',
        kind: 'BotPlatform',
        name: 'demo',
        uid: '0b6f3c1e-5d2a-4e8b-9c7d-1a2b3c4d5e6f',
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(Object.keys(d?.spec.template.metadata.annotations ?? {})).to.deep.equal(['botplatform.io/config-checksum']);
  });

  it('when a Service is built, then it is ClusterIP on the service port, selecting the Deployment pods by name', () => {
    const svc = buildService(platformFixture(), 'web');
    const d = buildDeployment(platformFixture(), 'web');
    expect(svc?.spec).to.deep.equal({
      type: 'ClusterIP',
      selector: d?.spec.selector.matchLabels,
      ports: [{ name: 'http', port: 8002, targetPort: 'http', protocol: 'TCP' }],
    });
    expect(svc?.metadata.ownerReferences).to.deep.equal(d?.metadata.ownerReferences);
  });
});
