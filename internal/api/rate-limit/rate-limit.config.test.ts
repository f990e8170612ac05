import { expect } from 'chai';
import { ConfigError, parseEnv, platformEnvSchema } from '../../shared/config.js';
import { rateLimitsFromEnv } from './index.js';

describe('api/rate-limit limits from env', () => {
  it('when nothing is set, then services get the generous default and people the tight one', () => {
    expect(rateLimitsFromEnv(parseEnv(platformEnvSchema, {}))).to.deep.equal({
      service: { perSecond: 1000, burst: 5000 },
      person: { perSecond: 10, burst: 30 },
    });
  });

  it('when a rate is set to 0, then that kind of caller is unlimited and the other keeps its limit', () => {
    const env = parseEnv(platformEnvSchema, { API_RATE_SERVICE_PER_S: '0', API_RATE_PERSON_PER_S: '0.5', API_RATE_PERSON_BURST: '5' });
    expect(rateLimitsFromEnv(env)).to.deep.equal({ service: undefined, person: { perSecond: 0.5, burst: 5 } });
  });

  it('when a burst is 0 or fractional, or a rate is negative, then one error names each variable', () => {
    try {
      parseEnv(platformEnvSchema, { API_RATE_SERVICE_BURST: '0', API_RATE_PERSON_BURST: '2.5', API_RATE_PERSON_PER_S: '-1' });
      expect.fail('should have thrown');
    } catch (err) {
      expect(err).to.be.instanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of ['API_RATE_SERVICE_BURST', 'API_RATE_PERSON_BURST', 'API_RATE_PERSON_PER_S']) expect(problems).to.include(name);
    }
  });
});
