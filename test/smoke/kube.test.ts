import { expect } from 'chai';
import { ApiException, CoreV1Api, KubeConfig, VersionApi } from '@kubernetes/client-node';
import { testEnv, uniqueName } from '../harness/env.js';
import { kubeconfigFor } from '../harness/kube.js';

describe('test environment: kube-apiserver with etcd', function () {
  let kc: KubeConfig;

  before(async function () {
    this.timeout(180_000);
    kc = new KubeConfig();
    kc.loadFromFile((await testEnv.kube()).kubeconfig);
  });

  it('when asked for its version, then it reports a real semver, not v0.0.0-master', async () => {
    const version = await kc.makeApiClient(VersionApi).getCode();
    expect(version.gitVersion).to.match(/^v1\.\d+\.\d+$/);
    expect(Number(version.minor)).to.be.at.least(35);
  });

  it('when a namespace and a ConfigMap are created, then they read back from etcd', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const namespace = uniqueName('smoke');
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'hello' }, data: { greeting: 'hi' } } });

    const cm = await core.readNamespacedConfigMap({ namespace, name: 'hello' });
    expect(cm.data).to.deep.equal({ greeting: 'hi' });
    expect(cm.metadata?.uid).to.be.a('string').and.not.empty;
    const list = await core.listNamespacedConfigMap({ namespace });
    expect(list.items.map((c) => c.metadata?.name)).to.include('hello');
  });

  it('when a request carries a wrong token, then the API server answers 401', async function () {
    const plane = await testEnv.kube();
    if (!plane.server) this.skip(); // an external KUBECONFIG has no known bad token
    const bad = new KubeConfig();
    bad.loadFromString(kubeconfigFor(plane.server, 'intruder', 'not-a-valid-token'));
    const err = await bad
      .makeApiClient(CoreV1Api)
      .listNamespace()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).to.be.instanceOf(ApiException);
    expect((err as ApiException<unknown>).code).to.equal(401);
  });
});
