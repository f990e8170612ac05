import { expect } from 'chai';
import { rememberedJson } from '../shared/http.js';
import { cachedEntity } from './cached-entity.js';
import { LocalLayer } from './local-layer.js';

/** A value as the local layer hands it out: parsed from its JSON text, deep-frozen. */
function fromLocalLayer(entity: object): unknown {
  const layer = new LocalLayer(10);
  const json = JSON.stringify(entity);
  layer.set('k', JSON.parse(json), 60_000, json);
  return layer.get('k')?.value;
}

describe('cache/cached-entity', () => {
  it('when a cached group is read, then it has Dates, is frozen, and the same value gives the same entity', () => {
    const hit = fromLocalLayer({ group_id: -1, title: 'g', created_at: new Date('2026-01-02T03:04:05.678Z'), settings: { a: 1 } });
    const entity = cachedEntity(hit) as { created_at: Date; settings: object };
    expect(entity.created_at).to.be.instanceOf(Date);
    expect(entity.created_at.toISOString()).to.equal('2026-01-02T03:04:05.678Z');
    expect(Object.isFrozen(entity)).to.equal(true);
    expect(Object.isFrozen(entity.settings)).to.equal(true);
    expect(cachedEntity(hit)).to.equal(entity);
  });

  it('when the entity prints back as the cached text, then that text is its reply; when not, none is remembered', () => {
    const exact = cachedEntity(fromLocalLayer({ created_at: new Date('2026-01-02T03:04:05.678Z') })) as object;
    expect(rememberedJson(exact)).to.equal('{"created_at":"2026-01-02T03:04:05.678Z"}');
    // An offset date revives to the same instant but prints as UTC: the cached text is not its reply.
    const layer = new LocalLayer(10);
    const json = '{"created_at":"2026-01-02T05:04:05.678+02:00"}';
    layer.set('k', JSON.parse(json), 60_000, json);
    const shifted = cachedEntity(layer.get('k')?.value) as object;
    expect(rememberedJson(shifted)).to.equal(undefined);
  });
});
