import { expect } from 'chai';
import { idOf, startBotScene, type BotScene } from './bot-scene.js';

describe('bot: warnings', function () {
  let s: BotScene;
  beforeEach(async () => {
    s = await startBotScene();
    await s.say(s.member, 'hello');
    s.replies();
  });
  afterEach(() => s.close());
  const active = async () => (await s.services.actions.warnings(s.chatId, s.member.id)).count;

  it('when a member is warned up to the limit, then the warn mode is applied, recorded, and the warns start over', async () => {
    await s.say(s.owner, '/setwarnlimit 2');
    await s.say(s.owner, '/setwarnmode tmute 1h');
    await s.say(s.mod, `/warn @${s.member.username} off topic`);
    expect(s.replies().at(-1)).to.match(/Warned .*Max Power.* \(1\/2\)\.\nReason: off topic/);
    expect(s.fake.state.member(s.chatId, s.member.id).status).to.equal('member');
    await s.say(s.mod, `/warn @${s.member.username} again`);
    expect(s.replies().at(-1)).to.match(/\(2\/2\): that's the limit\. Muted .* for 1 hour\./);
    expect(s.fake.state.member(s.chatId, s.member.id).status).to.equal('restricted');
    const types = (await s.services.actions.list(s.chatId, { user_id: s.member.id })).items.map((a) => a.action_type);
    expect(types.sort()).to.deep.equal(['mute', 'warn', 'warn']);
    expect(await active()).to.equal(0);
  });

  it('when /warns, /unwarn and /resetwarns are used, then they show, revoke one and revoke all', async () => {
    const msg = await s.say(s.member, 'x');
    await s.say(s.mod, '/warn one', { reply: idOf(msg) });
    await s.say(s.mod, '/warn two', { reply: idOf(msg) });
    s.replies();
    await s.say(s.member, '/warns');
    expect(s.replies()[0]).to.match(/has 2\/3 warnings:\n1\. (one|two)\n2\. (one|two)/);
    await s.say(s.mod, '/unwarn', { reply: idOf(msg) });
    expect(await active()).to.equal(1);
    expect(s.replies()[0]).to.match(/Removed a warning from .* \(1\/3\)/);
    await s.say(s.mod, '/resetwarns', { reply: idOf(msg) });
    expect(await active()).to.equal(0);
    expect(s.replies()[0]).to.match(/Cleared 1 warning of/);
    await s.say(s.mod, '/unwarn', { reply: idOf(msg) });
    expect(s.replies()[0]).to.match(/has no warnings to remove/);
  });

  it('when /setwarnlimit or /setwarnmode get bad arguments, then the settings stay and the reply explains', async () => {
    await s.say(s.owner, '/setwarnlimit many');
    await s.say(s.owner, '/setwarnlimit 0');
    await s.say(s.owner, '/setwarnmode explode');
    await s.say(s.owner, '/setwarnmode tban');
    const replies = s.replies();
    expect(replies[0]).to.match(/whole number from 1 to 100/);
    expect(replies[1]).to.match(/whole number from 1 to 100/);
    expect(replies[2]).to.match(/one of ban, kick, mute, tban or tmute/);
    expect(replies[3]).to.match(/tban needs a duration/);
    const settings = await s.services.settings.get(s.chatId);
    expect(settings).to.include({ warn_limit: 3, warn_mode: 'ban' });
  });
});
