import { expect } from 'chai';
import { Redis } from 'ioredis';
import { ApiextensionsV1Api, NetworkingV1Api, setHeaderOptions } from '@kubernetes/client-node';
import { testEnv } from '../../../test/harness/env.js';
import { silentLogger } from '../../shared/logger.js';
import { CONNECTIONS_KEY } from '../builders/builder-config.js';
import { redisKeysFor } from '../builders/redis-keys.js';
import { CRD_NAME } from '../crd/botplatform.crd.js';
import { celRulesAt } from '../crd/validation.rules.js';
import { loadKubeConfig } from '../kube/kube.config.js';
import { KubeClient } from '../kube/kube.client.js';
import { KubeError } from '../kube/kube.http.js';
import { ANNOTATIONS, API_GROUP, API_VERSION, KIND, PLURAL, type BotPlatform, type ConnectionMethod } from '../types.js';
import { RedisConnectionsStore } from './connections.store.js';
import { eventually, kubeFixture, specFor, type KubeFixture } from './operator.test-support.js';
import { FINALIZER, PlatformReconciler } from './platform.reconciler.js';

describe('operator reconciler: against the real kube-apiserver and Redis', function () {
  this.timeout(60_000);
  let k: KubeFixture;
  let redisUrl: string;
  let redis: Redis;
  let subscriber: Redis;
  let kube: KubeClient;
  let store: RedisConnectionsStore;
  let reconciler: PlatformReconciler;
  let now = new Date('2026-01-01T00:00:00Z');

  before(async function () {
    this.timeout(180_000);
    k = await kubeFixture();
    redisUrl = (await testEnv.redis()).url;
    redis = new Redis(redisUrl);
    subscriber = new Redis(redisUrl);
    kube = new KubeClient(loadKubeConfig(k.kubeconfig));
    store = new RedisConnectionsStore(silentLogger());
    reconciler = new PlatformReconciler({ kube, redis: store, logger: silentLogger(), clock: () => now, retryAfterMs: 30_000 });
  });

  after(async () => {
    await store.close();
    redis.disconnect();
    subscriber.disconnect();
  });

  /** A namespace with one platform and its Secrets; not yet reconciled. */
  async function setup(prefix: string, spec: Partial<BotPlatform['spec']> = {}, opts: { except?: string; annotations?: Record<string, string> } = {}) {
    const namespace = await k.createNamespace(prefix);
    const name = 'demo';
    await k.createSecrets(namespace, name, opts.except);
    await k.createPlatform(namespace, name, specFor(name, redisUrl, spec), opts.annotations);
    return { namespace, name, key: `${namespace}/${name}` };
  }

  const deployments = async (namespace: string) => (await k.apps.listNamespacedDeployment({ namespace })).items;
  const deploymentNames = async (namespace: string) => (await deployments(namespace)).map((d) => d.metadata?.name).sort();
  const serviceNames = async (namespace: string) => (await k.core.listNamespacedService({ namespace })).items.map((s) => s.metadata?.name).sort();
  const condition = (p: BotPlatform, type: string) => p.status?.conditions?.find((c) => c.type === type);
  const writes = () => kube.http.totalWrites();

  /**
   * Runs `write` while the CRD's spec-level CEL rules are lifted, so that what it stores is
   * an object written before those rules existed; the rules are back in force (and the API
   * server enforces them again) before this returns.
   */
  async function withSpecRulesLifted(namespace: string, write: () => Promise<unknown>): Promise<void> {
    const crds = k.kc.makeApiClient(ApiextensionsV1Api);
    const path = '/spec/versions/0/schema/openAPIV3Schema/properties/spec/x-kubernetes-validations';
    const patch = (op: object) =>
      crds.patchCustomResourceDefinition({ name: CRD_NAME, body: [op] }, setHeaderOptions('Content-Type', 'application/json-patch+json'));
    const admitsTwoPollingBots = () =>
      k.custom
        .createNamespacedCustomObject({
          group: API_GROUP,
          version: API_VERSION,
          namespace,
          plural: PLURAL,
          dryRun: 'All',
          body: {
            apiVersion: `${API_GROUP}/${API_VERSION}`,
            kind: KIND,
            metadata: { name: 'probe' },
            spec: specFor('probe', redisUrl, { services: { bot: { replicas: 2 } } }),
          },
        })
        .then(
          () => true,
          (err: unknown) => {
            if ((err as { code?: number }).code === 422) return false;
            throw err;
          },
        );
    // The API server picks up a CRD change a moment after it is stored.
    await patch({ op: 'remove', path });
    try {
      await eventually(async () => ((await admitsTwoPollingBots()) ? true : undefined), 20_000, 'the CRD without its spec rules');
      await write();
    } finally {
      await patch({ op: 'add', path, value: celRulesAt('spec') });
      await eventually(async () => ((await admitsTwoPollingBots()) ? undefined : true), 20_000, 'the CRD with its spec rules again');
    }
  }

  it('when a BotPlatform is created, then its Deployments, Services and ConfigMap exist with owner references, Redis agrees with the ConfigMap, and status reports the conditions', async () => {
    const { namespace, name, key } = await setup('rec-create');
    await reconciler.reconcile(key);

    const platform = await k.getPlatform(namespace, name);
    expect((platform.metadata as { finalizers?: string[] }).finalizers).to.include(FINALIZER);
    expect(await deploymentNames(namespace)).to.deep.equal(['demo-api', 'demo-bot', 'demo-web']);
    expect(await serviceNames(namespace)).to.deep.equal(['demo-api', 'demo-bot', 'demo-web']);
    const cm = await k.core.readNamespacedConfigMap({ namespace, name: 'demo-connections' });
    for (const d of await deployments(namespace)) {
      expect(d.metadata?.ownerReferences?.[0]).to.include({ kind: 'BotPlatform', name, uid: platform.metadata.uid, controller: true });
    }
    expect(cm.metadata?.ownerReferences?.[0]?.uid).to.equal(platform.metadata.uid);

    const doc = JSON.parse(cm.data?.[CONNECTIONS_KEY] ?? '{}') as { hash: string; services: Record<string, unknown> };
    const hash = await redis.hgetall(redisKeysFor(platform).connections);
    expect(JSON.parse(hash._meta ?? '{}')).to.include({ hash: doc.hash });
    for (const service of ['api', 'bot', 'web']) expect(JSON.parse(hash[service] ?? 'null')).to.deep.equal(doc.services[service]);

    expect(platform.status?.observedGeneration).to.equal(platform.metadata.generation);
    expect(platform.status?.connectionsHash).to.equal(doc.hash);
    expect(platform.status?.conditions?.map((c) => c.type)).to.deep.equal([
      'Ready',
      'Progressing',
      'Degraded',
      'ConfigSynced',
      'RedisSynced',
      'ApiReady',
      'BotReady',
      'WebReady',
    ]);
    expect(condition(platform, 'ConfigSynced')?.status).to.equal('True');
    expect(condition(platform, 'RedisSynced')?.status).to.equal('True');
    expect(condition(platform, 'Degraded')).to.include({ status: 'False', reason: 'AsExpected' });
    // No controller-manager here: no pod ever becomes ready.
    expect(condition(platform, 'ApiReady')).to.include({ status: 'False', reason: 'ReplicasNotReady' });
    expect(condition(platform, 'Ready')?.status).to.equal('False');
    expect(platform.status?.services?.api).to.deep.equal({ method: 'rest', replicas: 1, readyReplicas: 0, endpoint: `http://demo-api.${namespace}.svc:8000` });
  });

  it('when an unchanged BotPlatform is reconciled again, then no write request is made', async () => {
    const { key } = await setup('rec-idem', {
      services: { api: { replicas: 2, resources: { requests: { cpu: '0.1', memory: 134217728 } } }, web: { ingress: { host: 'bots.example.com' } } },
    });
    await reconciler.reconcile(key);
    // The first pass wrote status with the Deployments it had just created (no status
    // yet); a second pass sees the same and must write nothing, and a third as well.
    await reconciler.reconcile(key);
    const before = writes();
    await reconciler.reconcile(key);
    await reconciler.reconcile(key);
    expect(writes() - before).to.equal(0);
  });

  it('when Deployment readiness changes, then status follows and Ready turns True once every service is ready', async () => {
    const { namespace, name, key } = await setup('rec-ready');
    await reconciler.reconcile(key);
    for (const d of await deployments(namespace)) {
      await k.apps.replaceNamespacedDeploymentStatus({
        namespace,
        name: d.metadata?.name ?? '',
        body: { ...d, status: { replicas: 1, readyReplicas: 1, availableReplicas: 1, updatedReplicas: 1 } },
      });
    }
    now = new Date('2026-01-01T00:05:00Z');
    await reconciler.reconcile(key);
    const platform = await k.getPlatform(namespace, name);
    expect(condition(platform, 'Ready')).to.include({ status: 'True', reason: 'Ready', lastTransitionTime: '2026-01-01T00:05:00Z' });
    expect(condition(platform, 'Progressing')?.status).to.equal('False');
    expect(platform.status?.services?.bot?.readyReplicas).to.equal(1);
    // A condition that did not flip keeps its first transition time.
    expect(condition(platform, 'ConfigSynced')?.lastTransitionTime).to.not.equal('2026-01-01T00:05:00Z');
  });

  it('when replicas, image and methods change (rest -> hybrid -> disabled -> rest), then the right objects change, Redis publishes each change, and only env changes roll pod templates', async () => {
    const { namespace, name, key } = await setup('rec-change');
    await reconciler.reconcile(key);
    const platform = await k.getPlatform(namespace, name);
    const keys = redisKeysFor(platform);
    const messages: string[] = [];
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === keys.connectionsChanged) messages.push(message);
    });
    await subscriber.subscribe(keys.connectionsChanged);

    const template = async (service: string) => {
      const d = await k.apps.readNamespacedDeployment({ namespace, name: `demo-${service}` });
      return {
        checksum: d.spec?.template.metadata?.annotations?.[ANNOTATIONS.configChecksum],
        image: d.spec?.template.spec?.containers[0]?.image,
        replicas: d.spec?.replicas,
      };
    };
    const setMethod = async (service: string, method: ConnectionMethod) => {
      await k.patchPlatform(namespace, name, { spec: { services: { [service]: { connectionMethod: method } } } });
      await reconciler.reconcile(key);
    };

    const initial = { api: await template('api'), bot: await template('bot'), web: await template('web') };

    await k.patchPlatform(namespace, name, { spec: { services: { api: { replicas: 3 } } } });
    await reconciler.reconcile(key);
    expect(await template('api')).to.deep.equal({ ...initial.api, replicas: 3 });
    expect(await template('bot')).to.deep.equal(initial.bot);

    await k.patchPlatform(namespace, name, { spec: { image: 'registry.example.com/botplatform:0.2.0' } });
    await reconciler.reconcile(key);
    expect((await template('web')).image).to.equal('registry.example.com/botplatform:0.2.0');
    expect(messages, 'replicas and image leave the connections alone').to.deep.equal([]);
    const afterImage = { api: await template('api'), bot: await template('bot'), web: await template('web') };
    expect(afterImage.web.checksum, 'a new image rolls').to.not.equal(initial.web.checksum);

    await setMethod('bot', 'hybrid');
    const afterHybrid = { api: await template('api'), bot: await template('bot'), web: await template('web') };
    expect(afterHybrid, 'rest -> hybrid is picked up from Redis: no rollout').to.deep.equal(afterImage);
    await eventually(() => (messages.length === 1 ? true : undefined), 5_000, 'publish after hybrid');
    expect(JSON.parse((await redis.hget(keys.connections, 'bot')) ?? '{}')).to.include({ method: 'hybrid' });

    await setMethod('bot', 'disabled');
    expect(await deploymentNames(namespace)).to.deep.equal(['demo-api', 'demo-web']);
    expect(await serviceNames(namespace)).to.deep.equal(['demo-api', 'demo-web']);
    expect(await template('web')).to.deep.equal(afterImage.web);
    await eventually(() => (messages.length === 2 ? true : undefined), 5_000, 'publish after disabled');
    expect(JSON.parse((await redis.hget(keys.connections, 'bot')) ?? '{}')).to.deep.equal({ method: 'disabled', url: null });

    await setMethod('bot', 'rest');
    expect(await deploymentNames(namespace)).to.deep.equal(['demo-api', 'demo-bot', 'demo-web']);
    await eventually(() => (messages.length === 3 ? true : undefined), 5_000, 'publish after rest');
    const status = (await k.getPlatform(namespace, name)).status;
    expect(messages[2]).to.equal(status?.connectionsHash);

    // router changes what web runs in-process: that is an env change, and it rolls web.
    await setMethod('bot', 'router');
    expect((await template('web')).checksum).to.not.equal(afterImage.web.checksum);
    expect(await deploymentNames(namespace)).to.deep.equal(['demo-api', 'demo-web']);
    await subscriber.unsubscribe(keys.connectionsChanged);
  });

  it('when web asks for an Ingress and later stops asking, then the Ingress is created and then deleted', async () => {
    const { namespace, name, key } = await setup('rec-ingress', { services: { web: { ingress: { host: 'bots.example.com' } } } });
    await reconciler.reconcile(key);
    const networking = k.kc.makeApiClient(NetworkingV1Api);
    const ingresses = async () => (await networking.listNamespacedIngress({ namespace })).items.map((i) => i.metadata?.name);
    expect(await ingresses()).to.deep.equal(['demo-web']);
    await k.patchPlatform(namespace, name, { spec: { services: { web: { ingress: null } } } });
    await reconciler.reconcile(key);
    expect(await ingresses()).to.deep.equal([]);
  });

  it('when a child Deployment is deleted by hand, then it comes back; when paused, then it does not and status says ReconciliationPaused', async () => {
    const { namespace, name, key } = await setup('rec-drift');
    await reconciler.reconcile(key);
    await k.apps.deleteNamespacedDeployment({ namespace, name: 'demo-bot' });
    await reconciler.reconcile(key);
    expect(await deploymentNames(namespace)).to.include('demo-bot');

    await k.patchPlatform(namespace, name, { metadata: { annotations: { [ANNOTATIONS.paused]: 'true' } } });
    await k.apps.deleteNamespacedDeployment({ namespace, name: 'demo-bot' });
    await reconciler.reconcile(key);
    expect(await deploymentNames(namespace)).to.not.include('demo-bot');
    const paused = await k.getPlatform(namespace, name);
    expect(condition(paused, 'ReconciliationPaused')).to.include({ status: 'True', reason: 'Paused' });
    const before = writes();
    await reconciler.reconcile(key);
    expect(writes() - before, 'paused and unchanged: no writes').to.equal(0);

    await k.patchPlatform(namespace, name, { metadata: { annotations: { [ANNOTATIONS.paused]: null } } });
    await reconciler.reconcile(key);
    expect(await deploymentNames(namespace)).to.include('demo-bot');
    expect(condition(await k.getPlatform(namespace, name), 'ReconciliationPaused')).to.equal(undefined);
  });

  it('when a referenced Secret is missing, then Degraded names it, no child is written and it retries later; when the Secret is created, then it recovers', async () => {
    const { namespace, name, key } = await setup('rec-secret', {}, { except: 'demo-mongo' });
    const result = await reconciler.reconcile(key);
    expect(result).to.deep.equal({ requeueAfterMs: 30_000 });
    const degraded = await k.getPlatform(namespace, name);
    expect(condition(degraded, 'Degraded')).to.include({ status: 'True', reason: 'SecretMissing', message: 'missing Secret demo-mongo' });
    expect(condition(degraded, 'Ready')).to.include({ status: 'False', reason: 'SecretMissing' });
    expect(await deploymentNames(namespace)).to.deep.equal([]);
    const before = writes();
    await reconciler.reconcile(key);
    expect(writes() - before, 'still missing: no new event, no status write').to.equal(0);

    await k.core.createNamespacedSecret({ namespace, body: { metadata: { name: 'demo-mongo' }, stringData: { other: 'x' } } });
    await reconciler.reconcile(key);
    expect(condition(await k.getPlatform(namespace, name), 'Degraded')?.message).to.equal('missing key uri in Secret demo-mongo');

    await k.core.patchNamespacedSecret(
      { namespace, name: 'demo-mongo', body: { stringData: { uri: 'mongodb://m' } } },
      setHeaderOptions('Content-Type', 'application/merge-patch+json'),
    );
    expect(await reconciler.reconcile(key)).to.equal(undefined);
    expect(condition(await k.getPlatform(namespace, name), 'Degraded')).to.include({ status: 'False' });
    expect(await deploymentNames(namespace)).to.deep.equal(['demo-api', 'demo-bot', 'demo-web']);
    const events = await k.core.listNamespacedEvent({ namespace });
    expect(events.items.map((e) => e.reason)).to.include.members(['SecretMissing', 'Created', 'RedisSynced']);
  });

  it('when Redis is unreachable, then children are still applied, RedisSynced and Degraded say so and it retries later; when Redis is reachable again, then it publishes', async () => {
    const { namespace, name, key } = await setup('rec-redis', { redis: { url: 'redis://127.0.0.1:1' } });
    const result = await reconciler.reconcile(key);
    expect(result).to.deep.equal({ requeueAfterMs: 10_000 });
    expect(await deploymentNames(namespace)).to.deep.equal(['demo-api', 'demo-bot', 'demo-web']);
    const down = await k.getPlatform(namespace, name);
    expect(condition(down, 'RedisSynced')).to.include({ status: 'False', reason: 'RedisUnavailable' });
    expect(condition(down, 'RedisSynced')?.message).to.match(/^while publishing connections to Redis redis:\/\/127\.0\.0\.1:1: /);
    expect(condition(down, 'Degraded')).to.include({ status: 'True', reason: 'RedisUnavailable' });
    expect(condition(down, 'Ready')?.status).to.equal('False');

    await k.patchPlatform(namespace, name, { spec: { redis: { url: redisUrl } } });
    expect(await reconciler.reconcile(key)).to.equal(undefined);
    const up = await k.getPlatform(namespace, name);
    expect(condition(up, 'RedisSynced')).to.include({ status: 'True' });
    expect(await redis.exists(redisKeysFor(up).connections)).to.equal(1);
    const events = await k.core.listNamespacedEvent({ namespace });
    expect(events.items.filter((e) => e.reason === 'RedisUnavailable')).to.have.length(1);
  });

  it('when a stored BotPlatform breaks a rule the CRD gained later, then Ready=False and Stalled=True say InvalidSpec, one Warning Event says it, nothing else is written; when the spec is fixed, then it converges', async () => {
    const namespace = await k.createNamespace('rec-invalid');
    const name = 'demo';
    const key = `${namespace}/${name}`;
    await k.createSecrets(namespace, name);
    await withSpecRulesLifted(namespace, () => k.createPlatform(namespace, name, specFor(name, redisUrl, { services: { bot: { replicas: 2 } } })));

    expect(await reconciler.reconcile(key), 'nothing to retry until the spec changes').to.equal(undefined);
    const says = 'spec.services.bot.replicas: polling mode allows at most one bot replica: use webhook mode to run more';
    const stalled = await k.getPlatform(namespace, name);
    expect(condition(stalled, 'Ready')).to.include({ status: 'False', reason: 'InvalidSpec', message: says });
    expect(condition(stalled, 'Stalled')).to.include({ status: 'True', reason: 'InvalidSpec', message: says });
    expect(stalled.status?.observedGeneration).to.equal(stalled.metadata.generation);
    expect((stalled.metadata as { finalizers?: string[] }).finalizers ?? []).to.not.include(FINALIZER);
    expect(await deploymentNames(namespace)).to.deep.equal([]);
    expect(await serviceNames(namespace)).to.deep.equal([]);
    expect((await k.core.listNamespacedConfigMap({ namespace })).items.map((c) => c.metadata?.name)).to.not.include('demo-connections');
    expect(await redis.exists(redisKeysFor(stalled).connections)).to.equal(0);
    const invalidEvents = async () =>
      (await k.core.listNamespacedEvent({ namespace })).items.filter((e) => e.reason === 'InvalidSpec').map((e) => [e.type, e.message]);
    expect(await invalidEvents()).to.deep.equal([['Warning', says]]);
    const before = writes();
    await reconciler.reconcile(key);
    expect(writes() - before, 'still invalid: no new event, no status write').to.equal(0);

    await k.patchPlatform(namespace, name, { spec: { services: { bot: { replicas: 1 } } } });
    await reconciler.reconcile(key);
    const fixed = await k.getPlatform(namespace, name);
    expect(condition(fixed, 'Stalled')).to.equal(undefined);
    expect(condition(fixed, 'Ready')).to.include({ status: 'False', reason: 'ReplicasNotReady' });
    expect(await deploymentNames(namespace)).to.deep.equal(['demo-api', 'demo-bot', 'demo-web']);
    expect(await invalidEvents()).to.have.length(1);
  });

  it('when the API server refuses a child, then the reconcile fails naming the step, still as the KubeError with its code, and the Warning Event says the same', async () => {
    // The CRD admits any className; the Ingress API wants a DNS subdomain.
    const { namespace, key } = await setup('rec-refused', { services: { web: { ingress: { host: 'bots.example.com', className: 'Not_A_DNS_Name' } } } });
    const failure = await reconciler.reconcile(key).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).to.be.instanceOf(KubeError);
    expect(failure).to.include({ code: 422 });
    const message = (failure as Error).message;
    expect(message).to.match(/^while applying Ingress demo-web: Ingress\.networking\.k8s\.io "demo-web" is invalid: spec\.ingressClassName: /);
    expect((failure as Error).cause).to.be.instanceOf(KubeError);
    const events = (await k.core.listNamespacedEvent({ namespace })).items;
    expect(events.filter((e) => e.reason === 'ReconcileFailed').map((e) => [e.type, e.message])).to.deep.equal([['Warning', message]]);
    expect(await deploymentNames(namespace), 'the other children are still applied').to.deep.equal(['demo-api', 'demo-bot', 'demo-web']);
  });

  it('when the BotPlatform is deleted, then its Redis keys are gone and the finalizer is removed', async () => {
    const { namespace, name, key } = await setup('rec-delete');
    await reconciler.reconcile(key);
    const platform = await k.getPlatform(namespace, name);
    const keys = redisKeysFor(platform);
    await redis.set(keys.health('api'), 'ok', 'EX', 60);
    expect(await redis.exists(keys.connections)).to.equal(1);

    await k.deletePlatform(namespace, name);
    expect((await k.getPlatform(namespace, name)).metadata).to.have.property('deletionTimestamp');
    await reconciler.reconcile(key);
    expect(await redis.exists(keys.connections, keys.health('api'))).to.equal(0);
    const gone = await k.getPlatform(namespace, name).then(
      () => false,
      (err: unknown) => (err as { code?: number }).code === 404,
    );
    expect(gone, 'no GC here: the object disappears once the last finalizer is removed').to.equal(true);
    expect(await reconciler.reconcile(key)).to.equal(undefined);
  });
});
