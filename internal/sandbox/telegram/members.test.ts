import { expect } from 'chai';
import { rejection, startScene, uniqueId, type Scene } from './fixtures.js';
import { PERMISSION_KEYS } from './types.js';

describe('fake telegram: members', () => {
  let s: Scene;
  afterEach(() => s.fake.stop());

  describe('with the bot an admin with every right', () => {
    beforeEach(async () => (s = await startScene()));

    it('when a member is banned with an until_date, then getChatMember reports kicked until then', async () => {
      const until = s.fake.state.now() + 3600;
      expect(await s.bot.telegram.banChatMember(s.chatId, s.member.id, until)).to.equal(true);
      const member = await s.bot.telegram.getChatMember(s.chatId, s.member.id);
      expect(member).to.deep.include({ status: 'kicked', until_date: until });
      expect(s.fake.calls.of('banChatMember')[0]?.params).to.deep.include({ chat_id: s.chatId, user_id: s.member.id, until_date: until });
    });

    it('when a ban is shorter than 30 seconds, then Telegram treats it as forever (until_date 0)', async () => {
      await s.bot.telegram.banChatMember(s.chatId, s.member.id, s.fake.state.now() + 10);
      expect(await s.bot.telegram.getChatMember(s.chatId, s.member.id)).to.deep.include({ status: 'kicked', until_date: 0 });
    });

    it('when a temporary ban expires, then the user is reported as left', async () => {
      await s.bot.telegram.banChatMember(s.chatId, s.member.id, s.fake.state.now() + 120);
      s.fake.state.advanceClock(121);
      expect((await s.bot.telegram.getChatMember(s.chatId, s.member.id)).status).to.equal('left');
    });

    it('when banning an administrator or the owner, then Telegram refuses with its descriptions', async () => {
      const admin = s.fake.state.setMember(s.chatId, { id: uniqueId() }, { status: 'administrator' });
      const adminErr = await rejection(s.bot.telegram.banChatMember(s.chatId, admin.userId));
      expect(adminErr.code).to.equal(400);
      expect(adminErr.description).to.equal('Bad Request: user is an administrator of the chat');
      const ownerErr = await rejection(s.bot.telegram.banChatMember(s.chatId, s.owner.id));
      expect(ownerErr.description).to.equal("Bad Request: can't remove chat owner");
      expect(s.fake.state.member(s.chatId, admin.userId).status).to.equal('administrator');
    });

    it('when unbanning with only_if_banned a user who is not banned, then nothing changes', async () => {
      expect(await s.bot.telegram.unbanChatMember(s.chatId, s.member.id, { only_if_banned: true })).to.equal(true);
      expect(s.fake.state.member(s.chatId, s.member.id).status).to.equal('member');
    });

    it('when unbanning without only_if_banned a present member, then they are removed (left), as documented', async () => {
      await s.bot.telegram.unbanChatMember(s.chatId, s.member.id);
      expect(s.fake.state.member(s.chatId, s.member.id).status).to.equal('left');
    });

    it('when unbanning a banned user, then they are left and may rejoin', async () => {
      await s.bot.telegram.banChatMember(s.chatId, s.member.id);
      await s.bot.telegram.unbanChatMember(s.chatId, s.member.id, { only_if_banned: true });
      expect(s.fake.state.member(s.chatId, s.member.id).status).to.equal('left');
    });

    it('when kicking (ban then unban), then the user ends up left, not banned', async () => {
      await s.bot.telegram.banChatMember(s.chatId, s.member.id);
      await s.bot.telegram.unbanChatMember(s.chatId, s.member.id);
      expect((await s.bot.telegram.getChatMember(s.chatId, s.member.id)).status).to.equal('left');
    });

    it('when restricting with can_send_messages false and an until_date, then the member is restricted with those permissions', async () => {
      const until = s.fake.state.now() + 600;
      await s.bot.telegram.restrictChatMember(s.chatId, s.member.id, { permissions: { can_send_messages: false }, until_date: until });
      const member = await s.bot.telegram.getChatMember(s.chatId, s.member.id);
      expect(member).to.deep.include({ status: 'restricted', is_member: true, can_send_messages: false, can_send_photos: false, until_date: until });
    });

    it('when restricting with can_send_other_messages, then dependent permissions are implied unless independent', async () => {
      await s.bot.telegram.restrictChatMember(s.chatId, s.member.id, { permissions: { can_send_other_messages: true } });
      expect(await s.bot.telegram.getChatMember(s.chatId, s.member.id)).to.deep.include({
        can_send_messages: true,
        can_send_photos: true,
        can_send_polls: false,
      });
      await s.bot.telegram.restrictChatMember(s.chatId, s.member.id, {
        permissions: { can_send_other_messages: true },
        use_independent_chat_permissions: true,
      });
      expect(await s.bot.telegram.getChatMember(s.chatId, s.member.id)).to.deep.include({ can_send_messages: false, can_send_other_messages: true });
    });

    it('when a restricted member is given every permission, then they are a plain member again', async () => {
      await s.bot.telegram.restrictChatMember(s.chatId, s.member.id, { permissions: { can_send_messages: false } });
      const all = Object.fromEntries(PERMISSION_KEYS.map((k) => [k, true]));
      await s.bot.telegram.restrictChatMember(s.chatId, s.member.id, { permissions: all });
      expect((await s.bot.telegram.getChatMember(s.chatId, s.member.id)).status).to.equal('member');
    });

    it('when restricting in a basic group, then Telegram says the method is for supergroups only', async () => {
      const groupId = -uniqueId();
      s.fake.state.addChat({ id: groupId, type: 'group' });
      s.fake.state.setMember(groupId, s.member.id);
      const err = await rejection(s.bot.telegram.restrictChatMember(groupId, s.member.id, { permissions: {} }));
      expect(err.description).to.equal('Bad Request: method is available only for supergroups');
    });

    it('when promoting with rights the bot holds, then the user is an admin the bot can edit, and demoting makes them a member', async () => {
      await s.bot.telegram.promoteChatMember(s.chatId, s.member.id, { can_delete_messages: true, can_pin_messages: true });
      const admin = await s.bot.telegram.getChatMember(s.chatId, s.member.id);
      expect(admin).to.deep.include({
        status: 'administrator',
        can_be_edited: true,
        can_delete_messages: true,
        can_pin_messages: true,
        can_restrict_members: false,
        can_manage_chat: true,
      });
      const admins = await s.bot.telegram.getChatAdministrators(s.chatId);
      expect(admins.map((a) => a.user.id)).to.include.members([s.owner.id, s.member.id, s.fake.state.botUser.id]);
      await s.bot.telegram.promoteChatMember(s.chatId, s.member.id, { can_delete_messages: false, can_pin_messages: false });
      expect((await s.bot.telegram.getChatMember(s.chatId, s.member.id)).status).to.equal('member');
    });

    it('when editing an admin the bot did not promote, then Telegram answers CHAT_ADMIN_REQUIRED', async () => {
      const admin = s.fake.state.setMember(s.chatId, { id: uniqueId() }, { status: 'administrator' });
      const err = await rejection(s.bot.telegram.promoteChatMember(s.chatId, admin.userId, { can_pin_messages: false }));
      expect(err.description).to.equal('Bad Request: CHAT_ADMIN_REQUIRED');
    });

    it('when counting members, then creator, admins, members and present restricted users count', async () => {
      await s.bot.telegram.restrictChatMember(s.chatId, s.member.id, { permissions: {} });
      expect(await s.bot.telegram.getChatMembersCount(s.chatId)).to.equal(3);
    });

    it('when the bot leaves, then later calls get 403 "bot is not a member"', async () => {
      await s.bot.telegram.leaveChat(s.chatId);
      const err = await rejection(s.bot.telegram.sendMessage(s.chatId, 'hello'));
      expect(err.code).to.equal(403);
      expect(err.description).to.equal('Forbidden: bot is not a member of the supergroup chat');
    });
  });

  describe('with the bot an admin lacking rights', () => {
    beforeEach(async () => (s = await startScene({ rights: { can_restrict_members: false, can_promote_members: true, can_change_info: false } })));

    it('when banning, then Telegram refuses with "not enough rights to restrict/unrestrict chat member" and nothing changes', async () => {
      const err = await rejection(s.bot.telegram.banChatMember(s.chatId, s.member.id));
      expect(err.code).to.equal(400);
      expect(err.description).to.equal('Bad Request: not enough rights to restrict/unrestrict chat member');
      expect(s.fake.state.member(s.chatId, s.member.id).status).to.equal('member');
      expect(s.fake.calls.of('banChatMember')[0]).to.deep.include({ ok: false, status: 400, injected: false });
    });

    it('when granting a right the bot lacks, then Telegram answers RIGHT_FORBIDDEN and the user stays a member', async () => {
      const err = await rejection(s.bot.telegram.promoteChatMember(s.chatId, s.member.id, { can_change_info: true }));
      expect(err.description).to.equal('Bad Request: RIGHT_FORBIDDEN');
      expect(s.fake.state.member(s.chatId, s.member.id).status).to.equal('member');
    });
  });

  describe('with the bot a plain member', () => {
    beforeEach(async () => (s = await startScene({ status: 'member' })));

    it('when promoting, then Telegram answers "not enough rights"', async () => {
      const err = await rejection(s.bot.telegram.promoteChatMember(s.chatId, s.member.id, { can_pin_messages: true }));
      expect(err.description).to.equal('Bad Request: not enough rights');
    });

    it('when restricting, then Telegram refuses with the restrict rights error', async () => {
      const err = await rejection(s.bot.telegram.restrictChatMember(s.chatId, s.member.id, { permissions: {} }));
      expect(err.description).to.equal('Bad Request: not enough rights to restrict/unrestrict chat member');
    });
  });
});
