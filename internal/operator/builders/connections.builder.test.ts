import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { buildConnectionsConfigMap } from './configmap.builder.js';
import { buildConnections, connectionsRedisFields } from './connections.builder.js';
import { platformFixture, withMethods } from './platform.test-support.js';

describe('operator builders: connections document and ConfigMap', () => {
  it('when api is rest, bot hybrid and web router, then the document names the platform, generation, URLs and a sha256 hash', () => {
    const doc = buildConnections(withMethods({ api: 'rest', bot: 'hybrid', web: 'router' }));
    expect(doc).to.deep.equal({
      platform: 'bots/demo',
      generation: 3,
      hash: doc.hash,
      services: {
        api: { method: 'rest', url: 'http://demo-api.bots.svc:8000' },
        bot: { method: 'hybrid', url: 'http://demo-bot.bots.svc:8001' },
        web: { method: 'router', url: null },
      },
    });
  });

  it('when the hash is computed, then it is sha256 over the canonical (sorted-key, compact) JSON of the services map only', () => {
    const doc = buildConnections(platformFixture());
    const canonical =
      '{"api":{"method":"rest","url":"http://demo-api.bots.svc:8000"},' +
      '"bot":{"method":"rest","url":"http://demo-bot.bots.svc:8001"},' +
      '"web":{"method":"rest","url":"http://demo-web.bots.svc:8002"}}';
    expect(doc.hash).to.equal(`sha256:${createHash('sha256').update(canonical).digest('hex')}`);
  });

  it('when generation, image or replicas change, then the hash stays (no Redis write); when a method changes, then it changes', () => {
    const base = buildConnections(platformFixture());
    const sameConnections = buildConnections(platformFixture({ image: 'other:1', services: { api: { replicas: 4 } } }, { generation: 10 }));
    expect(sameConnections.hash).to.equal(base.hash);
    expect(sameConnections.generation).to.equal(10);
    for (const method of ['hybrid', 'disabled', 'router'] as const) {
      expect(buildConnections(withMethods({ api: 'rest', bot: 'rest', web: method })).hash).to.not.equal(base.hash);
    }
  });

  it('when the ConfigMap is built, then it is {name}-connections, owned, and its only key is connections.json with the document', () => {
    const platform = platformFixture();
    const cm = buildConnectionsConfigMap(platform);
    expect(cm.metadata.name).to.equal('demo-connections');
    expect(cm.metadata.ownerReferences[0]).to.include({ kind: 'BotPlatform', controller: true });
    expect(Object.keys(cm.data)).to.deep.equal(['connections.json']);
    expect(JSON.parse(cm.data['connections.json'] ?? '')).to.deep.equal(buildConnections(platform));
  });

  it('when Redis fields are derived, then each service has its JSON and _meta carries hash, generation and the given time', () => {
    const doc = buildConnections(platformFixture());
    const fields = connectionsRedisFields(doc, '2026-01-01T00:00:00.000Z');
    expect(Object.keys(fields)).to.deep.equal(['api', 'bot', 'web', '_meta']);
    expect(JSON.parse(fields.api ?? '')).to.deep.equal(doc.services.api);
    expect(JSON.parse(fields._meta ?? '')).to.deep.equal({ hash: doc.hash, generation: 3, updatedAt: '2026-01-01T00:00:00.000Z' });
  });
});
