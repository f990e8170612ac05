import { expect } from 'chai';
import { idOf, startBotScene, type BotScene } from './bot-scene.js';

describe('bot: bans, kicks and mutes', function () {
  let s: BotScene;
  beforeEach(async () => (s = await startBotScene()));
  afterEach(() => s.close());

  const actionsOf = async (userId: number) => (await s.services.actions.list(s.chatId, { user_id: userId })).items;

  it('when an admin replies /ban with a reason, then Telegram bans the member, the api records it and the reply says so', async () => {
    const msg = await s.say(s.member, 'spam spam');
    s.replies();
    await s.say(s.mod, '/ban flooding the chat', { reply: idOf(msg) });
    expect(s.fake.state.member(s.chatId, s.member.id).status).to.equal('kicked');
    const [action] = await actionsOf(s.member.id);
    expect(action).to.include({ action_type: 'ban', admin_id: s.mod.id, reason: 'flooding the chat', source: 'bot', status: 'applied', duration: null });
    const [reply] = s.replies();
    expect(reply).to.match(/^Banned .*Max Power.*\.\nReason: flooding the chat$/);
  });

  it('when /tban names a @username and a duration, then the ban has an until_date and the reply names the duration', async () => {
    await s.say(s.member, 'hello'); // the bot learns the username
    const before = s.fake.state.now();
    await s.say(s.mod, `/tban @${s.member.username} 2d too loud`);
    const after = s.fake.state.now();
    const m = s.fake.state.member(s.chatId, s.member.id);
    expect(m.status).to.equal('kicked');
    // Bracketed by the clock before and after the command (1 s for rounding), however long it took.
    expect(m.untilDate).to.be.within(before + 2 * 86400 - 1, after + 2 * 86400 + 1);
    const [action] = await actionsOf(s.member.id);
    expect(action).to.include({ action_type: 'ban', duration: 172800, reason: 'too loud' });
    expect(s.replies().at(-1)).to.match(/Banned .* for 2 days\.\nReason: too loud/);
  });

  it('when /tban gets a 52-bit numeric id, then that id is banned', async () => {
    const big = 4_503_599_627_370_001; // > 2^52
    s.fake.state.setMember(s.chatId, { id: big, first_name: 'Big' }, { status: 'member' });
    await s.say(s.mod, `/tban ${big} 1h`);
    expect(s.fake.state.member(s.chatId, big).status).to.equal('kicked');
    expect((await actionsOf(big))[0]).to.include({ user_id: big, duration: 3600 });
  });

  it("when a duration is bad or outside Telegram's window, then it is refused or clamped with a clear reply", async () => {
    await s.say(s.member, 'hi');
    s.replies();
    const mark = s.mark();
    await s.say(s.mod, `/tban @${s.member.username} soon`);
    expect(s.replies()[0]).to.match(/30s, 10m, 4h, 2d, 1w or 1h30m/);
    expect(s.callsSince(mark, 'banChatMember')).to.have.length(0);
    await s.say(s.mod, `/tmute @${s.member.username} 10s`);
    expect(s.replies()[0]).to.match(/Muted .* for 30 seconds\. Telegram's minimum is 30 seconds, so that applies\./);
  });

  it('when /unban is used, then unbanChatMember goes out with only_if_banned and the member may return', async () => {
    await s.say(s.member, 'hi');
    await s.say(s.mod, `/ban @${s.member.username}`);
    const mark = s.mark();
    await s.say(s.mod, `/unban @${s.member.username}`);
    const [call] = s.callsSince(mark, 'unbanChatMember');
    expect(call?.params).to.include({ only_if_banned: true });
    expect(s.fake.state.member(s.chatId, s.member.id).status).to.equal('left');
    expect((await actionsOf(s.member.id)).map((a) => a.action_type)).to.include('unban');
  });

  it('when /unban or /unmute names someone who is not banned or muted, then the admin is told so, nothing goes to Telegram and nothing is recorded', async () => {
    await s.say(s.member, 'hello');
    const mark = s.mark();
    s.replies();
    await s.say(s.mod, `/unban @${s.member.username}`);
    await s.say(s.mod, `/unmute @${s.member.username}`);
    const [unbanReply, unmuteReply] = s.replies();
    expect(unbanReply).to.match(/is not banned\.$/);
    expect(unmuteReply).to.match(/is not muted\.$/);
    expect(s.callsSince(mark, 'unbanChatMember')).to.deep.equal([]);
    expect(s.callsSince(mark, 'restrictChatMember')).to.deep.equal([]);
    expect((await actionsOf(s.member.id)).map((a) => a.action_type)).to.deep.equal([]);
    expect(s.fake.state.member(s.chatId, s.member.id).status, 'still a member').to.equal('member');
  });

  it('when /kick is used, then the member is banned and unbanned so they can rejoin, and a kick is recorded', async () => {
    const msg = await s.say(s.member, 'hi');
    const mark = s.mark();
    await s.say(s.mod, '/kick', { reply: idOf(msg) });
    expect(
      s
        .callsSince(mark)
        .map((c) => c.method)
        .filter((m) => m.endsWith('ChatMember')),
    ).to.deep.equal(['banChatMember', 'unbanChatMember']);
    expect(s.fake.state.member(s.chatId, s.member.id).status).to.equal('left');
    expect((await actionsOf(s.member.id))[0]).to.include({ action_type: 'kick' });
  });

  it('when a member sends /kickme, then they are kicked; an admin is told to leave by hand', async () => {
    await s.say(s.member, '/kickme');
    expect(s.fake.state.member(s.chatId, s.member.id).status).to.equal('left');
    s.replies();
    await s.say(s.mod, '/kickme');
    expect(s.fake.state.member(s.chatId, s.mod.id).status).to.equal('administrator');
    expect(s.replies()[0]).to.match(/Admins can't use \/kickme/);
  });

  it('when /mute then /unmute are used, then the member is restricted and gets the group defaults back', async () => {
    const msg = await s.say(s.member, 'hi');
    await s.say(s.mod, '/mute', { reply: idOf(msg) });
    const muted = s.fake.state.member(s.chatId, s.member.id);
    expect(muted.status).to.equal('restricted');
    expect(muted.permissions?.can_send_messages).to.equal(false);
    await s.say(s.mod, '/unmute', { reply: idOf(msg) });
    const back = s.fake.state.member(s.chatId, s.member.id);
    expect(back.permissions?.can_send_messages ?? true).to.equal(true);
    expect((await actionsOf(s.member.id)).map((a) => a.action_type).sort()).to.deep.equal(['mute', 'unmute']);
  });

  it('when /tmute is used, then the restriction has an until_date', async () => {
    const msg = await s.say(s.member, 'hi');
    const before = s.fake.state.now();
    await s.say(s.mod, '/tmute 1h30m cool down', { reply: idOf(msg) });
    const after = s.fake.state.now();
    const m = s.fake.state.member(s.chatId, s.member.id);
    expect(m.untilDate).to.be.within(before + 5400 - 1, after + 5400 + 1);
    expect((await actionsOf(s.member.id))[0]).to.include({ action_type: 'mute', duration: 5400, reason: 'cool down' });
  });

  it('when the target is an admin, the bot itself or unknown, then nothing is done and the reply says why', async () => {
    const mark = s.mark();
    await s.say(s.mod, `/ban @${s.owner.username}`);
    await s.say(s.mod, `/ban @${s.fake.state.botUser.username}`);
    await s.say(s.mod, '/ban @nobody_here_1');
    await s.say(s.mod, '/ban');
    const replies = s.replies();
    expect(replies.slice(-4)).to.satisfy((r: string[]) => /I don't know @nobody_here_1/.test(r[2] ?? '') && /Who\?/.test(r[3] ?? ''));
    expect(s.callsSince(mark, 'banChatMember')).to.have.length(0);
    expect(await actionsOf(s.owner.id)).to.have.length(0);
  });
});
