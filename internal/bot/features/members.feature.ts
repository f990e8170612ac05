import { Composer, type Context } from 'telegraf';
import { message } from 'telegraf/filters';
import type { ChatMember, User as TgUser } from 'telegraf/types';
import { RIGHT_NAMES } from '../commands/command.js';
import type { BotDeps } from '../bot-deps.js';
import { reloadAdminsLater } from '../groups/group-counts.js';
import { forgetGroup, markInactive, registerGroup } from '../groups/group-registry.js';
import { recordCreatorLater } from '../groups/group-owner.js';
import type { Feature } from './feature.js';
import { countMembership, trackMember } from '../groups/members.js';
import { sanction } from '../moderation/sanctions.js';
import { renderWelcome } from '../messages/welcome.js';
import { toAdminEntry, type AdminRight } from '../permissions/admin-cache.js';

/** What the bot needs to moderate; promote and change-info are only for /promote and settings. */
export const NEEDED_RIGHTS: readonly AdminRight[] = ['can_delete_messages', 'can_restrict_members', 'can_pin_messages'];

const present = (m: ChatMember) => ['creator', 'administrator', 'member', 'restricted'].includes(m.status) && (m.status !== 'restricted' || m.is_member);
const isAdmin = (m: ChatMember) => m.status === 'creator' || m.status === 'administrator';

/** The reply to being added: what is missing, by the names Telegram's admin screen uses. */
export function missingRightsText(me: ChatMember): string {
  const entry = toAdminEntry(me);
  if (!entry) return `Thanks for adding me! Make me an admin with ${NEEDED_RIGHTS.map((r) => `"${RIGHT_NAMES[r]}"`).join(', ')} so I can moderate.`;
  const missing = NEEDED_RIGHTS.filter((r) => entry.status !== 'creator' && entry.rights[r] !== true);
  return missing.length
    ? `I'm an admin, but I still lack: ${missing.map((r) => `"${RIGHT_NAMES[r]}"`).join(', ')}. Without them some commands will not work.`
    : "I'm set up with every right I need. Send /help to see what I can do.";
}

async function greet(deps: BotDeps, chatId: number, chatName: string, user: TgUser): Promise<void> {
  const { settings } = await deps.config.get(chatId);
  if (!settings.welcome_message_enabled || !settings.welcome_message) return;
  const count = await deps.telegram.getChatMembersCount(chatId).catch(() => undefined);
  const sent = await deps.telegram.sendMessage(chatId, renderWelcome(settings.welcome_message, { user, chatName, count }), { parse_mode: 'HTML' });
  // Only the latest welcome stays: a raid of joins must not bury the chat in greetings.
  const key = `welcome:last:${chatId}`;
  const previous = Number(await deps.kv.get(key));
  await deps.kv.set(key, String(sent.message_id), 7 * 86400);
  if (previous) await deps.telegram.deleteMessage(chatId, previous).catch(() => undefined);
}

/**
 * Welcomes run in the background, one at a time per chat; joins that arrive while one is
 * being sent collapse into a single welcome for the newest member. During a raid of 200
 * joins the group sees a couple of welcomes, not 200 paced over ten minutes.
 */
function welcomer(deps: BotDeps): (chatId: number, chatName: string, user: TgUser) => void {
  const next = new Map<number, { chatName: string; user: TgUser } | null>();
  const run = async (chatId: number, first: { chatName: string; user: TgUser }) => {
    for (let job: { chatName: string; user: TgUser } | null | undefined = first; job; job = next.get(chatId)) {
      next.set(chatId, null);
      await greet(deps, chatId, job.chatName, job.user).catch((err: unknown) =>
        deps.logger.warn('welcome failed', { chat_id: chatId, error: (err as Error).message }),
      );
    }
    next.delete(chatId);
  };
  return (chatId, chatName, user) => {
    if (next.has(chatId)) {
      next.set(chatId, { chatName, user });
      return;
    }
    deps.notify.track(run(chatId, { chatName, user }));
  };
}

export function membersFeature(deps: BotDeps): Feature {
  const composer = new Composer<Context>();
  const welcome = welcomer(deps);

  composer.on('my_chat_member', async (ctx) => {
    const u = ctx.myChatMember;
    const chat = u.chat;
    if (chat.type !== 'group' && chat.type !== 'supergroup') return;
    const title = chat.title;
    await deps.admins.invalidate(chat.id);
    if (!present(u.new_chat_member)) {
      await markInactive(deps, chat.id);
      return;
    }
    const added = !present(u.old_chat_member);
    if (added) {
      await registerGroup(deps, chat.id, title);
      recordCreatorLater(deps, chat.id);
    }
    // Registered or with changed rights, the bot reloads the admins: that writes the counts.
    reloadAdminsLater(deps, chat.id);
    // Tell the admins what is missing when the bot arrives or its rights change.
    if (added || isAdmin(u.old_chat_member) !== isAdmin(u.new_chat_member) || isAdmin(u.new_chat_member)) {
      deps.notify.send(chat.id, missingRightsText(u.new_chat_member));
    }
  });

  composer.on(message('migrate_to_chat_id'), async (ctx) => {
    // Telegram made the group a supergroup with a new id: the data follows it.
    await deps.api.migrateGroup(ctx.message.chat.id, ctx.message.migrate_to_chat_id);
    await forgetGroup(deps, ctx.message.chat.id);
    deps.config.forget(ctx.message.chat.id);
  });

  composer.on('chat_member', async (ctx) => {
    const u = ctx.chatMember;
    if (isAdmin(u.old_chat_member) || isAdmin(u.new_chat_member)) {
      await deps.admins.invalidate(u.chat.id);
      reloadAdminsLater(deps, u.chat.id);
    }
    const was = present(u.old_chat_member);
    const is = present(u.new_chat_member);
    if (was === is) return;
    const change = is ? 'joined' : 'left';
    await trackMember(deps, u.chat.id, u.new_chat_member.user, change);
    await countMembership(deps, u.chat.id, u.new_chat_member.user.id, change);
  });

  composer.on(message('new_chat_members'), async (ctx) => {
    const chat = ctx.message.chat;
    const { settings } = await deps.config.get(chat.id);
    for (const user of ctx.message.new_chat_members) {
      if (user.id === deps.me.id) continue;
      if (user.is_bot) {
        // The "bots" lock: a bot added by someone who is not an admin is removed at once.
        const adder = ctx.message.from;
        if (settings.locks.includes('bots') && !(await deps.admins.find(chat.id, adder.id))) {
          await sanction(deps, 'ban', { chatId: chat.id, target: user, adminId: null, reason: 'bots are locked', source: 'auto' });
        }
        continue;
      }
      await trackMember(deps, chat.id, user, 'joined');
      await countMembership(deps, chat.id, user.id, 'joined');
      welcome(chat.id, 'title' in chat ? chat.title : '', user);
    }
  });

  composer.on(message('left_chat_member'), async (ctx) => {
    const chat = ctx.message.chat;
    const user = ctx.message.left_chat_member;
    if (user.id === deps.me.id || user.is_bot) return;
    await trackMember(deps, chat.id, user, 'left');
    await countMembership(deps, chat.id, user.id, 'left');
    const { settings } = await deps.config.get(chat.id);
    if (settings.goodbye_message_enabled && settings.goodbye_message) {
      deps.notify.send(chat.id, renderWelcome(settings.goodbye_message, { user, chatName: 'title' in chat ? chat.title : '', count: undefined }));
    }
  });

  return { name: 'members', composer, commands: [] };
}
