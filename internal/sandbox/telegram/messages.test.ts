import { expect } from 'chai';
import { rejection, startScene, type Scene } from './fixtures.js';

describe('fake telegram: messages', () => {
  let s: Scene;
  beforeEach(async () => (s = await startScene()));
  afterEach(() => s.fake.stop());

  it('when the bot replies with an inline keyboard, then the message is stored with its reply and markup', async () => {
    const inbound = s.fake.updates.textMessage({ chat: s.chatId, from: s.member, text: 'hi' });
    const sent = await s.bot.telegram.sendMessage(s.chatId, 'Settings', {
      reply_parameters: { message_id: inbound.message.message_id },
      reply_markup: { inline_keyboard: [[{ text: 'Welcome: on', callback_data: 'toggle:welcome' }]] },
    });
    expect(sent.message_id).to.equal(inbound.message.message_id + 1);
    expect(sent.reply_to_message?.message_id).to.equal(inbound.message.message_id);
    expect(sent.from?.id).to.equal(s.fake.state.botUser.id);
    const stored = s.fake.state.message(s.chatId, sent.message_id);
    expect(stored).to.deep.include({ text: 'Settings', replyToId: inbound.message.message_id, fromId: s.fake.state.botUser.id });
  });

  it('when replying to a message that does not exist, then Telegram answers "message to be replied not found"', async () => {
    const err = await rejection(s.bot.telegram.sendMessage(s.chatId, 'x', { reply_parameters: { message_id: 999 } }));
    expect(err.description).to.equal('Bad Request: message to be replied not found');
    const ok = await s.bot.telegram.sendMessage(s.chatId, 'x', { reply_parameters: { message_id: 999, allow_sending_without_reply: true } });
    expect(ok.reply_to_message).to.equal(undefined);
  });

  it('when HTML text is sent, then the stored text has the markup removed; bad tags are refused', async () => {
    const sent = await s.bot.telegram.sendMessage(s.chatId, '<b>Banned</b> &lt;Max&gt;', { parse_mode: 'HTML' });
    expect(sent.text).to.equal('Banned <Max>');
    const err = await rejection(s.bot.telegram.sendMessage(s.chatId, '<blink>x</blink>', { parse_mode: 'HTML' }));
    expect(err.description).to.match(/^Bad Request: can't parse entities: Unsupported start tag "blink"/);
  });

  it('when MarkdownV2 text has an unescaped dot, then Telegram refuses it as it does for real', async () => {
    const err = await rejection(s.bot.telegram.sendMessage(s.chatId, 'Banned for 1h. Bye!', { parse_mode: 'MarkdownV2' }));
    expect(err.description).to.equal("Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'");
    const ok = await s.bot.telegram.sendMessage(s.chatId, '*Banned* for 1h\\. [rules](https://t.me/x.y)', { parse_mode: 'MarkdownV2' });
    expect(ok.text).to.equal('Banned for 1h. rules');
  });

  it('when empty text is sent, then Telegram answers "message text is empty"', async () => {
    const err = await rejection(s.bot.telegram.sendMessage(s.chatId, ' '));
    expect(err.description).to.equal('Bad Request: message text is empty');
  });

  it('when editing a message to the same text, then Telegram answers "message is not modified"', async () => {
    const sent = await s.bot.telegram.sendMessage(s.chatId, 'one');
    const edited = await s.bot.telegram.editMessageText(s.chatId, sent.message_id, undefined, 'two');
    expect(edited).to.deep.include({ text: 'two' });
    const err = await rejection(s.bot.telegram.editMessageText(s.chatId, sent.message_id, undefined, 'two'));
    expect(err.description).to.match(/^Bad Request: message is not modified/);
  });

  it("when deleting another user's message, then it is gone; deleting it again says not found", async () => {
    const inbound = s.fake.updates.textMessage({ chat: s.chatId, from: s.member, text: 'spam' });
    expect(await s.bot.telegram.deleteMessage(s.chatId, inbound.message.message_id)).to.equal(true);
    expect(s.fake.state.message(s.chatId, inbound.message.message_id)).to.equal(undefined);
    const err = await rejection(s.bot.telegram.deleteMessage(s.chatId, inbound.message.message_id));
    expect(err.description).to.equal('Bad Request: message to delete not found');
  });

  it('when deleting a message older than 48 hours, then Telegram refuses; deleteMessages skips it and deletes the rest', async () => {
    const old = s.fake.updates.textMessage({ chat: s.chatId, from: s.member, text: 'old', date: s.fake.state.now() - 48 * 3600 - 60 });
    const fresh = [1, 2, 3].map((n) => s.fake.updates.textMessage({ chat: s.chatId, from: s.member, text: `m${n}` }).message.message_id);
    const err = await rejection(s.bot.telegram.deleteMessage(s.chatId, old.message.message_id));
    expect(err.description).to.equal("Bad Request: message can't be deleted");
    expect(await s.bot.telegram.deleteMessages(s.chatId, [old.message.message_id, ...fresh, 9999])).to.equal(true);
    expect(s.fake.state.message(s.chatId, old.message.message_id)?.text).to.equal('old');
    for (const id of fresh) expect(s.fake.state.message(s.chatId, id)).to.equal(undefined);
  });

  it('when deleteMessages gets more than 100 ids, then Telegram refuses the batch', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => i + 1);
    const err = await rejection(s.bot.telegram.deleteMessages(s.chatId, ids));
    expect(err.code).to.equal(400);
  });

  it("when the bot cannot delete messages, then deleting a user's message fails but its own succeeds", async () => {
    s.fake.state.setMember(s.chatId, s.fake.state.botUser, { status: 'administrator', rights: { can_delete_messages: false } });
    const inbound = s.fake.updates.textMessage({ chat: s.chatId, from: s.member, text: 'x' });
    const err = await rejection(s.bot.telegram.deleteMessage(s.chatId, inbound.message.message_id));
    expect(err.description).to.equal("Bad Request: message can't be deleted for everyone");
    const own = await s.bot.telegram.sendMessage(s.chatId, 'mine');
    expect(await s.bot.telegram.deleteMessage(s.chatId, own.message_id)).to.equal(true);
  });

  it('when pinning and unpinning without an id, then the latest pin is removed first', async () => {
    const a = s.fake.updates.textMessage({ chat: s.chatId, from: s.member, text: 'a' }).message.message_id;
    const b = s.fake.updates.textMessage({ chat: s.chatId, from: s.member, text: 'b' }).message.message_id;
    await s.bot.telegram.pinChatMessage(s.chatId, a);
    await s.bot.telegram.pinChatMessage(s.chatId, b);
    await s.bot.telegram.unpinChatMessage(s.chatId);
    expect(s.fake.state.message(s.chatId, a)?.pinned).to.equal(true);
    expect(s.fake.state.message(s.chatId, b)?.pinned).to.equal(false);
    const err = await rejection(s.bot.telegram.pinChatMessage(s.chatId, 4242));
    expect(err.description).to.equal('Bad Request: message to pin not found');
  });

  it('when the bot lacks can_pin_messages, then pinning is refused', async () => {
    s.fake.state.setMember(s.chatId, s.fake.state.botUser, { status: 'administrator', rights: { can_pin_messages: false } });
    const id = s.fake.updates.textMessage({ chat: s.chatId, from: s.member, text: 'a' }).message.message_id;
    const err = await rejection(s.bot.telegram.pinChatMessage(s.chatId, id));
    expect(err.description).to.equal('Bad Request: not enough rights to manage pinned messages in the chat');
  });

  it('when a callback query is answered twice, then the second answer is refused', async () => {
    const sent = await s.bot.telegram.sendMessage(s.chatId, 'menu');
    const update = s.fake.updates.callbackQuery({ chat: s.chatId, from: s.owner, message_id: sent.message_id, data: 'toggle:welcome' });
    expect(await s.bot.telegram.answerCbQuery(update.callback_query.id, 'Welcome off')).to.equal(true);
    expect(s.fake.state.callbackQueries.get(update.callback_query.id)?.answered).to.deep.equal({ text: 'Welcome off' });
    const err = await rejection(s.bot.telegram.answerCbQuery(update.callback_query.id));
    expect(err.description).to.equal('Bad Request: query is too old and response timeout expired or query ID is invalid');
  });

  it('when commands are set per scope, then getMyCommands returns them per scope', async () => {
    await s.bot.telegram.setMyCommands([{ command: 'ban', description: 'Ban a user' }]);
    await s.bot.telegram.setMyCommands([{ command: 'settings', description: 'Group settings' }], { scope: { type: 'all_chat_administrators' } });
    expect(await s.bot.telegram.getMyCommands()).to.deep.equal([{ command: 'ban', description: 'Ban a user' }]);
    expect(await s.bot.telegram.getMyCommands({ scope: { type: 'all_chat_administrators' } })).to.deep.equal([
      { command: 'settings', description: 'Group settings' },
    ]);
    const err = await rejection(s.bot.telegram.setMyCommands([{ command: 'Bad-Name', description: 'x' }]));
    expect(err.description).to.equal('Bad Request: BOT_COMMAND_INVALID');
  });

  it('when the bot messages a user who never started it, then Telegram refuses; after they write, it works', async () => {
    const err = await rejection(s.bot.telegram.sendMessage(s.member.id, 'your warnings'));
    expect(err.code).to.equal(403);
    expect(err.description).to.equal("Forbidden: bot can't initiate conversation with a user");
    s.fake.updates.textMessage({ chat: s.member.id, from: s.member, text: '/start' });
    const sent = await s.bot.telegram.sendMessage(s.member.id, 'your warnings');
    expect(sent.chat).to.deep.include({ id: s.member.id, type: 'private', first_name: 'Max' });
  });
});
