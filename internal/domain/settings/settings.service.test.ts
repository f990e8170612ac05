import { expect } from 'chai';
import { auditOf, expectCode, newGroupId, setup } from '../common/services.test-support.js';

describe('SettingsService', () => {
  it('when antiflood is patched field by field, then the rest of it is kept and the change audited', async () => {
    const h = setup();
    const g = newGroupId();
    await h.services.groups.create({ group_id: g, name: 's' });
    const s = await h.services.settings.update(g, { antiflood: { enabled: true }, locks: ['url', 'url', 'sticker'] }, { actor_id: 4 });
    expect(s.antiflood).to.deep.equal({ enabled: true, limit: 10, window_s: 10, action: 'mute' });
    expect((await h.store.settings.get(g))?.locks).to.deep.equal(['url', 'sticker']);
    expect((await auditOf(h, g))[0]).to.include({ event_type: 'settings.updated', actor_id: 4 });
  });

  it('when a patch breaks a rule by itself, then it is VALIDATION_FAILED; when only with what is stored, then CONFLICT; nothing is written', async () => {
    const h = setup();
    const g = newGroupId();
    await h.services.groups.create({ group_id: g, name: 's' });
    await expectCode(h.services.settings.update(g, { warn_mode: 'tban', warn_mode_duration: null }), 'VALIDATION_FAILED');
    await expectCode(h.services.settings.update(g, { warn_mode: 'tban' }), 'CONFLICT');
    await expectCode(h.services.settings.update(g, { log_chat_id: 0 }), 'VALIDATION_FAILED');
    await expectCode(h.services.settings.update(g, { custom_settings: { 'a.$b': 1 } }), 'VALIDATION_FAILED');
    await expectCode(h.services.settings.update(g, { warn_limit: 0 }), 'VALIDATION_FAILED');
    expect(await h.store.settings.get(g)).to.include({ warn_mode: 'ban', warn_limit: 3 });
    expect(await auditOf(h, g)).to.have.length(1);
  });
});
