import { expect } from 'chai';
import { silentLogger } from '../../shared/logger.js';
import { loadKubeConfig } from '../kube/kube.config.js';
import { KubeClient } from '../kube/kube.client.js';
import type { KubePort, Lease } from '../kube/kube.port.js';
import { eventually, kubeFixture, type KubeFixture } from '../reconcile/operator.test-support.js';
import { LeaseElector } from './lease.elector.js';

describe('operator leader election: a Lease on the real kube-apiserver', function () {
  this.timeout(60_000);
  let k: KubeFixture;
  let kube: KubeClient;
  const electors: LeaseElector[] = [];

  before(async function () {
    this.timeout(180_000);
    k = await kubeFixture();
    kube = new KubeClient(loadKubeConfig(k.kubeconfig));
  });

  afterEach(() => Promise.all(electors.splice(0).map((e) => e.stop())));

  const timings = { leaseDurationMs: 2_000, renewDeadlineMs: 1_500, retryPeriodMs: 200 };

  /** An elector whose Lease writes can be cut off, like a leader partitioned from the API server. */
  function candidate(namespace: string, identity: string, log: string[]) {
    let cut = false;
    const port: Pick<KubePort, 'getLease' | 'createLease' | 'updateLease'> = {
      getLease: (ns, name) => (cut ? Promise.reject(new Error('partitioned')) : kube.getLease(ns, name)),
      createLease: (lease: Lease) => (cut ? Promise.reject(new Error('partitioned')) : kube.createLease(lease)),
      updateLease: (lease: Lease) => (cut ? Promise.reject(new Error('partitioned')) : kube.updateLease(lease)),
    };
    const elector = new LeaseElector({
      kube: port,
      namespace,
      name: 'leader',
      identity,
      logger: silentLogger(),
      ...timings,
      onStartedLeading: () => log.push(`${identity} started`),
      onStoppedLeading: () => {
        log.push(`${identity} stopped`);
      },
    });
    electors.push(elector);
    return { elector, cut: () => (cut = true) };
  }

  it('when two candidates campaign, then exactly one leads and the Lease names it', async () => {
    const namespace = await k.createNamespace('lease-two');
    const log: string[] = [];
    const a = candidate(namespace, 'a', log);
    const b = candidate(namespace, 'b', log);
    a.elector.start();
    b.elector.start();
    await eventually(() => (a.elector.isLeader() || b.elector.isLeader() ? true : undefined), 10_000, 'a leader');
    await new Promise((r) => setTimeout(r, 1_000));
    expect([a.elector.isLeader(), b.elector.isLeader()].filter(Boolean)).to.have.length(1);
    const lease = await kube.getLease(namespace, 'leader');
    expect(lease?.spec.holderIdentity).to.equal(a.elector.isLeader() ? 'a' : 'b');
    expect(lease?.spec.leaseDurationSeconds).to.equal(2);
  });

  it('when the leader is cut off from the API server, then it steps down after the renew deadline and the other takes over once the lease expires', async () => {
    const namespace = await k.createNamespace('lease-cut');
    const log: string[] = [];
    const a = candidate(namespace, 'a', log);
    a.elector.start();
    await eventually(() => (a.elector.isLeader() ? true : undefined), 10_000, 'a leads');
    const b = candidate(namespace, 'b', log);
    b.elector.start();
    a.cut();
    await eventually(() => (b.elector.isLeader() ? true : undefined), 15_000, 'b takes over');
    expect(a.elector.isLeader()).to.equal(false);
    // a must have let go before b took over: never two leaders.
    expect(log).to.deep.equal(['a started', 'a stopped', 'b started']);
  });

  it('when the leader stops, then it clears holderIdentity so a standby leads without waiting for expiry', async () => {
    const namespace = await k.createNamespace('lease-release');
    const log: string[] = [];
    const a = candidate(namespace, 'a', log);
    a.elector.start();
    await eventually(() => (a.elector.isLeader() ? true : undefined), 10_000, 'a leads');
    await a.elector.stop();
    const lease = await kube.getLease(namespace, 'leader');
    expect(lease?.spec.holderIdentity ?? null).to.equal(null);
    expect(log).to.deep.equal(['a started', 'a stopped']);
    const b = candidate(namespace, 'b', log);
    b.elector.start();
    await eventually(() => (b.elector.isLeader() ? true : undefined), 1_500, 'b leads at once');
  });
});
