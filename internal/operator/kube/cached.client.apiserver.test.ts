import { expect } from 'chai';
import { testEnv } from '../../../test/harness/env.js';
import { silentLogger } from '../../shared/logger.js';
import { RedisConnectionsStore } from '../reconcile/connections.store.js';
import { eventually, kubeFixture, specFor, type KubeFixture } from '../reconcile/operator.test-support.js';
import { PlatformReconciler } from '../reconcile/platform.reconciler.js';
import { CachedKubeClient, isNewer, selectorMatcher } from './cached.client.js';
import { loadKubeConfig } from './kube.config.js';
import { KubeClient } from './kube.client.js';
import type { RequestSpec } from './kube.http.js';
import { PlatformInformers } from './platform.informers.js';

describe('cached kube client: reconcile reads from the informer caches', function () {
  this.timeout(60_000);
  let k: KubeFixture;
  let redisUrl: string;
  let store: RedisConnectionsStore;
  const stoppers: (() => Promise<void>)[] = [];

  before(async function () {
    this.timeout(180_000);
    k = await kubeFixture();
    redisUrl = (await testEnv.redis()).url;
    store = new RedisConnectionsStore(silentLogger());
  });

  afterEach(() => Promise.all(stoppers.splice(0).map((stop) => stop())));

  after(() => store.close());

  /**
   * A namespace with one platform and its Secrets, synced informers over it (their own
   * HTTP client), and a reconciler reading through the cache; `sent` records the
   * reconciler's own requests.
   */
  async function setup(prefix: string, spec: Parameters<typeof specFor>[2] = {}) {
    const namespace = await k.createNamespace(prefix);
    await k.createSecrets(namespace, 'demo');
    await k.createPlatform(namespace, 'demo', specFor('demo', redisUrl, spec));
    const informers = new PlatformInformers(new KubeClient(loadKubeConfig(k.kubeconfig)).http, {
      namespaces: [namespace],
      enqueue: () => undefined,
      logger: silentLogger(),
    });
    informers.start();
    stoppers.push(() => informers.stop());
    await eventually(() => (informers.hasSynced() && informers.platformKeys().length === 1 ? true : undefined), 10_000, 'informers synced');
    const live = new KubeClient(loadKubeConfig(k.kubeconfig));
    const sent: RequestSpec[] = [];
    live.http.onRequest((spec) => sent.push(spec));
    const cached = new CachedKubeClient(live, informers);
    const reconciler = new PlatformReconciler({ kube: cached, redis: store, logger: silentLogger(), clock: () => new Date('2026-01-01T00:00:00Z') });
    return { namespace, key: `${namespace}/demo`, informers, live, cached, reconciler, sent };
  }

  it('when a BotPlatform is reconciled through the cache, then the only reads sent to the API server are Secret GETs, and it converges as with live reads', async () => {
    const { namespace, key, reconciler, sent } = await setup('cache-reads', { services: { web: { ingress: { host: 'x.example.com' } } } });
    await reconciler.reconcile(key);
    const reads = sent.filter((s) => s.method === 'GET').map((s) => s.path);
    expect(reads).to.have.length(3);
    for (const path of reads) expect(path).to.match(new RegExp(`^/api/v1/namespaces/${namespace}/secrets/`));
    const platform = await k.getPlatform(namespace, 'demo');
    expect(platform.status?.observedGeneration).to.equal(platform.metadata.generation);
    expect((await k.apps.listNamespacedDeployment({ namespace })).items).to.have.length(3);
  });

  it('when the cache has not caught up with our own writes (informers stopped after the first list), then a second reconcile writes nothing and the status it sees is the one the API server holds', async () => {
    const { namespace, key, informers, live, cached, reconciler } = await setup('cache-stale');
    // Frozen: the cache holds only the freshly created platform, never our writes.
    await informers.stop();
    await reconciler.reconcile(key);
    expect(cached.pendingWrites(), 'writes the cache has not seen').to.be.greaterThan(0);
    const before = live.http.totalWrites();
    await reconciler.reconcile(key);
    await reconciler.reconcile(key);
    expect(live.http.totalWrites() - before).to.equal(0);
    const seen = await cached.getPlatform(namespace, 'demo');
    const server = await k.getPlatform(namespace, 'demo');
    expect(seen?.status).to.deep.equal(server.status);
    expect(seen?.metadata.resourceVersion).to.equal((server.metadata as { resourceVersion?: string }).resourceVersion);
  });

  it('when children are deleted while the cache still shows them, then they are deleted once, not again on the next reconcile', async () => {
    const { namespace, key, informers, live, reconciler } = await setup('cache-delete');
    await reconciler.reconcile(key);
    await k.patchPlatform(namespace, 'demo', { spec: { services: { bot: { connectionMethod: 'disabled' } } } });
    await eventually(
      () => (informers.informerFor('BotPlatform', namespace)?.get(namespace, 'demo')?.metadata?.generation === 2 ? true : undefined),
      10_000,
      'cache sees generation 2',
    );
    await eventually(
      () => ((informers.informerFor('Deployment', namespace)?.listIn(namespace).length ?? 0) === 3 ? true : undefined),
      10_000,
      'cache sees the Deployments',
    );
    await informers.stop();
    const before = live.http.writeCounts().delete;
    await reconciler.reconcile(key);
    expect(live.http.writeCounts().delete - before, 'bot Deployment and Service').to.equal(2);
    const writes = live.http.totalWrites();
    await reconciler.reconcile(key);
    expect(live.http.totalWrites() - writes).to.equal(0);
    expect((await k.apps.listNamespacedDeployment({ namespace })).items.map((d) => d.metadata?.name).sort()).to.deep.equal(['demo-api', 'demo-web']);
  });

  it('when resourceVersions and selectors are compared, then only etcd revisions order and only equality terms match', () => {
    expect(isNewer('10', '9')).to.equal(true);
    expect(isNewer('9', '10')).to.equal(false);
    expect(isNewer('10', '10')).to.equal(false);
    expect(isNewer('abc', '1'), 'not a revision: trust the cache').to.equal(false);
    const match = selectorMatcher('a=1,b==2');
    expect(match({ metadata: { labels: { a: '1', b: '2', c: '3' } } })).to.equal(true);
    expect(match({ metadata: { labels: { a: '1' } } })).to.equal(false);
    expect(() => selectorMatcher('a in (1)')).to.throw('unsupported label selector');
  });
});
