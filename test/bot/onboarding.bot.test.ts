import { expect } from 'chai';
import { AppError } from '../../internal/shared/errors.js';
import { only, startBotScene, type BotScene } from './bot-scene.js';

describe('bot: onboarding, migration and member tracking', function () {
  let s: BotScene;
  afterEach(() => s.close());

  it('when the bot is added without admin rights, then the group is registered with defaults and the admins are told what to grant', async () => {
    s = await startBotScene({ unregistered: true, botStatus: 'left' });
    await s.handle(s.fake.updates.myChatMember({ chat: s.chatId, from: s.owner, status: { status: 'member' } }));
    const group = await s.services.groups.get(s.chatId);
    expect(group).to.include({ name: 'Test group', is_active: true });
    expect((await s.services.roles.list(s.chatId, {})).items.map((r) => r.name).sort()).to.deep.equal(['admin', 'member', 'moderator', 'owner']);
    expect(s.replies().at(-1)).to.equal('Thanks for adding me! Make me an admin with "Delete messages", "Ban users", "Pin messages" so I can moderate.');
    await s.handle(
      s.fake.updates.myChatMember({ chat: s.chatId, from: s.owner, status: { status: 'administrator', rights: only({ can_delete_messages: true }) } }),
    );
    expect(s.replies().at(-1)).to.equal('I\'m an admin, but I still lack: "Ban users", "Pin messages". Without them some commands will not work.');
  });

  it("when the bot is added, then the group's Telegram creator is its owner on the platform and can open it in the dashboard", async () => {
    s = await startBotScene({ unregistered: true, botStatus: 'left' });
    await s.handle(s.fake.updates.myChatMember({ chat: s.chatId, from: s.mod, status: { status: 'administrator' } }));
    expect((await s.services.users.get(s.chatId, s.owner.id)).role).to.equal('owner');
    // The admin who added the bot gets nothing from it: Telegram's creator is the owner.
    const adder = await s.services.users.get(s.chatId, s.mod.id).then(
      (u) => u.role,
      () => 'none',
    );
    expect(adder).to.not.equal('owner');
    expect((await s.services.groups.forPerson(s.owner.id)).items.map((g) => g.group_id)).to.deep.equal([s.chatId]);
  });

  it('when the bot is added back to a group whose creator was given another role, then that role stays', async () => {
    s = await startBotScene();
    await s.services.users.upsert(s.chatId, s.owner.id, { role: 'admin' });
    await s.handle(s.fake.updates.myChatMember({ chat: s.chatId, from: s.owner, status: { status: 'left' } }));
    await s.handle(s.fake.updates.myChatMember({ chat: s.chatId, from: s.owner, status: { status: 'administrator' } }));
    expect((await s.services.users.get(s.chatId, s.owner.id)).role).to.equal('admin');
  });

  it('when the bot is removed, then the group is marked inactive; added back, it is active again', async () => {
    s = await startBotScene();
    await s.handle(s.fake.updates.myChatMember({ chat: s.chatId, from: s.owner, status: { status: 'left' } }));
    expect((await s.services.groups.get(s.chatId)).is_active).to.equal(false);
    await s.handle(s.fake.updates.myChatMember({ chat: s.chatId, from: s.owner, status: { status: 'administrator' } }));
    expect((await s.services.groups.get(s.chatId)).is_active).to.equal(true);
  });

  it('when a call is refused with 403 while the bot is still an admin, then the group stays active and the next command works', async () => {
    s = await startBotScene();
    s.fake.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was kicked from the supergroup chat' });
    await s.say(s.owner, '/rules');
    expect((await s.services.groups.get(s.chatId)).is_active, 'Telegram says the bot is an admin').to.equal(true);
    await s.say(s.member, 'hi');
    await s.say(s.mod, `/ban @${s.member.username}`);
    expect(s.fake.state.member(s.chatId, s.member.id).status).to.equal('kicked');
  });

  it('when the bot really was removed, then a 403 marks the group inactive; once messages come from the group again, it is active again', async () => {
    s = await startBotScene();
    s.fake.state.setMember(s.chatId, s.fake.state.botUser, { status: 'left' });
    await s.say(s.owner, '/rules');
    expect((await s.services.groups.get(s.chatId)).is_active).to.equal(false);
    // Added back while the bot missed the my_chat_member update: the next message is the sign of life.
    s.fake.state.setMember(s.chatId, s.fake.state.botUser, { status: 'administrator' });
    await s.say(s.member, 'anyone here?');
    expect((await s.services.groups.get(s.chatId)).is_active).to.equal(true);
  });

  it('when the group migrates to a supergroup, then its data moves to the new id', async () => {
    s = await startBotScene();
    await s.say(s.member, 'hello');
    await s.say(s.owner, '/setwarnlimit 5');
    const newId = s.chatId - 7;
    for (const u of s.fake.updates.migrateToChat({ chat: s.chatId, newChatId: newId, from: s.owner })) await s.handle(u);
    expect((await s.services.settings.get(newId)).warn_limit).to.equal(5);
    expect((await s.services.users.get(newId, s.member.id)).first_name).to.equal('Max');
    const gone = await s.services.groups.get(s.chatId).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(gone).to.be.instanceOf(AppError);
  });

  it('when chat_member updates show joins and leaves, then the users store and the day counters follow', async () => {
    s = await startBotScene();
    const zoe = s.fake.state.addUser({ id: 770_001, first_name: 'Zoe', username: 'zoe_new' });
    await s.handle(s.fake.updates.chatMember({ chat: s.chatId, user: zoe, status: { status: 'member' } }));
    // The same join again as a service message: counted once.
    await s.handle(s.fake.updates.newChatMembers({ chat: s.chatId, users: [zoe] }));
    expect(await s.services.users.get(s.chatId, zoe.id)).to.include({ username: 'zoe_new', is_active: true });
    await s.handle(s.fake.updates.chatMember({ chat: s.chatId, user: zoe, status: { status: 'kicked' } }));
    expect((await s.services.users.get(s.chatId, zoe.id)).is_active).to.equal(false);
    await s.bot.flush();
    const totals = (await s.services.stats.groupStats(s.chatId, { days: 1 })).totals;
    expect(totals).to.include({ joins: 1, leaves: 1 });
  });

  it('when an admin is demoted through chat_member, then the bot stops treating them as admin', async () => {
    s = await startBotScene();
    await s.say(s.member, 'hi');
    await s.say(s.mod, `/mute @${s.member.username}`);
    expect(s.fake.state.member(s.chatId, s.member.id).status).to.equal('restricted');
    await s.handle(s.fake.updates.chatMember({ chat: s.chatId, user: s.mod, status: { status: 'member' }, from: s.owner }));
    s.replies();
    await s.say(s.mod, `/unmute @${s.member.username}`);
    expect(s.replies()[0]).to.match(/^You can't use \/unmute here/);
    expect(s.fake.state.member(s.chatId, s.member.id).status).to.equal('restricted');
  });
});
