import { expect } from 'chai';
import { startBotScene, type BotScene } from './bot-scene.js';

describe('bot /dashboard (the Mini App button)', () => {
  let s: BotScene;
  afterEach(() => s.close());

  /** Sends `text` in the member's private chat with the bot and returns what the bot sent there. */
  const inPrivate = async (text: string) => {
    const mark = s.mark();
    await s.handle(s.fake.updates.textMessage({ chat: s.owner.id, from: s.owner, text }));
    return s.callsSince(mark, 'sendMessage').filter((c) => c.params.chat_id === s.owner.id || Number(c.params.chat_id) === s.owner.id);
  };

  it('when asked in a private chat and WEB_PUBLIC_URL is https, then the bot sends a web_app button to it, as Telegram allows there', async () => {
    s = await startBotScene({ dashboardUrl: 'https://bots.example.com/' });
    const [sent] = await inPrivate('/dashboard');
    expect(sent?.params.reply_markup).to.deep.equal({ inline_keyboard: [[{ text: 'Open dashboard', web_app: { url: 'https://bots.example.com/' } }]] });
  });

  it('when asked in a group, then the bot answers with a link to its private chat (web_app buttons are refused in groups)', async () => {
    s = await startBotScene({ dashboardUrl: 'https://bots.example.com/' });
    const mark = s.mark();
    await s.say(s.owner, '/dashboard');
    const [sent] = s.callsSince(mark, 'sendMessage');
    expect(sent?.params.text).to.equal('The dashboard opens in a private chat with me.');
    const markup = sent?.params.reply_markup as { inline_keyboard: { url: string }[][] };
    expect(markup.inline_keyboard[0]?.[0]?.url).to.match(/^https:\/\/t\.me\/\w+\?start=dashboard$/);
    // Following the link starts the private chat with the payload: the button comes there.
    const [button] = await inPrivate('/start dashboard');
    expect(button?.params.reply_markup).to.deep.include({ inline_keyboard: [[{ text: 'Open dashboard', web_app: { url: 'https://bots.example.com/' } }]] });
  });

  it('when the dashboard is local http or not configured, then the bot says so in words, never with a button Telegram would refuse', async () => {
    s = await startBotScene({ dashboardUrl: 'http://127.0.0.1:8002/' });
    const [local] = await inPrivate('/dashboard');
    expect(local?.params.text).to.equal('Open the dashboard at http://127.0.0.1:8002/');
    expect(local?.params.reply_markup).to.equal(undefined);
    await s.close();
    s = await startBotScene();
    const [none] = await inPrivate('/dashboard');
    expect(none?.params.text).to.equal('The dashboard is not set up here: its address (WEB_PUBLIC_URL) is not configured.');
  });

  it('when the fake is asked for a web_app button in a group, then it refuses as Telegram does (BUTTON_TYPE_INVALID)', async () => {
    s = await startBotScene();
    const err = await s.bot.telegraf.telegram
      .sendMessage(s.chatId, 'x', { reply_markup: { inline_keyboard: [[{ text: 'x', web_app: { url: 'https://a.example' } }]] } })
      .then(
        () => undefined,
        (e: unknown) => e as { description: string },
      );
    expect(err?.description).to.equal('Bad Request: BUTTON_TYPE_INVALID');
  });
});
