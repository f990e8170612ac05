import { expect } from 'chai';
import { platformFixture } from './platform.test-support.js';
import { redisKeysFor } from './redis-keys.js';

describe('operator builders: Redis key names', () => {
  it('when the prefix is defaulted, then keys are botplatform:{ns}:{name}:connections, :connections:changed and :health:{service}', () => {
    const keys = redisKeysFor(platformFixture());
    expect(keys.connections).to.equal('botplatform:bots:demo:connections');
    expect(keys.connectionsChanged).to.equal('botplatform:bots:demo:connections:changed');
    expect(keys.health('bot')).to.equal('botplatform:bots:demo:health:bot');
  });

  it('when the spec sets a key prefix, then every name starts with it', () => {
    const keys = redisKeysFor(platformFixture({ redis: { url: 'redis://r:6379', keyPrefix: 'team-a' } }));
    expect([keys.connections, keys.connectionsChanged, keys.health('api')]).to.satisfy((names: string[]) =>
      names.every((n) => n.startsWith('team-a:bots:demo:')),
    );
  });
});
