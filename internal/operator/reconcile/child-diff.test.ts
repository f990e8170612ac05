import { expect } from 'chai';
import { buildDesired } from '../builders/desired.builder.js';
import { platformFixture } from '../builders/platform.test-support.js';
import type { KubeObject } from '../kube/kube.port.js';
import { APPLIED_HASH_ANNOTATION, needsApply, withAppliedHash } from './child-diff.js';

describe('operator child diff: does applying change anything?', () => {
  const desired = withAppliedHash({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'x', namespace: 'n', labels: { a: '1' }, annotations: {} },
    data: { k: 'v' },
    spec: { list: [] as string[], resources: { requests: { cpu: '0.1' } } },
  });
  /** The same object as the API server returns it from a list. */
  const observed = () => ({
    metadata: {
      name: 'x',
      namespace: 'n',
      uid: 'u',
      resourceVersion: '5',
      labels: { a: '1', other: 'kept' },
      annotations: { ...desired.metadata.annotations, 'kubectl/x': 'y' },
    },
    data: { k: 'v' },
    spec: { resources: { requests: { cpu: '100m' } }, defaulted: true },
  });

  const cases: { when: string; observed: () => KubeObject | undefined; expected: boolean }[] = [
    { when: 'the object does not exist', observed: () => undefined, expected: true },
    { when: "it only has server defaults, others' fields, canonical quantities and omitted empty lists", observed, expected: false },
    { when: 'someone edited a field we own', observed: () => ({ ...observed(), data: { k: 'edited' } }), expected: true },
    {
      when: 'a label we own was removed',
      observed: () => ({ ...observed(), metadata: { ...observed().metadata, labels: { other: 'kept' } } }),
      expected: true,
    },
    {
      when: 'it was applied from another desired state (hash differs)',
      observed: () => ({ ...observed(), metadata: { ...observed().metadata, annotations: { [APPLIED_HASH_ANNOTATION]: 'sha256:old' } } }),
      expected: true,
    },
  ];
  for (const c of cases) {
    it(`when ${c.when}, then needsApply is ${String(c.expected)}`, () => {
      expect(needsApply(desired, c.observed())).to.equal(c.expected);
    });
  }

  it('when the desired object is built twice from the same platform, then the applied hash is equal; when the spec changes, then it differs', () => {
    const hashOf = (replicas: number) => {
      const d = buildDesired(platformFixture({ services: { api: { replicas } } })).deployments[0];
      if (!d) throw new Error('no deployment');
      return withAppliedHash(d).metadata.annotations?.[APPLIED_HASH_ANNOTATION];
    };
    expect(hashOf(1)).to.equal(hashOf(1));
    expect(hashOf(1)).to.not.equal(hashOf(2));
  });
});
