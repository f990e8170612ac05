import { expect } from 'chai';
import { RbacAuthorizationV1Api, setHeaderOptions } from '@kubernetes/client-node';
import { tempFile, testEnv, uniqueName } from '../../../test/harness/env.js';
import { kubeconfigFor } from '../../../test/harness/kube.js';
import { silentLogger } from '../../shared/logger.js';
import { eventually, kubeFixture, specFor, type KubeFixture } from '../reconcile/operator.test-support.js';
import { FINALIZER, PlatformReconciler } from '../reconcile/platform.reconciler.js';
import { RedisConnectionsStore } from '../reconcile/connections.store.js';
import { LeaseElector } from '../leader/lease.elector.js';
import { loadKubeConfig } from './kube.config.js';
import { KubeClient } from './kube.client.js';
import { isNotFound } from './kube.http.js';
import { PlatformInformers } from './platform.informers.js';
import { LEADER_ELECTION_RULES, OPERATOR_RULES } from './rbac.rules.js';

describe('operator kube adapter: against the real kube-apiserver', function () {
  this.timeout(60_000);
  let k: KubeFixture;
  let admin: KubeClient;

  before(async function () {
    this.timeout(180_000);
    k = await kubeFixture();
    admin = new KubeClient(loadKubeConfig(k.kubeconfig));
  });

  it('when a child is applied twice, then the second apply changes nothing, writes are counted by verb, and reads are not counted', async () => {
    const namespace = await k.createNamespace('kube-apply');
    const before = admin.http.writeCounts();
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace }, data: { a: '1' } };
    const first = await admin.apply('ConfigMap', body);
    const second = await admin.apply('ConfigMap', body);
    expect(second.metadata?.resourceVersion).to.equal(first.metadata?.resourceVersion);
    const cm = await k.core.readNamespacedConfigMap({ namespace, name: 'x' });
    expect(cm.metadata?.managedFields?.map((f) => f.manager)).to.include('botplatform-operator');
    await admin.listChildren('ConfigMap', namespace, 'none=here');
    expect(admin.http.writeCounts().apply - before.apply).to.equal(2);
    await admin.deleteChild('ConfigMap', namespace, 'x');
    await admin.deleteChild('ConfigMap', namespace, 'x');
    expect(admin.http.writeCounts().delete - before.delete).to.equal(2);
  });

  it('when a Secret is asked about, then only its key names come back, and a missing one is undefined', async () => {
    const namespace = await k.createNamespace('kube-secret');
    await k.core.createNamespacedSecret({ namespace, body: { metadata: { name: 's' }, stringData: { token: 'very-secret' } } });
    expect(await admin.secretKeys(namespace, 's')).to.deep.equal(['token']);
    expect(await admin.secretKeys(namespace, 'nope')).to.equal(undefined);
  });

  it('when the finalizer is set from a stale read, then the API server refuses it (409) instead of dropping another finalizer', async () => {
    const namespace = await k.createNamespace('kube-fin');
    await k.createPlatform(namespace, 'demo', specFor('demo', 'redis://127.0.0.1:1'));
    const stale = await admin.getPlatform(namespace, 'demo');
    if (!stale) throw new Error('platform missing');
    await admin.setFinalizers(stale, ['example.com/other']);
    const code = await admin.setFinalizers(stale, [FINALIZER]).then(
      () => 0,
      (err: unknown) => (err as { code?: number }).code,
    );
    expect(code).to.equal(409);
    expect(await admin.getPlatform(namespace, 'nope')).to.equal(undefined);
    await admin.getLease(namespace, 'nope').then((l) => expect(l).to.equal(undefined));
    expect(isNotFound(new Error('x'))).to.equal(false);
  });

  it('when the operator runs as a ServiceAccount bound to exactly OPERATOR_RULES and LEADER_ELECTION_RULES, then informers sync, reconcile, status, events, delete and the Lease all succeed (least privilege)', async () => {
    const namespace = await k.createNamespace('kube-rbac');
    const rbac = k.kc.makeApiClient(RbacAuthorizationV1Api);
    const role = uniqueName('botplatform-operator');
    await k.core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'operator' } } });
    await rbac.createClusterRole({ body: { metadata: { name: role }, rules: OPERATOR_RULES.map((r) => ({ ...r })) } });
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name: role },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
        subjects: [{ kind: 'ServiceAccount', name: 'operator', namespace }],
      },
    });
    await rbac.createNamespacedRole({ namespace, body: { metadata: { name: 'leader' }, rules: LEADER_ELECTION_RULES.map((r) => ({ ...r })) } });
    await rbac.createNamespacedRoleBinding({
      namespace,
      body: {
        metadata: { name: 'leader' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'leader' },
        subjects: [{ kind: 'ServiceAccount', name: 'operator', namespace }],
      },
    });
    const token = await k.core.createNamespacedServiceAccountToken({ namespace, name: 'operator', body: { spec: { audiences: [], expirationSeconds: 3600 } } });
    const { server } = await testEnv.kube();
    if (!server || !token.status?.token) throw new Error('needs the harness API server and a token');
    const kube = new KubeClient(loadKubeConfig(tempFile('sa-kubeconfig', kubeconfigFor(server, 'operator', token.status.token))));

    const keys: string[] = [];
    const informers = new PlatformInformers(kube.http, { namespaces: [namespace], enqueue: (key) => keys.push(key), logger: silentLogger() });
    informers.start();
    const redisUrl = (await testEnv.redis()).url;
    const store = new RedisConnectionsStore(silentLogger());
    const elector = new LeaseElector({
      kube,
      namespace,
      name: 'leader',
      identity: 'sa',
      logger: silentLogger(),
      retryPeriodMs: 200,
      onStartedLeading: () => undefined,
      onStoppedLeading: () => undefined,
    });
    try {
      await eventually(() => (informers.hasSynced() ? true : undefined), 10_000, 'informers synced with the SA');
      elector.start();
      await eventually(() => (elector.isLeader() ? true : undefined), 10_000, 'lease with the SA');

      await k.createSecrets(namespace, 'demo');
      await k.createPlatform(namespace, 'demo', specFor('demo', redisUrl, { services: { web: { ingress: { host: 'x.example.com' } } } }));
      const reconciler = new PlatformReconciler({ kube, redis: store, logger: silentLogger(), clock: () => new Date() });
      await reconciler.reconcile(`${namespace}/demo`);
      const platform = await k.getPlatform(namespace, 'demo');
      expect(platform.status?.conditions?.find((c) => c.type === 'ConfigSynced')?.status).to.equal('True');
      await eventually(() => (keys.includes(`${namespace}/demo`) ? true : undefined), 5_000, 'informer saw the platform');
      const events = await k.core.listNamespacedEvent({ namespace });
      expect(events.items.map((e) => e.reason)).to.include('Created');

      await k.custom.patchNamespacedCustomObject(
        {
          group: 'botplatform.io',
          version: 'v1alpha1',
          namespace,
          plural: 'botplatforms',
          name: 'demo',
          body: { spec: { services: { bot: { connectionMethod: 'disabled' } } } },
        },
        setHeaderOptions('Content-Type', 'application/merge-patch+json'),
      );
      await reconciler.reconcile(`${namespace}/demo`);
      expect((await k.apps.listNamespacedDeployment({ namespace })).items).to.have.length(2);
      await k.custom.deleteNamespacedCustomObject({ group: 'botplatform.io', version: 'v1alpha1', namespace, plural: 'botplatforms', name: 'demo' });
      await reconciler.reconcile(`${namespace}/demo`);
      expect(await kube.getPlatform(namespace, 'demo')).to.equal(undefined);
    } finally {
      await elector.stop();
      await informers.stop();
      await store.close();
      await rbac.deleteClusterRoleBinding({ name: role });
      await rbac.deleteClusterRole({ name: role });
    }
    const lease = await admin.getLease(namespace, 'leader');
    expect(lease?.spec.holderIdentity ?? null, 'released on stop').to.equal(null);
  });
});
