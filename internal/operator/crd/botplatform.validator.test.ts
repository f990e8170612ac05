import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { parse } from 'yaml';
import { platformFixture, withMethods } from '../builders/platform.test-support.js';
import type { BotPlatform } from '../types.js';
import { validateBotPlatform } from './botplatform.validator.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('operator CRD: local validation (same verdict as the API server)', () => {
  it('when the commented sample is validated, then it has no issue', () => {
    const sample = parse(readFileSync(join(here, 'sample.yaml'), 'utf8')) as BotPlatform;
    expect(validateBotPlatform(sample)).to.deep.equal([]);
  });

  it('when polling runs two bot replicas, then the bot replicas are flagged', () => {
    const issues = validateBotPlatform(platformFixture({ services: { bot: { replicas: 2 } } }));
    expect(issues).to.deep.equal([
      { field: 'spec.services.bot.replicas', message: 'polling mode allows at most one bot replica: use webhook mode to run more' },
    ]);
  });

  it('when polling runs a router bot inside two web replicas, then the web replicas are flagged', () => {
    const base = platformFixture({ services: { web: { replicas: 2 } } });
    const issues = validateBotPlatform(withMethods({ api: 'rest', bot: 'router', web: 'rest' }, base));
    expect(issues.map((i) => i.field)).to.deep.equal(['spec.services.web.replicas']);
  });

  it('when webhook mode scales the bot, then two replicas are fine', () => {
    const spec = platformFixture({
      telegram: { tokenSecretRef: { name: 't', key: 'k' }, mode: 'webhook', webhook: { url: 'https://b.example.com/h' } },
      services: { bot: { replicas: 5 } },
    });
    expect(validateBotPlatform(spec)).to.deep.equal([]);
  });

  it('when webhook mode has no URL, then telegram.webhook.url is flagged', () => {
    const issues = validateBotPlatform(platformFixture({ telegram: { tokenSecretRef: { name: 't', key: 'k' }, mode: 'webhook' } }));
    expect(issues).to.deep.equal([{ field: 'spec.telegram.webhook.url', message: 'webhook mode needs telegram.webhook.url' }]);
  });

  const schemaCases: { when: string; spec: unknown; field: string }[] = [
    { when: 'a connection method is unknown', spec: { services: { api: { connectionMethod: 'grpc' } } }, field: 'spec.services.api.connectionMethod' },
    { when: 'the mode is unknown', spec: { telegram: { tokenSecretRef: { name: 't', key: 'k' }, mode: 'push' } }, field: 'spec.telegram.mode' },
    { when: 'replicas are negative', spec: { services: { web: { replicas: -1 } } }, field: 'spec.services.web.replicas' },
    { when: 'replicas exceed 50', spec: { services: { web: { replicas: 51 } } }, field: 'spec.services.web.replicas' },
    {
      when: 'the webhook URL is not https',
      spec: { telegram: { tokenSecretRef: { name: 't', key: 'k' }, mode: 'webhook', webhook: { url: 'http://b.example.com/h' } } },
      field: 'spec.telegram.webhook.url',
    },
    {
      when: 'a quantity is malformed',
      spec: { services: { api: { resources: { limits: { memory: 'lots' } } } } },
      field: 'spec.services.api.resources.limits.memory',
    },
    { when: 'the image is missing', spec: { image: undefined }, field: 'spec.image' },
  ];
  for (const { when, spec, field } of schemaCases) {
    it(`when ${when}, then ${field} is flagged`, () => {
      const platform = { ...platformFixture(), spec: { ...platformFixture().spec, ...(spec as object) } };
      expect(validateBotPlatform(platform).map((i) => i.field)).to.include(field);
    });
  }

  it('when the name is too long for child Service names or starts with a digit, then metadata.name is flagged', () => {
    expect(validateBotPlatform(platformFixture({}, { name: 'a'.repeat(60) })).map((i) => i.field)).to.deep.equal(['metadata.name']);
    expect(validateBotPlatform(platformFixture({}, { name: '1demo' })).map((i) => i.field)).to.deep.equal(['metadata.name']);
    expect(validateBotPlatform(platformFixture({}, { name: 'a'.repeat(59) }))).to.deep.equal([]);
  });
});
