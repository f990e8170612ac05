import { expect } from 'chai';
import { idOf, only, startBotScene, type BotScene } from './bot-scene.js';

/** Bot API methods that only read; anything else a refused command makes is a failure. */
const READS = new Set(['getChatAdministrators', 'getChatMember', 'getChat', 'getChatMemberCount', 'getChatMembersCount', 'getMe', 'sendMessage']);

describe('bot: permission checks', function () {
  let s: BotScene;
  afterEach(() => s.close());

  it('when a plain member tries every admin command, then each is refused with the right it needs and nothing happens', async () => {
    s = await startBotScene();
    const target = await s.say(s.other, 'target message');
    const guarded = s.bot.commands.filter((c) => c.permission);
    expect(guarded.length).to.be.greaterThan(20);
    const settingsBefore = await s.services.settings.get(s.chatId);
    for (const spec of guarded) {
      s.replies();
      const mark = s.mark();
      await s.say(s.member, `/${spec.name} 1h reason`, { reply: idOf(target) });
      const replies = s.replies();
      expect(replies, spec.name).to.have.length(1);
      expect(replies[0], spec.name).to.match(new RegExp(`^You can't use /${spec.name} here: it needs `));
      const writes = s.callsSince(mark).filter((c) => !READS.has(c.method));
      expect(
        writes.map((c) => c.method),
        spec.name,
      ).to.deep.equal([]);
    }
    expect((await s.services.actions.list(s.chatId, {})).items).to.have.length(0);
    expect(await s.services.settings.get(s.chatId)).to.deep.equal(settingsBefore);
    expect(s.fake.state.member(s.chatId, s.other.id).status).to.equal('member');
  });

  it('when an admin lacks the Telegram right a command needs, then a stored role does not grant it', async () => {
    s = await startBotScene();
    // mod has Ban users and Delete messages, but not Pin messages; even as "admin" role in the api.
    await s.services.users.upsert(s.chatId, s.mod.id, { role: 'admin' });
    const msg = await s.say(s.member, 'pin me');
    s.replies();
    const mark = s.mark();
    await s.say(s.mod, '/pin', { reply: idOf(msg) });
    expect(s.replies()[0]).to.match(/needs the "Pin messages" admin right/);
    expect(s.callsSince(mark, 'pinChatMessage')).to.have.length(0);
  });

  it('when the bot itself lacks a right, then the reply names it and no call is attempted', async () => {
    s = await startBotScene({ botRights: { can_restrict_members: false } });
    const msg = await s.say(s.member, 'hi');
    s.replies();
    const mark = s.mark();
    await s.say(s.owner, '/ban', { reply: idOf(msg) });
    expect(s.replies()[0]).to.match(/I need the "Ban users" admin right/);
    expect(s.callsSince(mark, 'banChatMember')).to.have.length(0);
    expect((await s.services.actions.list(s.chatId, {})).items).to.have.length(0);
  });

  it('when an anonymous admin sends a command, then they act with the rights all anonymous admins share', async () => {
    s = await startBotScene();
    const anonA = s.fake.state.addUser({ id: 990_001, first_name: 'A' });
    const anonB = s.fake.state.addUser({ id: 990_002, first_name: 'B' });
    s.fake.state.setMember(s.chatId, anonA, {
      status: 'administrator',
      rights: only({ is_anonymous: true, can_restrict_members: true, can_pin_messages: true }),
    });
    s.fake.state.setMember(s.chatId, anonB, { status: 'administrator', rights: only({ is_anonymous: true, can_restrict_members: true }) });
    const msg = await s.say(s.member, 'hi');
    s.replies();
    await s.say(s.owner, '/pin', { reply: idOf(msg), anonymous: true });
    expect(s.replies()[0]).to.match(/needs the "Pin messages" admin right/);
    await s.say(s.owner, '/mute', { reply: idOf(msg), anonymous: true });
    expect(s.fake.state.member(s.chatId, s.member.id).status).to.equal('restricted');
    const [action] = (await s.services.actions.list(s.chatId, { user_id: s.member.id })).items;
    expect(action).to.include({ action_type: 'mute', admin_id: s.chatId });
  });

  it('when /promote is used, then only rights both the caller and the bot hold are granted, never the right to promote', async () => {
    s = await startBotScene({ botRights: { can_pin_messages: false } });
    const promoter = s.fake.state.addUser({ id: 990_010, first_name: 'P', username: 'promoter_1' });
    s.fake.state.setMember(s.chatId, promoter, {
      status: 'administrator',
      rights: only({ can_promote_members: true, can_pin_messages: true, can_delete_messages: true }),
    });
    await s.say(s.member, 'hi');
    await s.say(promoter, `/promote @${s.member.username}`);
    const m = s.fake.state.member(s.chatId, s.member.id);
    expect(m.status).to.equal('administrator');
    expect(m.rights).to.include({ can_delete_messages: true, can_pin_messages: false, can_restrict_members: false, can_promote_members: false });
    expect(s.replies().at(-1)).to.match(/Promoted .* with: Delete messages/);
    await s.say(promoter, `/demote @${s.member.username}`);
    expect(s.fake.state.member(s.chatId, s.member.id).status).to.equal('member');
    const types = (await s.services.actions.list(s.chatId, { user_id: s.member.id })).items.map((a) => a.action_type);
    expect(types.sort()).to.deep.equal(['demote', 'promote']);
  });

  it('when an admin who may add admins demotes one they did not promote, then it is refused as Telegram would; the owner may demote anyone', async () => {
    s = await startBotScene();
    const promoter = s.fake.state.addUser({ id: 990_020, first_name: 'P', username: 'promoter_2' });
    s.fake.state.setMember(s.chatId, promoter, { status: 'administrator', rights: only({ can_promote_members: true, can_delete_messages: true }) });
    // Promoted by the owner in Telegram itself, with nearly every right: the bot has no record of it.
    const strong = s.fake.state.addUser({ id: 990_021, first_name: 'S', username: 'strong_admin' });
    s.fake.state.setMember(s.chatId, strong, { status: 'administrator', canBeEdited: true });
    await s.say(strong, 'hello');
    const mark = s.mark();
    await s.say(promoter, `/demote @${strong.username}`);
    expect(s.replies().at(-1)).to.match(/demote only the admins they promoted/);
    expect(s.callsSince(mark, 'promoteChatMember')).to.deep.equal([]);
    expect(s.fake.state.member(s.chatId, strong.id).status).to.equal('administrator');
    await s.say(s.owner, `/demote @${strong.username}`);
    expect(s.fake.state.member(s.chatId, strong.id).status).to.equal('member');
  });
});
