import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { ConfigError, parseEnv, platformEnvSchema } from './config.js';

describe('shared/config', () => {
  it('when the env is empty, then every default applies', () => {
    const env = parseEnv(platformEnvSchema, {});
    expect(env).to.include({ API_PORT: 8000, BOT_PORT: 8001, WEB_PORT: 8002, MONGODB_DB: 'bot_manager', NODE_ENV: 'development' });
    expect(env.MONGODB_URI).to.equal(undefined);
  });

  it('when PLATFORM_ADMINS lists Telegram ids, then they are numbers; unset, nobody; anything else stops the start naming it', () => {
    expect(parseEnv(platformEnvSchema, { PLATFORM_ADMINS: ' 100001, 42 ' }).PLATFORM_ADMINS).to.deep.equal([100_001, 42]);
    expect(parseEnv(platformEnvSchema, {}).PLATFORM_ADMINS).to.deep.equal([]);
    expect(() => parseEnv(platformEnvSchema, { PLATFORM_ADMINS: '100001,@olga' }))
      .to.throw(ConfigError)
      .with.property('message')
      .that.includes('"@olga" is not a Telegram user id');
  });

  it('when HOST is not set, then services bind loopback; the container image sets 0.0.0.0 itself', () => {
    expect(parseEnv(platformEnvSchema, {}).HOST).to.equal('127.0.0.1');
    expect(parseEnv(platformEnvSchema, { HOST: '0.0.0.0' }).HOST).to.equal('0.0.0.0');
    const runtimeStage = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8').split(/^FROM .* AS runtime$/m)[1] ?? '';
    expect(runtimeStage).to.match(/^\s+HOST=0\.0\.0\.0$/m);
  });

  it('when several variables are bad, then one error names every one of them', () => {
    const err = (() => {
      try {
        parseEnv(platformEnvSchema, { API_PORT: 'eighty', REDIS_URL: 'http://x', LOG_LEVEL: 'loud', MONGODB_URI: 'postgres://a' });
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(err).to.be.instanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    for (const name of ['API_PORT', 'REDIS_URL', 'LOG_LEVEL', 'MONGODB_URI']) expect(problems).to.include(name);
  });

  it('when a secret-shaped value is rejected, then the error never echoes it', () => {
    const token = '123456:not a valid token but secret';
    try {
      parseEnv(platformEnvSchema, { TELEGRAM_BOT_TOKEN: token });
      expect.fail('should have thrown');
    } catch (e) {
      expect((e as Error).message)
        .to.include('TELEGRAM_BOT_TOKEN')
        .and.not.include('secret');
    }
  });

  it('when a binary starts with bad config, then it prints the problems and exits 2', function () {
    this.timeout(30_000);
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'cmd/platform/main.ts'], {
      env: { ...process.env, API_PORT: '-1', WEB_PORT: 'x' },
      encoding: 'utf8',
    });
    expect(res.status).to.equal(2);
    expect(res.stderr).to.include('API_PORT').and.include('WEB_PORT');
  });
});
