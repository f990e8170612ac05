import type { Server } from 'node:http';
import { CoordinationV1Api, NetworkingV1Api, setHeaderOptions } from '@kubernetes/client-node';
import { expect } from 'chai';
import { testEnv } from '../../../test/harness/env.js';
import { Health } from '../../shared/health.js';
import { listen, urlOf } from '../../shared/http.js';
import { silentLogger } from '../../shared/logger.js';
import { createRegistry } from '../../shared/metrics.js';
import { eventually, kubeFixture, specFor, type KubeFixture } from '../reconcile/operator.test-support.js';
import { Operator, type OperatorOptions } from './operator.app.js';
import { createOperatorHttp } from './operator.server.js';

describe('operator app: a running operator against the real kube-apiserver and Redis', function () {
  this.timeout(90_000);
  let k: KubeFixture;
  let redisUrl: string;
  const running: Operator[] = [];

  before(async function () {
    this.timeout(180_000);
    k = await kubeFixture();
    redisUrl = (await testEnv.redis()).url;
  });

  afterEach(() => Promise.all(running.splice(0).map((o) => o.stop())));

  function startOperator(opts: Partial<OperatorOptions> & { watchNamespaces: string[] }): Operator {
    const operator = new Operator({
      kubeconfigPath: k.kubeconfig,
      leaderElection: false,
      leaseNamespace: 'default',
      logger: silentLogger(),
      registry: createRegistry(),
      informerBackoffMaxMs: 500,
      ...opts,
    });
    operator.start();
    running.push(operator);
    return operator;
  }

  const deploymentNames = async (namespace: string) => (await k.apps.listNamespacedDeployment({ namespace })).items.map((d) => d.metadata?.name).sort();
  const hasAllDeployments = async (namespace: string) => ((await deploymentNames(namespace)).length === 3 ? true : undefined);
  const replicasOf = async (namespace: string, name: string) => (await k.apps.readNamespacedDeployment({ namespace, name })).spec?.replicas;

  async function newPlatform(prefix: string): Promise<string> {
    const namespace = await k.createNamespace(prefix);
    await k.createSecrets(namespace, 'demo');
    await k.createPlatform(namespace, 'demo', specFor('demo', redisUrl));
    return namespace;
  }

  it('when a BotPlatform is created under a running operator, then it converges, /readyz and /metrics answer, a deleted child comes back, and at rest it writes nothing', async () => {
    const namespace = await k.createNamespace('app-run');
    const registry = createRegistry();
    const operator = startOperator({ watchNamespaces: [namespace], registry });
    const server: Server = await listen(createOperatorHttp(operator, { logger: silentLogger(), registry, health: new Health() }), 0);
    try {
      await eventually(() => (operator.hasSynced() ? true : undefined), 10_000, 'informers synced');
      expect((await fetch(`${urlOf(server)}/readyz`)).status).to.equal(200);

      await k.createSecrets(namespace, 'demo');
      await k.createPlatform(namespace, 'demo', specFor('demo', redisUrl));
      await eventually(() => hasAllDeployments(namespace), 20_000, 'children');
      await eventually(async () => ((await k.getPlatform(namespace, 'demo')).status?.observedGeneration === 1 ? true : undefined), 20_000, 'status');

      await k.apps.deleteNamespacedDeployment({ namespace, name: 'demo-web' });
      await eventually(async () => ((await deploymentNames(namespace)).includes('demo-web') ? true : undefined), 20_000, 'demo-web back');

      // Let the last status and child events settle, then watch for writes.
      await new Promise((r) => setTimeout(r, 1_500));
      const before = operator.kube.http.totalWrites();
      await new Promise((r) => setTimeout(r, 2_000));
      expect(operator.kube.http.totalWrites() - before, 'a converged operator writes nothing').to.equal(0);

      const metrics = await (await fetch(`${urlOf(server)}/metrics`)).text();
      expect(metrics).to.match(/controller_runtime_reconcile_total\{[^}]*result="success"[^}]*\} [1-9]/);
      expect(metrics).to.include('workqueue_adds_total');
      expect(metrics).to.include('botplatform_operator_kube_writes_total{verb="apply"');
    } finally {
      server.close();
    }
  });

  it('when the web Ingress is deleted or its host edited by hand under a running operator, then it comes back as the spec says, with no GET of the platform or its children', async () => {
    const namespace = await k.createNamespace('app-ingress');
    await k.createSecrets(namespace, 'demo');
    await k.createPlatform(namespace, 'demo', specFor('demo', redisUrl, { services: { web: { ingress: { host: 'bots.example.com' } } } }));
    const operator = startOperator({ watchNamespaces: [namespace] });
    const reads: string[] = [];
    operator.kube.http.onRequest((spec) => {
      if (spec.method === 'GET' && spec.query?.watch !== 'true' && !spec.path.includes('/secrets/')) reads.push(spec.path);
    });
    const networking = k.kc.makeApiClient(NetworkingV1Api);
    const host = async () => {
      const list = await networking.listNamespacedIngress({ namespace });
      return list.items[0]?.spec?.rules?.[0]?.host;
    };
    await eventually(async () => ((await host()) === 'bots.example.com' ? true : undefined), 20_000, 'Ingress created');
    await eventually(() => (operator.hasSynced() ? true : undefined), 10_000, 'informers synced');
    const listsAtSync = reads.length;

    await networking.deleteNamespacedIngress({ namespace, name: 'demo-web' });
    await eventually(async () => ((await host()) === 'bots.example.com' ? true : undefined), 20_000, 'Ingress back after delete');

    await networking.patchNamespacedIngress(
      {
        namespace,
        name: 'demo-web',
        body: {
          spec: {
            rules: [
              {
                host: 'evil.example.com',
                http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'demo-web', port: { number: 8002 } } } }] },
              },
            ],
          },
        },
      },
      setHeaderOptions('Content-Type', 'application/merge-patch+json'),
    );
    await eventually(async () => ((await host()) === 'bots.example.com' ? true : undefined), 20_000, 'Ingress host restored');
    // Only the informers' lists (before they synced, and relists) read from the API server.
    expect(reads.slice(listsAtSync), 'reads after sync').to.deep.equal([]);
  });

  it('when WATCH_NAMESPACE names one namespace, then a BotPlatform in another namespace is left alone', async () => {
    const watched = await newPlatform('app-watched');
    const other = await newPlatform('app-other');
    startOperator({ watchNamespaces: [watched] });
    await eventually(() => hasAllDeployments(watched), 20_000, 'watched namespace reconciled');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await deploymentNames(other)).to.deep.equal([]);
  });

  it('when two operators run with leader election, then only the leader reconciles; when it stops, then the other takes over', async () => {
    const leaseNamespace = await k.createNamespace('app-lease');
    const namespace = await k.createNamespace('app-le');
    const lease = { durationMs: 3_000, renewDeadlineMs: 2_000, retryPeriodMs: 300 };
    const first = startOperator({ watchNamespaces: [namespace], leaderElection: true, leaseNamespace, identity: 'first', lease });
    await eventually(() => (first.isLeader() ? true : undefined), 10_000, 'first leads');
    const second = startOperator({ watchNamespaces: [namespace], leaderElection: true, leaseNamespace, identity: 'second', lease });
    await eventually(() => (second.hasSynced() ? true : undefined), 10_000, 'second synced');

    await k.createSecrets(namespace, 'demo');
    await k.createPlatform(namespace, 'demo', specFor('demo', redisUrl));
    await eventually(() => hasAllDeployments(namespace), 20_000, 'children by the leader');
    expect(second.isLeader()).to.equal(false);
    expect(second.kube.http.totalWrites(), 'the standby never writes').to.equal(0);

    await first.stop();
    running.splice(running.indexOf(first), 1);
    // Released on stop, so the standby need not wait out the lease duration.
    await eventually(() => (second.isLeader() ? true : undefined), 5_000, 'second leads');
    await k.patchPlatform(namespace, 'demo', { spec: { services: { api: { replicas: 2 } } } });
    await eventually(async () => ((await replicasOf(namespace, 'demo-api')) === 2 ? true : undefined), 20_000, 'the new leader reconciles');
    const held = await k.kc.makeApiClient(CoordinationV1Api).readNamespacedLease({ namespace: leaseNamespace, name: 'botplatform-operator-leader' });
    expect(held.spec?.holderIdentity).to.equal('second');
    expect(held.spec?.leaseTransitions).to.be.greaterThan(0);
  });

  it('when the kube-apiserver restarts under a running operator, then changes made meanwhile are reconciled', async function () {
    const control = await testEnv.kube();
    const { stopApiServer, startApiServer } = control;
    if (!stopApiServer || !startApiServer) throw new Error('needs the harness API server (KUBECONFIG is external)');
    const namespace = await newPlatform('app-restart');
    const operator = startOperator({ watchNamespaces: [namespace] });
    await eventually(() => hasAllDeployments(namespace), 20_000, 'children');

    await stopApiServer();
    await startApiServer();
    // Made while the operator's watches are still broken and backing off: only its relist
    // can see this.
    await k.patchPlatform(namespace, 'demo', { spec: { services: { bot: { connectionMethod: 'disabled' } } } });
    await k.apps.deleteNamespacedDeployment({ namespace, name: 'demo-web' });
    await eventually(
      async () => {
        const names = await deploymentNames(namespace);
        return names.join(',') === 'demo-api,demo-web' ? true : undefined;
      },
      30_000,
      'bot gone and web back',
    );
    expect(operator.hasSynced()).to.equal(true);
  });
});
