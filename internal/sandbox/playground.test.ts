import { expect } from 'chai';
import { Telegraf } from 'telegraf';
import { AppError } from '../shared/errors.js';
import { DEMO_GROUP_ID, startPlayground, type Playground } from './playground.js';

const code = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return err instanceof AppError ? err.code : 'other';
  }
};

describe('sandbox: the playground group', () => {
  let pg: Playground;
  let bot: Telegraf;
  beforeEach(async () => {
    pg = await startPlayground();
    bot = new Telegraf(pg.telegram.token, { telegram: { apiRoot: pg.telegram.apiRoot } });
  });
  afterEach(() => pg.stop());

  it('when it starts, then the owner created the group, the admin and member are in it, the newcomer is not, and the bot is not added yet', async () => {
    const view = pg.view();
    expect(view.personas.map((p) => [p.key, p.status])).to.deep.equal([
      ['owner', 'creator'],
      ['admin', 'administrator'],
      ['member', 'member'],
      ['newcomer', 'left'],
    ]);
    const err = await bot.telegram.getChat(DEMO_GROUP_ID).then(
      () => undefined,
      (e: Error) => e.message,
    );
    expect(err).to.include('bot is not a member');
    pg.addBot();
    const updates = await bot.telegram.getUpdates(0, 10, 0, []);
    expect(updates.map((u) => Object.keys(u)[1])).to.deep.equal(['my_chat_member']);
    expect((await bot.telegram.getChatMember(DEMO_GROUP_ID, bot.botInfo?.id ?? (await bot.telegram.getMe()).id)).status).to.equal('administrator');
  });

  it('when a persona is muted, out or banned, then they cannot post, as Telegram would not let them', async () => {
    pg.addBot();
    const [owner, , member, newcomer] = pg.view().personas.map((p) => p.user_id);
    expect(owner).to.be.a('number');
    await bot.telegram.restrictChatMember(DEMO_GROUP_ID, member ?? 0, { permissions: { can_send_messages: false } });
    expect(pg.view().personas.find((p) => p.key === 'member')).to.include({ status: 'restricted', can_send: false });
    expect(code(() => pg.say('member', 'hello'))).to.equal('CONFLICT');
    expect(code(() => pg.say('newcomer', 'hello'))).to.equal('CONFLICT');
    expect(code(() => pg.leave('newcomer'))).to.equal('CONFLICT');
    await bot.telegram.banChatMember(DEMO_GROUP_ID, newcomer ?? 0);
    expect(code(() => pg.join('newcomer'))).to.equal('CONFLICT');
    expect(code(() => pg.say('admin', ' '))).to.equal('VALIDATION_FAILED');
    expect(code(() => pg.leave('owner'))).to.equal('CONFLICT');
  });

  it('when people talk and the bot deletes a message, then the chat shows every message in order, the deleted one marked', async () => {
    pg.addBot();
    pg.say('member', 'first');
    pg.join('newcomer');
    pg.say('newcomer', 'buy cheap followers');
    const spam = pg.view().messages.find((m) => m.text === 'buy cheap followers');
    await bot.telegram.deleteMessage(DEMO_GROUP_ID, spam?.message_id ?? 0);
    await bot.telegram.sendMessage(DEMO_GROUP_ID, 'Removed a message: spam.');
    const shown = pg.view().messages.map((m) => [m.from_name, m.event ?? m.text, m.deleted]);
    expect(shown).to.deep.equal([
      ['Max', 'first', false],
      ['Nina', 'joined', false],
      ['Nina', 'buy cheap followers', true],
      ['Playground Bot', 'Removed a message: spam.', false],
    ]);
  });
});
