import { expect } from 'chai';
import { idOf, startBotScene, type BotScene } from './bot-scene.js';

describe('bot: deleting and pinning messages', function () {
  let s: BotScene;
  beforeEach(async () => (s = await startBotScene()));
  afterEach(() => s.close());

  it('when /del replies to a message, then that message and the command are deleted and recorded', async () => {
    const msg = await s.say(s.member, 'rude');
    const cmd = await s.say(s.mod, '/del', { reply: idOf(msg) });
    expect(s.fake.state.message(s.chatId, idOf(msg))).to.equal(undefined);
    expect(s.fake.state.message(s.chatId, idOf(cmd))).to.equal(undefined);
    const [action] = (await s.services.actions.list(s.chatId, { user_id: s.member.id })).items;
    expect(action).to.include({ action_type: 'delete', admin_id: s.mod.id });
  });

  it('when /del replies to a message older than 48 hours, then the admin is told it stays, and nothing is recorded', async () => {
    const old = s.fake.updates.textMessage({ chat: s.chatId, from: s.member, text: 'ancient', date: s.fake.state.now() - 50 * 3600 });
    await s.handle(old);
    s.replies();
    await s.say(s.mod, '/del', { reply: idOf(old) });
    expect(s.replies()[0]).to.match(/older than 48 hours.*so it stays/);
    expect(s.fake.state.message(s.chatId, idOf(old))?.text, 'still in the chat').to.equal('ancient');
    expect((await s.services.actions.list(s.chatId, { user_id: s.member.id })).items).to.deep.equal([]);
  });

  it('when /purge replies to a message, then everything from it to the command goes, in batches of at most 100', async () => {
    const first = await s.say(s.member, 'm0');
    for (let i = 1; i < 150; i++) await s.say(i % 2 ? s.other : s.member, `m${i}`);
    const mark = s.mark();
    await s.say(s.mod, '/purge', { reply: idOf(first) });
    const batches = s.callsSince(mark, 'deleteMessages').map((c) => (c.params.message_ids as number[]).length);
    expect(batches).to.deep.equal([100, 51]);
    expect(s.fake.state.message(s.chatId, idOf(first))).to.equal(undefined);
    expect(s.replies().at(-1)).to.equal('Purged 150 messages.');
  });

  it('when /purge replies to a message older than 48 hours, then nothing is deleted and the reply explains', async () => {
    const old = s.fake.updates.textMessage({ chat: s.chatId, from: s.member, text: 'ancient', date: s.fake.state.now() - 49 * 3600 });
    await s.handle(old);
    s.replies();
    const mark = s.mark();
    await s.say(s.mod, '/purge', { reply: idOf(old) });
    expect(s.callsSince(mark, 'deleteMessages')).to.have.length(0);
    expect(s.replies()[0]).to.match(/older than 48 hours/);
  });

  it('when /pin and /unpin are used, then the message is pinned quietly (or loudly) and unpinned', async () => {
    const msg = await s.say(s.member, 'important');
    const mark = s.mark();
    await s.say(s.owner, '/pin', { reply: idOf(msg) });
    expect(s.callsSince(mark, 'pinChatMessage')[0]?.params).to.include({ disable_notification: true });
    expect(s.fake.state.message(s.chatId, idOf(msg))?.pinned).to.equal(true);
    await s.say(s.owner, '/unpin', { reply: idOf(msg) });
    expect(s.fake.state.message(s.chatId, idOf(msg))?.pinned).to.equal(false);
    await s.say(s.owner, '/pin loud', { reply: idOf(msg) });
    expect(s.callsSince(mark, 'pinChatMessage')[1]?.params).to.include({ disable_notification: false });
    const types = (await s.services.actions.list(s.chatId, { user_id: s.member.id })).items.map((a) => a.action_type);
    expect(types.sort()).to.deep.equal(['pin', 'pin', 'unpin']);
  });
});
