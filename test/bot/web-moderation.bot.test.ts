import { expect } from 'chai';
import { moderateForWeb } from '../../internal/bot/moderation/web-moderation.js';
import type { BotModerationInput } from '../../internal/connect/bot-client.js';
import { AppError } from '../../internal/shared/errors.js';
import { startBotScene, type BotScene } from './bot-scene.js';

/** What a person asks from the dashboard, as the bot carries it out (the BotClient's bot side). */
describe('bot: moderation asked for from the dashboard', () => {
  let s: BotScene;
  beforeEach(async () => (s = await startBotScene()));
  afterEach(() => s.close());

  const moderate = (input: BotModerationInput, actorId: number | undefined) => moderateForWeb(s.bot.deps, s.chatId, input, actorId);
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => e as AppError,
    );

  it('when an admin with "Ban users" bans for an hour, then Telegram bans with that until_date, the api records source web, and the group is told', async () => {
    const mark = s.mark();
    const before = Math.floor(Date.now() / 1000);
    const done = await moderate({ action: 'ban', user_id: s.member.id, duration: 3600, reason: 'spam' }, s.mod.id);
    await s.bot.idle();
    expect(done.action).to.equal('ban');
    const [ban] = s.callsSince(mark, 'banChatMember');
    expect(ban?.params).to.deep.include({ chat_id: s.chatId, user_id: s.member.id });
    expect(Number(ban?.params.until_date)).to.be.within(before + 3600, Math.floor(Date.now() / 1000) + 3600);
    const { items } = await s.services.actions.list(s.chatId, { user_id: s.member.id });
    expect(items[0]).to.deep.include({ action_type: 'ban', source: 'web', admin_id: s.mod.id, reason: 'spam', duration: 3600 });
    expect(s.callsSince(mark, 'sendMessage').map((c) => c.params.text)).to.deep.equal([done.message]);
  });

  it('when a plain member asks, then it is refused before anything is done on Telegram or recorded', async () => {
    const mark = s.mark();
    const err = await refusal(moderate({ action: 'ban', user_id: s.other.id }, s.member.id));
    expect(err?.code).to.equal('FORBIDDEN');
    expect(err?.message).to.match(/^you need the ban permission in this group/);
    expect(s.callsSince(mark).filter((c) => c.method !== 'getChatAdministrators' && c.method !== 'getChatMember')).to.deep.equal([]);
    expect((await s.services.actions.list(s.chatId, {})).items).to.deep.equal([]);
  });

  it('when the target is an admin or the actor themself, or the duration is under 30 s, then a clear refusal and no call', async () => {
    const mark = s.mark();
    expect((await refusal(moderate({ action: 'mute', user_id: s.owner.id }, s.mod.id)))?.message).to.equal(
      'the group owner cannot be moderated: Telegram does not allow it',
    );
    expect((await refusal(moderate({ action: 'warn', user_id: s.mod.id }, s.mod.id)))?.message).to.equal('you cannot moderate yourself');
    const short = await refusal(moderate({ action: 'mute', user_id: s.member.id, duration: 10 }, s.mod.id));
    expect(short?.code).to.equal('VALIDATION_FAILED');
    expect(s.callsSince(mark).filter((c) => c.method === 'restrictChatMember' || c.method === 'banChatMember')).to.deep.equal([]);
  });

  it('when a ban is undone, then Telegram unbans only a banned member and the unban is recorded', async () => {
    await moderate({ action: 'ban', user_id: s.member.id }, s.mod.id);
    const mark = s.mark();
    await moderate({ action: 'unban', user_id: s.member.id, reason: 'appeal' }, s.mod.id);
    const [unban] = s.callsSince(mark, 'unbanChatMember');
    expect(unban?.params).to.deep.include({ user_id: s.member.id, only_if_banned: true });
    const { items } = await s.services.actions.list(s.chatId, { user_id: s.member.id });
    expect(items.map((a) => `${a.action_type}:${a.source}`)).to.deep.equal(['unban:web', 'ban:web']);
  });

  it('when a warn is asked for, then the bot warns as /warn would, with the count', async () => {
    const done = await moderate({ action: 'warn', user_id: s.member.id, reason: 'caps' }, s.mod.id);
    expect(done.message).to.match(/^Warned .*\(1\/3\)/);
    expect((await s.services.actions.list(s.chatId, { user_id: s.member.id })).items[0]).to.deep.include({ action_type: 'warn', source: 'web' });
  });

  it('when a warn is undone, then the newest active warn is revoked (the count drops) and the unwarn recorded; with none left it is refused and nothing is recorded', async () => {
    await moderate({ action: 'warn', user_id: s.member.id, reason: 'one' }, s.mod.id);
    await moderate({ action: 'warn', user_id: s.member.id, reason: 'two' }, s.mod.id);
    const done = await moderate({ action: 'unwarn', user_id: s.member.id }, s.mod.id);
    expect(done.message).to.match(/^Removed a warning from .*\(1\/3\)/);
    const left = await s.services.actions.warnings(s.chatId, s.member.id);
    expect(left.items.map((a) => a.reason)).to.deep.equal(['one']);
    await moderate({ action: 'unwarn', user_id: s.member.id }, s.mod.id);
    const before = (await s.services.actions.list(s.chatId, { user_id: s.member.id })).items.length;
    const err = await refusal(moderate({ action: 'unwarn', user_id: s.member.id }, s.mod.id));
    expect(err).to.be.instanceOf(AppError).with.property('code', 'CONFLICT');
    expect((await s.services.actions.list(s.chatId, { user_id: s.member.id })).items.length).to.equal(before);
  });

  it('when the dashboard asks to unban or unmute someone who is not banned or muted, then 409 says so and nothing is done or recorded', async () => {
    const mark = s.mark();
    const unban = await refusal(moderate({ action: 'unban', user_id: s.member.id }, s.mod.id));
    const unmute = await refusal(moderate({ action: 'unmute', user_id: s.member.id }, s.mod.id));
    expect([unban?.code, unmute?.code]).to.deep.equal(['CONFLICT', 'CONFLICT']);
    expect(unban?.message).to.match(/is not banned$/);
    expect(unmute?.message).to.match(/is not muted$/);
    expect(s.callsSince(mark).filter((c) => c.method === 'unbanChatMember' || c.method === 'restrictChatMember')).to.deep.equal([]);
    expect((await s.services.actions.list(s.chatId, { user_id: s.member.id })).items).to.deep.equal([]);
  });
});
