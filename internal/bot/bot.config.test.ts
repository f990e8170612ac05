import { expect } from 'chai';
import { parseEnv } from '../shared/config.js';
import { webhookSecretSchema } from './transport/index.js';
import { botEnvSchema, webhookPathFor, webhookSecretFor } from './bot.config.js';

describe('bot config', () => {
  const token = '123456:ABCdefGhIJKlmnOPQrstUVwxyz0123456789';

  it('when webhook mode has no URL, then the config is refused naming BOT_MODE; with a URL it parses', () => {
    expect(() => parseEnv(botEnvSchema, { BOT_MODE: 'webhook' })).to.throw(/BOT_MODE: webhook mode needs WEBHOOK_URL/);
    expect(parseEnv(botEnvSchema, { BOT_MODE: 'webhook', WEBHOOK_URL: 'https://bots.example.com/telegram/webhook' }).BOT_MODE).to.equal('webhook');
  });

  it("when the webhook path is not set, then it follows WEBHOOK_URL's path, else the default", () => {
    expect(webhookPathFor(undefined, 'https://bots.example.com/hooks/tg')).to.equal('/hooks/tg');
    expect(webhookPathFor(undefined, 'https://bots.example.com')).to.equal('/telegram/webhook');
    expect(webhookPathFor(undefined, undefined)).to.equal('/telegram/webhook');
    expect(webhookPathFor('/custom', 'https://bots.example.com/hooks/tg')).to.equal('/custom');
  });

  it('when no WEBHOOK_SECRET is set, then a stable secret Telegram accepts is derived from the token and does not contain it', () => {
    const derived = webhookSecretFor(token, undefined);
    expect(webhookSecretFor(token, undefined)).to.equal(derived);
    expect(webhookSecretSchema.safeParse(derived).success).to.equal(true);
    expect(derived).to.not.contain(token.split(':')[1]);
    expect(webhookSecretFor('654321:other', undefined)).to.not.equal(derived);
    expect(webhookSecretFor(token, 'configured_secret')).to.equal('configured_secret');
  });
});
