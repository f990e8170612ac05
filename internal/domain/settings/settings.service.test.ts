import { expect } from 'chai';
import type { AppError } from '../../shared/errors.js';
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

  it('when a welcome or goodbye could outgrow Telegram once long names fill its placeholders, then it is refused at its field and nothing is stored', async () => {
    const h = setup();
    const g = newGroupId();
    await h.services.groups.create({ group_id: g, name: 's' });
    // 60 mentions of 129-character names: 7,740 characters, though the template is 540.
    const err = (await expectCode(h.services.settings.update(g, { welcome_message: '{mention} '.repeat(60) }), 'VALIDATION_FAILED')) as AppError;
    expect(err.details[0]).to.deep.include({ path: 'welcome_message' });
    expect(err.details[0]?.message).to.match(/could be \d+ characters and Telegram sends at most 4096/);
    await expectCode(h.services.settings.update(g, { goodbye_message: `${'x'.repeat(4000)} {fullname}` }), 'VALIDATION_FAILED');
    expect((await h.services.settings.get(g)).welcome_message).to.equal('Welcome, {first_name}!');
    // Plain text up to the limit, and a few placeholders, are fine.
    expect((await h.services.settings.update(g, { welcome_message: `${'x'.repeat(3900)} {mention}` })).welcome_message).to.have.length(3910);
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
