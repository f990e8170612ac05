import { expect } from 'chai';
import { operatorConfigFrom } from './operator.config.js';

describe('operator config from the environment', () => {
  it('when nothing is set, then it watches all namespaces with leader election on port 8080', () => {
    const c = operatorConfigFrom({ POD_NAME: 'op-1', POD_NAMESPACE: 'ops' });
    expect(c).to.include({ leaderElection: true, leaseNamespace: 'ops', port: 8080, identity: 'op-1', workers: 4, logFormat: 'json' });
    expect(c.watchNamespaces).to.deep.equal([]);
    expect(c.kubeconfigPath).to.equal(undefined);
    expect(c.resyncMs).to.equal(undefined);
  });

  it('when OPERATOR_RESYNC_SECONDS is set, then the informers resync that often; when it is not a positive number, then it refuses to start', () => {
    expect(operatorConfigFrom({ OPERATOR_RESYNC_SECONDS: '15' }).resyncMs).to.equal(15_000);
    expect(() => operatorConfigFrom({ OPERATOR_RESYNC_SECONDS: '0' })).to.throw('invalid OPERATOR_RESYNC_SECONDS');
  });

  it('when WATCH_NAMESPACE lists namespaces and LEADER_ELECTION is false, then both are honoured', () => {
    const c = operatorConfigFrom({ WATCH_NAMESPACE: ' a, b ,,', LEADER_ELECTION: 'false', LEASE_NAMESPACE: 'x', KUBECONFIG: '/k', METRICS_PORT: '9090' });
    expect(c).to.include({ leaderElection: false, leaseNamespace: 'x', port: 9090, kubeconfigPath: '/k' });
    expect(c.watchNamespaces).to.deep.equal(['a', 'b']);
  });

  it('when METRICS_PORT or OPERATOR_WORKERS is out of range, then it refuses to start', () => {
    expect(() => operatorConfigFrom({ METRICS_PORT: 'eighty' })).to.throw('invalid METRICS_PORT');
    expect(() => operatorConfigFrom({ OPERATOR_WORKERS: '0' })).to.throw('invalid OPERATOR_WORKERS');
  });
});
