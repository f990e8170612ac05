import { expect } from 'chai';
import { z } from 'zod';
import { ConfigError, parseEnv } from '../shared/config.js';
import { webEnvFields } from './web.config.js';

describe("web/config: web's own env", () => {
  const schema = z.object(webEnvFields);

  it('when WEB_PLATFORM_ADMINS lists Telegram ids, then they are numbers; unset, nobody', () => {
    expect(parseEnv(schema, { WEB_PLATFORM_ADMINS: ' 100001, 42 ' }).WEB_PLATFORM_ADMINS).to.deep.equal([100_001, 42]);
    expect(parseEnv(schema, {}).WEB_PLATFORM_ADMINS).to.deep.equal([]);
  });

  it('when WEB_PLATFORM_ADMINS holds something that is not an id, then the start fails naming it', () => {
    expect(() => parseEnv(schema, { WEB_PLATFORM_ADMINS: '100001,@olga' }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.includes('"@olga" is not a Telegram user id');
  });
});
