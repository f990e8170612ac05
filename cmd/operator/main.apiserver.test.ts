import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { CoordinationV1Api } from '@kubernetes/client-node';
import { testEnv } from '../../test/harness/env.js';
import { freePort, startProcess, waitUntil, type ManagedProcess } from '../../test/harness/process.js';
import { eventually, kubeFixture, specFor, type KubeFixture } from '../../internal/operator/reconcile/operator.test-support.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('cmd/operator: two operator processes against the real kube-apiserver', function () {
  this.timeout(120_000);
  let k: KubeFixture;
  const procs: ManagedProcess[] = [];

  before(async function () {
    this.timeout(180_000);
    k = await kubeFixture();
  });

  after(() => Promise.all(procs.map((p) => p.stop())));

  async function operatorProcess(name: string, namespace: string, leaseNamespace: string): Promise<{ proc: ManagedProcess; url: string }> {
    const port = await freePort();
    const proc = startProcess(name, process.execPath, ['--import', 'tsx', join(repoRoot, 'cmd/operator/main.ts')], {
      cwd: repoRoot,
      env: {
        ...process.env,
        KUBECONFIG: k.kubeconfig,
        WATCH_NAMESPACE: namespace,
        LEASE_NAMESPACE: leaseNamespace,
        POD_NAME: name,
        METRICS_PORT: String(port),
        METRICS_HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      },
    });
    procs.push(proc);
    const url = `http://127.0.0.1:${port}`;
    await waitUntil(proc, async () => (await fetch(`${url}/readyz`)).status === 200, 60_000);
    return { proc, url };
  }

  it('when the leader process gets SIGTERM, then it exits 0 after releasing the Lease and the standby process takes over and reconciles', async () => {
    const namespace = await k.createNamespace('cmd-op');
    const leaseNamespace = await k.createNamespace('cmd-lease');
    const coordination = k.kc.makeApiClient(CoordinationV1Api);
    const holder = async () =>
      (await coordination.readNamespacedLease({ namespace: leaseNamespace, name: 'botplatform-operator-leader' })).spec?.holderIdentity ?? '';

    const a = await operatorProcess('op-a', namespace, leaseNamespace);
    await eventually(async () => ((await holder()).startsWith('op-a_') ? true : undefined), 20_000, 'op-a leads');
    const b = await operatorProcess('op-b', namespace, leaseNamespace);

    const redisUrl = (await testEnv.redis()).url;
    await k.createSecrets(namespace, 'demo');
    await k.createPlatform(namespace, 'demo', specFor('demo', redisUrl));
    await eventually(async () => ((await k.apps.listNamespacedDeployment({ namespace })).items.length === 3 ? true : undefined), 30_000, 'children');
    expect(await holder()).to.match(/^op-a_/);

    await a.proc.stop(15_000);
    expect(a.proc.child.exitCode, a.proc.tail()).to.equal(0);
    await eventually(async () => ((await holder()).startsWith('op-b_') ? true : undefined), 10_000, 'op-b leads');
    await k.patchPlatform(namespace, 'demo', { spec: { services: { web: { replicas: 2 } } } });
    await eventually(
      async () => ((await k.apps.readNamespacedDeployment({ namespace, name: 'demo-web' })).spec?.replicas === 2 ? true : undefined),
      30_000,
      'op-b reconciles',
    );
    const metrics = await (await fetch(`${b.url}/metrics`)).text();
    expect(metrics).to.include('controller_runtime_reconcile_total');
  });
});
