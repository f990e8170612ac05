import { expect } from 'chai';
import { startBotScene, type BotScene } from './bot-scene.js';

describe("bot: a group's member_count and admin_count", function () {
  let s: BotScene;
  afterEach(() => s.close());

  /** What Telegram (the fake) answers, asked the way any client would. */
  const telegramCounts = async () => ({
    member_count: await s.bot.telegraf.telegram.getChatMembersCount(s.chatId),
    admin_count: (await s.bot.telegraf.telegram.getChatAdministrators(s.chatId)).length,
  });
  const storedCounts = async () => {
    const g = await s.services.groups.get(s.chatId);
    return { member_count: g.member_count, admin_count: g.admin_count };
  };

  it("when the bot is added to a group, then the group is registered with Telegram's member and admin counts", async () => {
    s = await startBotScene({ unregistered: true, botStatus: 'left' });
    await s.handle(s.fake.updates.myChatMember({ chat: s.chatId, from: s.owner, status: { status: 'member' } }));
    // Owner, an admin, two members and the bot itself; the owner and the admin administer.
    expect(await telegramCounts()).to.deep.equal({ member_count: 5, admin_count: 2 });
    expect(await storedCounts()).to.deep.equal(await telegramCounts());
  });

  it("when a group the api does not know sends its first message, then it is registered with Telegram's counts", async () => {
    s = await startBotScene({ unregistered: true });
    await s.say(s.member, 'hello');
    expect(await storedCounts()).to.deep.equal({ member_count: 5, admin_count: 3 });
    expect(await storedCounts()).to.deep.equal(await telegramCounts());
  });

  it('when members join and leave, then member_count follows them, each change counted once however Telegram delivers it', async () => {
    s = await startBotScene();
    await s.say(s.owner, '/admincache');
    expect(await storedCounts()).to.deep.equal({ member_count: 5, admin_count: 3 });
    const newcomers = [901_001, 901_002, 901_003, 901_004].map((id) => s.fake.state.addUser({ id, first_name: `N${id}` }));
    const [a, b, c, d] = newcomers;
    if (!a || !b || !c || !d) throw new Error('no newcomers');
    await s.handle(s.fake.updates.newChatMembers({ chat: s.chatId, users: [a, b] }));
    await s.handle(s.fake.updates.newChatMembers({ chat: s.chatId, users: [c] }));
    await s.handle(s.fake.updates.chatMember({ chat: s.chatId, user: c, status: { status: 'member' } }));
    // A join by invite link in a big supergroup: only the chat_member update arrives.
    await s.handle(s.fake.updates.chatMember({ chat: s.chatId, user: d, status: { status: 'member' } }));
    for (const leaving of [s.member, a]) {
      await s.handle(s.fake.updates.leftChatMember({ chat: s.chatId, user: leaving }));
      await s.handle(s.fake.updates.chatMember({ chat: s.chatId, user: leaving, status: { status: 'left' } }));
    }
    await s.bot.flush();
    expect(await storedCounts()).to.deep.equal({ member_count: 5 + 4 - 2, admin_count: 3 });
    expect(await storedCounts()).to.deep.equal(await telegramCounts());
  });

  it("when an admin is promoted or demoted, then the admin list is reloaded and admin_count is Telegram's", async () => {
    s = await startBotScene();
    await s.say(s.owner, '/admincache');
    expect((await storedCounts()).admin_count).to.equal(3);
    await s.handle(s.fake.updates.chatMember({ chat: s.chatId, user: s.other, status: { status: 'administrator' } }));
    expect(await storedCounts()).to.deep.equal({ member_count: 5, admin_count: 4 });
    await s.handle(s.fake.updates.chatMember({ chat: s.chatId, user: s.mod, status: { status: 'member' } }));
    await s.handle(s.fake.updates.chatMember({ chat: s.chatId, user: s.other, status: { status: 'member' } }));
    expect(await storedCounts()).to.deep.equal({ member_count: 5, admin_count: 2 });
    expect(await storedCounts()).to.deep.equal(await telegramCounts());
  });
});
