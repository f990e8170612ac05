import { expect } from 'chai';
import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  NetworkingV1Api,
  type V1ConfigMap,
  type V1Deployment,
  type V1Ingress,
  type V1Pod,
  type V1Service,
} from '@kubernetes/client-node';
import { testEnv, uniqueName } from '../../../test/harness/env.js';
import type { BotPlatform } from '../types.js';
import { buildDesired } from './desired.builder.js';
import { platformFixture, withMethods } from './platform.test-support.js';

describe('operator builders: objects the real kube-apiserver accepts', function () {
  let apps: AppsV1Api;
  let core: CoreV1Api;
  let networking: NetworkingV1Api;
  let namespace: string;

  before(async function () {
    this.timeout(180_000);
    const kc = new KubeConfig();
    kc.loadFromFile((await testEnv.kube()).kubeconfig);
    [apps, core, networking] = [kc.makeApiClient(AppsV1Api), kc.makeApiClient(CoreV1Api), kc.makeApiClient(NetworkingV1Api)];
    namespace = uniqueName('builders');
    // Pod Security "restricted" enforced: a Pod made from a built template must pass it.
    await core.createNamespace({
      body: {
        metadata: { name: namespace, labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest' } },
      },
    });
  });

  const platforms: { when: string; platform: (ns: string) => BotPlatform }[] = [
    { when: 'all rest', platform: (ns) => platformFixture({}, { namespace: ns }) },
    {
      when: 'webhook mode with an Ingress, resources and a router api',
      platform: (ns) =>
        withMethods(
          { api: 'router', bot: 'hybrid', web: 'rest' },
          platformFixture(
            {
              imagePullPolicy: 'IfNotPresent',
              telegram: {
                tokenSecretRef: { name: 't', key: 'k' },
                mode: 'webhook',
                webhook: { url: 'https://b.example.com/h', secretTokenSecretRef: { name: 't', key: 'w' } },
              },
              services: {
                bot: { replicas: 3, resources: { requests: { cpu: '100m', memory: 134217728 }, limits: { memory: '256Mi' } } },
                web: { ingress: { host: 'bots.example.com', className: 'nginx', tlsSecretName: 'bots-tls' } },
              },
            },
            { namespace: ns },
          ),
        ),
    },
  ];

  for (const { when, platform } of platforms) {
    it(`when ${when} is built, then every object passes the API server's validation (dry run) and its pods pass Pod Security restricted`, async () => {
      const desired = buildDesired(platform(namespace));
      // Assigning to the client's types is the compile-time check that the builders' own
      // minimal shapes stay compatible with what the kube adapter sends.
      const deployments: V1Deployment[] = desired.deployments;
      const services: V1Service[] = desired.services;
      const configMap: V1ConfigMap = desired.configMap;
      const ingress: V1Ingress | undefined = desired.ingress;
      const dryRun = 'All';
      const warnings: string[] = [];

      await core.createNamespacedConfigMap({ namespace, body: configMap, dryRun });
      for (const body of services) await core.createNamespacedService({ namespace, body, dryRun });
      for (const body of deployments) {
        await apps.createNamespacedDeployment({ namespace, body, dryRun });
        const pod: V1Pod = {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `${body.metadata?.name ?? 'x'}-probe`, ...body.spec?.template.metadata },
          spec: body.spec?.template.spec,
        };
        await core.createNamespacedPod({ namespace, body: pod, dryRun }).catch((err: unknown) => {
          warnings.push(String((err as { body?: unknown }).body ?? err));
        });
      }
      if (ingress) await networking.createNamespacedIngress({ namespace, body: ingress, dryRun });
      expect(warnings).to.deep.equal([]);
      expect(deployments).to.not.be.empty;
    });
  }

  it('when a pod drops the restricted security context, then this namespace refuses it (the check above has teeth)', async () => {
    const template = buildDesired(platformFixture({}, { namespace })).deployments[0]?.spec.template;
    const container = template?.spec.containers[0];
    expect(container).to.not.equal(undefined);
    if (!template || !container) return;
    const { securityContext: _dropped, ...loose } = container;
    const pod: V1Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'loose' }, spec: { ...template.spec, securityContext: {}, containers: [loose] } };
    const code = await core.createNamespacedPod({ namespace, body: pod, dryRun: 'All' }).then(
      () => 0,
      (err: unknown) => (err as { code?: number }).code,
    );
    expect(code).to.equal(403);
  });
});
