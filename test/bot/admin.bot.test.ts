import { expect } from 'chai';
import { idOf, startBotScene, type BotScene } from './bot-scene.js';

describe('bot: settings, rules, information and reports', function () {
  let s: BotScene;
  beforeEach(async () => (s = await startBotScene()));
  afterEach(() => s.close());

  const press = async (from: typeof s.owner, messageId: number, data: string) => {
    await s.handle(s.fake.updates.callbackQuery({ chat: s.chatId, from, message_id: messageId, data }));
    return s.fake.calls.last('answerCallbackQuery')?.params;
  };

  it("when /settings is pressed by an admin, then the setting flips in the api and the keyboard shows it; a member's press changes nothing", async () => {
    await s.say(s.owner, '/settings');
    const sent = s.fake.calls.last('sendMessage');
    const keyboard = JSON.stringify(sent?.params.reply_markup);
    expect(keyboard).to.contain('set:welcome').and.contain('set:lock:links');
    const messageId = (sent?.response as { result: { message_id: number } }).result.message_id;
    const answer = await press(s.owner, messageId, 'set:lock:links');
    expect(answer?.text).to.equal('lock links: on');
    expect((await s.services.settings.get(s.chatId)).locks).to.deep.equal(['links']);
    expect(JSON.stringify(s.fake.calls.last('editMessageReplyMarkup')?.params.reply_markup)).to.contain('✅ Lock links');
    const refused = await press(s.member, messageId, 'set:antiflood');
    expect(refused).to.include({ show_alert: true });
    expect((await s.services.settings.get(s.chatId)).antiflood.enabled).to.equal(false);
    await press(s.owner, messageId, 'set:welcome');
    expect((await s.services.settings.get(s.chatId)).welcome_message_enabled).to.equal(true);
  });

  it('when /setrules sets a text, then /rules shows it with the enforced rules; too long a text is refused', async () => {
    await s.services.rules.create(s.chatId, {
      rule_name: 'no-links',
      description: 'No links',
      penalty: 'mute',
      penalty_duration: 3600,
      trigger: { type: 'link', pattern: '' },
    });
    await s.say(s.owner, '/setrules Be kind. <b>No</b> spam.');
    await s.say(s.member, '/rules');
    const replies = s.replies();
    expect(replies.at(-1)).to.equal(
      'Rules of Test group:\n\nBe kind. &lt;b&gt;No&lt;/b&gt; spam.\n\nEnforced rules:\n• <b>no-links</b>: No links (mute 1 hour)',
    );
    await s.say(s.owner, `/setrules ${'x'.repeat(2001)}`);
    expect(s.replies()[0]).to.match(/the limit is 2000/);
    expect((await s.services.settings.get(s.chatId)).custom_settings.rules_text).to.equal('Be kind. <b>No</b> spam.');
  });

  it('when /roles, /stats and /history are asked, then they answer from the api', async () => {
    const msg = await s.say(s.member, 'hi');
    await s.say(s.mod, '/warn off topic', { reply: idOf(msg) });
    await s.bot.flush();
    s.replies();
    await s.say(s.owner, '/roles');
    expect(s.replies()[0]).to.match(/^Roles:\n• <b>owner<\/b>: .*\n• <b>admin<\/b>/);
    await s.say(s.owner, '/stats');
    expect(s.replies()[0]).to.match(/Last 7 days: 2 messages, 0 joins, 0 leaves[\s\S]*Actions: warn 1/);
    await s.say(s.owner, '/history', { reply: idOf(msg) });
    expect(s.replies()[0]).to.match(/History of .*:\n\d{4}-\d\d-\d\d <b>warn<\/b> \(applied, bot\): off topic/);
  });

  it('when a member reports with /report or @admin, then the reply mentions the admins', async () => {
    const msg = await s.say(s.other, 'scam link');
    s.replies();
    await s.say(s.member, '/report scam', { reply: idOf(msg) });
    const [reply] = s.replies();
    expect(reply).to.match(/^Reported .*Ned.* to the admins\.\nReason: scam\n/);
    expect(reply).to.contain(`tg://user?id=${s.owner.id}`).and.contain(`tg://user?id=${s.mod.id}`);
    const msg2 = await s.say(s.member, 'more scam');
    s.replies();
    await s.say(s.other, '@admin look', { reply: idOf(msg2) });
    expect(s.replies()[0]).to.match(/^Reported .*Max/);
    await s.say(s.member, '/report');
    expect(s.replies()[0]).to.match(/Reply to the message you want to report/);
  });

  it('when members report one message again and again, then the admins are pinged once; a reporter gets one report a minute; an admin cannot be reported', async () => {
    const spam = await s.say(s.other, 'buy followers');
    const zoe = s.fake.state.addUser({ id: 880_100, first_name: 'Zoe' });
    s.replies();
    await s.say(s.member, '/report spam', { reply: idOf(spam) });
    for (let i = 0; i < 9; i++) await s.say(i % 2 ? s.member : zoe, '@admin', { reply: idOf(spam) });
    const pings = s.replies().filter((r) => r.startsWith('Reported'));
    expect(pings, 'one report of the message').to.have.length(1);
    // The same reporter, another message, within the minute: no second ping.
    const other = await s.say(s.other, 'more spam');
    s.replies();
    await s.say(s.member, '/report', { reply: idOf(other) });
    expect(s.replies()).to.deep.equal([]);
    // An admin's message: refused before any cooldown is counted.
    const adminMsg = await s.say(s.mod, 'please behave');
    s.replies();
    await s.say(zoe, '/report', { reply: idOf(adminMsg) });
    expect(s.replies()).to.deep.equal(["Admins can't be reported."]);
  });

  it('when /help is asked, with or without a command, then it lists or explains; setMyCommands publishes them all', async () => {
    await s.say(s.member, '/help');
    expect(s.replies()[0]).to.contain('/ban - Ban a member').and.contain('/purge').and.contain('/settings');
    await s.say(s.member, '/help tban');
    expect(s.replies()[0]).to.match(/^<b>\/tban &lt;user&gt; &lt;duration&gt; \[reason\]<\/b>\nBan a member for a while\. Durations/);
    await s.say(s.member, '/help nope');
    expect(s.replies()[0]).to.match(/I have no \/nope command/);
    await s.bot.publishCommands();
    const published = s.fake.calls.last('setMyCommands')?.params.commands as { command: string }[] | string;
    const names = (typeof published === 'string' ? (JSON.parse(published) as { command: string }[]) : published).map((c) => c.command);
    expect(names).to.include.members([
      'ban',
      'tban',
      'unban',
      'kick',
      'kickme',
      'mute',
      'tmute',
      'unmute',
      'warn',
      'warns',
      'unwarn',
      'resetwarns',
      'setwarnlimit',
      'setwarnmode',
      'del',
      'purge',
      'pin',
      'unpin',
      'promote',
      'demote',
      'rules',
      'setrules',
      'settings',
      'roles',
      'stats',
      'history',
      'report',
      'help',
      'admincache',
    ]);
  });

  it('when an admin is promoted outside the bot, then /admincache makes the bot see it at once', async () => {
    await s.say(s.member, 'hi');
    await s.say(s.mod, '/ban', {}); // loads the admin list into the cache
    s.fake.state.setMember(s.chatId, s.other, { status: 'administrator' });
    s.replies();
    await s.say(s.other, '/admincache');
    expect(s.replies()[0]).to.match(/Admin list reloaded: 3 admins/);
    await s.say(s.other, `/mute @${s.member.username}`);
    expect(s.fake.state.member(s.chatId, s.member.id).status).to.equal('restricted');
  });
});
