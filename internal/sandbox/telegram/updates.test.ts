import { expect } from 'chai';
import { computeEntities } from './entities.js';
import { FakeTelegramState } from './state.js';
import { GROUP_ANONYMOUS_BOT, UpdateFactory } from './updates.js';

describe('fake telegram: update builders', () => {
  const chatId = -1001234567890;
  let state: FakeTelegramState;
  let updates: UpdateFactory;
  beforeEach(() => {
    state = new FakeTelegramState();
    updates = new UpdateFactory(state);
  });

  it('when text messages are built, then update_ids and message_ids increase and the messages are stored', () => {
    const a = updates.textMessage({ chat: chatId, from: { id: 11, first_name: 'Ann' }, text: 'hello' });
    const b = updates.textMessage({ chat: chatId, from: { id: 12 }, text: 'reply', reply_to_message: a.message.message_id });
    expect(b.update_id).to.equal(a.update_id + 1);
    expect(b.message.message_id).to.equal(a.message.message_id + 1);
    expect(b.message.reply_to_message?.message_id).to.equal(a.message.message_id);
    expect(state.message(chatId, a.message.message_id)).to.deep.include({ text: 'hello', fromId: 11 });
    expect(state.member(chatId, 12).status).to.equal('member');
    expect(state.chats.get(chatId)?.type).to.equal('supergroup');
  });

  it('when a message holds a command addressed to a bot and a mention, then entities are computed', () => {
    const u = updates.textMessage({ chat: chatId, from: { id: 11 }, text: '/ban@fake_test_bot @spammer_1 flood' });
    expect(u.message.entities).to.deep.equal([
      { type: 'bot_command', offset: 0, length: 18 },
      { type: 'mention', offset: 19, length: 10 },
    ]);
    expect(computeEntities('no commands here / at all')).to.deep.equal([]);
    expect(computeEntities('emoji 🙂 /warn')).to.deep.equal([{ type: 'bot_command', offset: 9, length: 5 }]);
  });

  it('when an anonymous admin posts, then from is GroupAnonymousBot and sender_chat is the group', () => {
    const u = updates.textMessage({ chat: chatId, from: { id: 11 }, text: '/ban', anonymous: true });
    expect(u.message.from.id).to.equal(GROUP_ANONYMOUS_BOT.id);
    expect(u.message.sender_chat?.id).to.equal(chatId);
  });

  it('when members join and leave, then their status follows', () => {
    const join = updates.newChatMembers({ chat: chatId, users: [{ id: 21 }, { id: 22 }] });
    expect(join.message.new_chat_members.map((u) => u.id)).to.deep.equal([21, 22]);
    expect(state.member(chatId, 22).status).to.equal('member');
    const leave = updates.leftChatMember({ chat: chatId, user: { id: 22 } });
    expect(leave.message.left_chat_member.id).to.equal(22);
    expect(state.member(chatId, 22).status).to.equal('left');
  });

  it('when a chat_member update is built, then old and new states are reported and the new one applied', () => {
    updates.newChatMembers({ chat: chatId, users: [{ id: 31 }] });
    const u = updates.chatMember({
      chat: chatId,
      user: { id: 31 },
      status: { status: 'administrator', rights: { can_delete_messages: true } },
      from: { id: 1 },
    });
    expect(u.chat_member.old_chat_member.status).to.equal('member');
    expect(u.chat_member.new_chat_member).to.deep.include({ status: 'administrator', can_delete_messages: true });
    expect(state.member(chatId, 31).status).to.equal('administrator');
  });

  it('when the bot is added to a new group, then my_chat_member reports left -> administrator', () => {
    const newChat = chatId - 1;
    state.addChat({ id: newChat, bot: { status: 'left' } });
    const u = updates.myChatMember({ chat: newChat, from: { id: 1 }, status: { status: 'administrator', rights: { can_restrict_members: false } } });
    expect(u.my_chat_member.old_chat_member.status).to.equal('left');
    expect(u.my_chat_member.new_chat_member).to.deep.include({ status: 'administrator', can_restrict_members: false });
    expect(state.botHas(newChat, 'can_restrict_members')).to.equal(false);
  });
});

describe('fake telegram: state', () => {
  it('when until dates fall outside 30 s .. 366 d, then they normalise to forever (0)', () => {
    const state = new FakeTelegramState();
    const now = state.now();
    expect(state.normaliseUntil(now + 29)).to.equal(0);
    expect(state.normaliseUntil(now + 60)).to.equal(now + 60);
    expect(state.normaliseUntil(now + 367 * 86400)).to.equal(0);
    expect(state.normaliseUntil(undefined)).to.equal(0);
  });

  it('when a restriction expires, then the member is a plain member again', () => {
    const state = new FakeTelegramState();
    state.addChat({ id: -100 });
    state.setMember(-100, 5, { status: 'restricted', untilDate: state.now() + 60 });
    expect(state.member(-100, 5).status).to.equal('restricted');
    state.advanceClock(61);
    expect(state.member(-100, 5).status).to.equal('member');
  });
});
