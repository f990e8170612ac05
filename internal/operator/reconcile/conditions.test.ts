import { expect } from 'chai';
import { CONDITION_TYPES } from '../types.js';
import { nextConditions } from './conditions.js';
import { readyCondition, serviceConditions, serviceStatuses } from './platform.status.js';
import { platformFixture, withMethods } from '../builders/platform.test-support.js';

describe('operator conditions and status', () => {
  const t0 = '2026-01-01T00:00:00Z';
  const t1 = '2026-01-01T00:01:00Z';

  it('when a condition keeps its status, then its lastTransitionTime stays; when it flips, then it moves', () => {
    const first = nextConditions(undefined, [{ type: 'Degraded', status: 'False', reason: 'AsExpected', message: 'ok' }], CONDITION_TYPES, 1, t0);
    const same = nextConditions(first, [{ type: 'Degraded', status: 'False', reason: 'AsExpected', message: 'still ok' }], CONDITION_TYPES, 2, t1);
    const flipped = nextConditions(first, [{ type: 'Degraded', status: 'True', reason: 'SecretMissing', message: 'missing' }], CONDITION_TYPES, 2, t1);
    expect(same.find((c) => c.type === 'Degraded')).to.include({ lastTransitionTime: t0, message: 'still ok', observedGeneration: 2 });
    expect(flipped.find((c) => c.type === 'Degraded')).to.include({ lastTransitionTime: t1, status: 'True' });
    expect(first.map((c) => c.type)).to.deep.equal([...CONDITION_TYPES]);
    expect(first.find((c) => c.type === 'Ready')).to.include({ status: 'Unknown', reason: 'NotYetReconciled' });
  });

  it('when services are router, disabled and rest without ready replicas, then each ready condition says why and Ready names what is missing', () => {
    const platform = withMethods({ api: 'router', bot: 'disabled', web: 'rest' }, platformFixture({ services: { web: { replicas: 2 } } }));
    const services = serviceStatuses(platform, [{ metadata: { name: 'demo-web' }, status: { readyReplicas: 1 } }]);
    expect(services).to.deep.equal({
      api: { method: 'router' },
      bot: { method: 'disabled' },
      web: { method: 'rest', replicas: 2, readyReplicas: 1, endpoint: 'http://demo-web.bots.svc:8002' },
    });
    const updates = serviceConditions(services);
    expect(updates.map((u) => [u.type, u.status, u.reason])).to.deep.equal([
      ['ApiReady', 'True', 'InProcess'],
      ['BotReady', 'True', 'Disabled'],
      ['WebReady', 'False', 'ReplicasNotReady'],
      ['Progressing', 'True', 'RollingOut'],
    ]);
    expect(readyCondition(updates)).to.include({ status: 'False', reason: 'ReplicasNotReady', message: 'WebReady: 1/2 replicas ready' });
  });
});
