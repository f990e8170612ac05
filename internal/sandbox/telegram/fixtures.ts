// Shared setup for the fake's own tests: a fake server, a real telegraf client pointed at it,
// and a uniquely numbered supergroup with an owner and a member.
import { Telegraf, TelegramError } from 'telegraf';
import type { AddChatOptions } from './state.js';
import { startFakeTelegram, type FakeTelegram, type FakeTelegramOptions } from './server.js';
import type { User } from './types.js';

let nextId = 1;

export function uniqueId(): number {
  return 100_000 + nextId++ * 10 + Math.floor(Math.random() * 10);
}

export interface Scene {
  fake: FakeTelegram;
  bot: Telegraf;
  chatId: number;
  owner: User;
  member: User;
}

export async function startScene(botInChat: AddChatOptions['bot'] = {}, fakeOpts: FakeTelegramOptions = {}): Promise<Scene> {
  const fake = await startFakeTelegram(fakeOpts);
  const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot } });
  const chatId = -1_000_000_000_000 - uniqueId();
  const owner = fake.state.addUser({ id: uniqueId(), first_name: 'Olga', username: `owner${uniqueId()}` });
  const member = fake.state.addUser({ id: uniqueId(), first_name: 'Max', username: `member${uniqueId()}` });
  fake.state.addChat({ id: chatId, type: 'supergroup', title: 'Fake group', creator: owner, bot: botInChat });
  fake.state.setMember(chatId, member, { status: 'member' });
  return { fake, bot, chatId, owner, member };
}

/** The TelegramError a Bot API call rejected with; fails the test if it did not reject. */
export async function rejection(promise: Promise<unknown>): Promise<TelegramError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof TelegramError) return err;
    throw err;
  }
  throw new Error('expected a TelegramError');
}
