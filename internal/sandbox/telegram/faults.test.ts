import { expect } from 'chai';
import { rejection, startScene, type Scene } from './fixtures.js';

describe('fake telegram: fault injection and call log', () => {
  let s: Scene;
  beforeEach(async () => (s = await startScene()));
  afterEach(() => s.fake.stop());

  it('when a 429 is injected twice, then telegraf sees TelegramErrors with parameters.retry_after and the third call succeeds', async () => {
    s.fake.failNext('banChatMember', { error_code: 429, retry_after: 2 }, { times: 2 });
    for (let i = 0; i < 2; i++) {
      const err = await rejection(s.bot.telegram.banChatMember(s.chatId, s.member.id));
      expect(err.code).to.equal(429);
      expect(err.description).to.equal('Too Many Requests: retry after 2');
      expect(err.parameters?.retry_after).to.equal(2);
    }
    expect(s.fake.state.member(s.chatId, s.member.id).status).to.equal('member');
    expect(await s.bot.telegram.banChatMember(s.chatId, s.member.id)).to.equal(true);
    const bans = s.fake.calls.of('banChatMember');
    expect(bans.map((c) => [c.ok, c.status, c.injected])).to.deep.equal([
      [false, 429, true],
      [false, 429, true],
      [true, 200, false],
    ]);
  });

  it('when a 403 is injected for one chat only, then calls to other chats still work', async () => {
    const otherChat = s.chatId - 1;
    s.fake.state.addChat({ id: otherChat });
    s.fake.failNext('sendMessage', { error_code: 403 }, { chatId: s.chatId });
    const err = await rejection(s.bot.telegram.sendMessage(s.chatId, 'hello'));
    expect(err.code).to.equal(403);
    expect(err.description).to.equal('Forbidden: bot was kicked from the group chat');
    expect((await s.bot.telegram.sendMessage(otherChat, 'hello')).chat.id).to.equal(otherChat);
  });

  it('when a 400 with a custom description is injected, then it reaches the client verbatim', async () => {
    s.fake.failNext('*', { error_code: 400, description: 'Bad Request: PEER_ID_INVALID' });
    const err = await rejection(s.bot.telegram.getChat(s.chatId));
    expect(err.description).to.equal('Bad Request: PEER_ID_INVALID');
    expect((await s.bot.telegram.getChat(s.chatId)).id).to.equal(s.chatId);
  });

  it('when the bot makes calls, then the log keeps them in order with params, chat_id and answers', async () => {
    await s.bot.telegram.sendMessage(s.chatId, 'one');
    await rejection(s.bot.telegram.deleteMessage(s.chatId, 777));
    const [send, del] = s.fake.calls.all();
    expect(send).to.deep.include({ method: 'sendMessage', chatId: s.chatId, ok: true, status: 200 });
    expect(send?.params).to.deep.include({ chat_id: s.chatId, text: 'one' });
    expect(send?.response).to.have.nested.property('result.text', 'one');
    expect(del).to.deep.include({ method: 'deleteMessage', ok: false, status: 400 });
    expect(del?.response).to.deep.include({ description: 'Bad Request: message to delete not found' });
    expect((send?.seq ?? 0) < (del?.seq ?? 0)).to.equal(true);
    s.fake.calls.clear();
    expect(s.fake.calls.all()).to.have.length(0);
  });

  it('when the token is wrong, then the answer is 401 Unauthorized', async () => {
    const res = await fetch(`${s.fake.apiRoot}/bot123:wrong/getMe`);
    expect(res.status).to.equal(401);
    expect(await res.json()).to.deep.equal({ ok: false, error_code: 401, description: 'Unauthorized' });
  });

  it('when the method does not exist, then the answer is 404; a real but unmodelled method is accepted', async () => {
    const missing = await fetch(`${s.fake.apiRoot}/bot${s.fake.token}/banEveryone`, { method: 'POST' });
    expect(missing.status).to.equal(404);
    expect(await missing.json()).to.deep.equal({ ok: false, error_code: 404, description: 'Not Found' });
    expect(await s.bot.telegram.sendChatAction(s.chatId, 'typing')).to.equal(true);
    expect(s.fake.calls.last()?.method).to.equal('sendChatAction');
  });

  it('when a call comes form-encoded or as a GET query, then it is parsed like JSON', async () => {
    const form = await fetch(`${s.fake.apiRoot}/bot${s.fake.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ chat_id: String(s.chatId), text: 'form', reply_markup: JSON.stringify({ inline_keyboard: [] }) }),
    });
    expect(((await form.json()) as { result: { text: string } }).result.text).to.equal('form');
    const get = await fetch(`${s.fake.apiRoot}/bot${s.fake.token}/GETCHATMEMBER?chat_id=${s.chatId}&user_id=${s.member.id}`);
    expect(((await get.json()) as { result: { status: string } }).result.status).to.equal('member');
    expect(s.fake.calls.last()?.method).to.equal('getChatMember');
  });

  it('when a multipart upload arrives, then its fields are parsed and the file is summarised', async () => {
    const body = new FormData();
    body.set('chat_id', String(s.chatId));
    body.set('caption', 'look');
    body.set('photo', new Blob([Buffer.from('png-bytes')], { type: 'image/png' }), 'a.png');
    const res = await fetch(`${s.fake.apiRoot}/bot${s.fake.token}/sendPhoto`, { method: 'POST', body });
    expect(res.status).to.equal(200);
    expect(s.fake.calls.last()?.params).to.deep.include({ chat_id: String(s.chatId), caption: 'look' });
    expect(s.fake.calls.last()?.params['photo']).to.deep.equal({ filename: 'a.png', contentType: 'image/png', size: 9 });
  });

  it('when a basic group was migrated, then calls to the old id get migrate_to_chat_id', async () => {
    const oldId = -Math.abs(s.chatId % 1_000_000) - 1;
    s.fake.state.addChat({ id: oldId, type: 'group' });
    const [toUpdate, fromUpdate] = s.fake.updates.migrateToChat({ chat: oldId, newChatId: oldId * 1000, from: s.owner });
    expect(toUpdate.message.migrate_to_chat_id).to.equal(oldId * 1000);
    expect(fromUpdate.message.migrate_from_chat_id).to.equal(oldId);
    const err = await rejection(s.bot.telegram.sendMessage(oldId, 'x'));
    expect(err.description).to.equal('Bad Request: group chat was upgraded to a supergroup chat');
    expect(err.parameters?.migrate_to_chat_id).to.equal(oldId * 1000);
    expect((await s.bot.telegram.sendMessage(oldId * 1000, 'x')).chat.id).to.equal(oldId * 1000);
  });
});
