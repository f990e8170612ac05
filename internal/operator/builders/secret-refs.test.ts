import { expect } from 'chai';
import { platformFixture } from './platform.test-support.js';
import { secretReferences } from './secret-refs.js';

describe('operator builders: secret references', () => {
  it('when polling, then the pods need the token, the Mongo URI and the platform Secret keys', () => {
    expect(secretReferences(platformFixture())).to.deep.equal([
      { name: 'demo-mongo', key: 'uri' },
      { name: 'demo-telegram', key: 'token' },
      { name: 'demo-platform', key: 'api-key' },
      { name: 'demo-platform', key: 'jwt-secret' },
    ]);
  });

  it('when webhook mode names a secret token, then it is listed too, once', () => {
    const refs = secretReferences(
      platformFixture({
        telegram: {
          tokenSecretRef: { name: 'demo-telegram', key: 'token' },
          mode: 'webhook',
          webhook: { url: 'https://b.example.com/h', secretTokenSecretRef: { name: 'demo-telegram', key: 'token' } },
        },
      }),
    );
    expect(refs.filter((r) => r.name === 'demo-telegram')).to.deep.equal([{ name: 'demo-telegram', key: 'token' }]);
  });
});
