import { Composer, type Context } from 'telegraf';
import { callbackQuery } from 'telegraf/filters';
import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { Settings, SettingsPatchInput } from '../../domain/index.js';
import type { BotDeps } from '../bot-deps.js';
import { describeFailure } from '../commands/failures.js';
import type { Feature } from './feature.js';
import { escapeHtml } from '../messages/html.js';
import { telegramMemberOf } from '../permissions/admin-cache.js';

/** The locks a button toggles; automod knows more (see LOCK_TYPES) that /settings leaves to the api. */
const LOCK_BUTTONS = ['links', 'forwards', 'stickers', 'media', 'bots'] as const;
type Toggle = 'welcome' | 'goodbye' | 'antiflood' | `lock:${(typeof LOCK_BUTTONS)[number]}`;
const TOGGLES: readonly Toggle[] = ['welcome', 'goodbye', 'antiflood', ...LOCK_BUTTONS.map((l) => `lock:${l}` as const)];
const PREFIX = 'set:';

function isOn(s: Settings, t: Toggle): boolean {
  if (t === 'welcome') return s.welcome_message_enabled;
  if (t === 'goodbye') return s.goodbye_message_enabled;
  if (t === 'antiflood') return s.antiflood.enabled;
  return s.locks.includes(t.slice(5));
}

/** The change a press makes: the opposite of what is stored now. */
export function togglePatch(s: Settings, t: Toggle): SettingsPatchInput {
  const on = !isOn(s, t);
  if (t === 'welcome') return { welcome_message_enabled: on };
  if (t === 'goodbye') return { goodbye_message_enabled: on };
  if (t === 'antiflood') return { antiflood: { enabled: on } };
  const lock = t.slice(5);
  return { locks: on ? [...s.locks, lock] : s.locks.filter((l) => l !== lock) };
}

export function settingsKeyboard(s: Settings): InlineKeyboardMarkup {
  const label = (t: Toggle) => `${isOn(s, t) ? '✅' : '❌'} ${t.startsWith('lock:') ? `Lock ${t.slice(5)}` : t[0]?.toUpperCase() + t.slice(1)}`;
  const buttons = TOGGLES.map((t) => ({ text: label(t), callback_data: `${PREFIX}${t}` }));
  const rows = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return { inline_keyboard: rows };
}

function summary(s: Settings, title: string): string {
  const flood = s.antiflood.enabled ? `on: ${s.antiflood.limit} messages in ${s.antiflood.window_s}s, then ${s.antiflood.action}` : 'off';
  return `Settings of ${escapeHtml(title)}\nWarn limit: ${s.warn_limit}, then ${s.warn_mode}\nAntiflood: ${flood}\nLocks: ${s.locks.length ? escapeHtml(s.locks.join(', ')) : 'none'}\n\nTap to toggle:`;
}

export function settingsFeature(deps: BotDeps): Feature {
  const composer = new Composer<Context>();
  composer.on(callbackQuery('data'), async (ctx, next) => {
    const data = ctx.callbackQuery.data;
    if (!data.startsWith(PREFIX)) return next();
    const toggle = data.slice(PREFIX.length) as Toggle;
    const msg = ctx.callbackQuery.message;
    if (!TOGGLES.includes(toggle) || !msg) return ctx.answerCbQuery('This button is no longer valid.');
    const chatId = msg.chat.id;
    const from = ctx.callbackQuery.from;
    try {
      // The presser is checked like a command sender: a member can't flip settings by
      // pressing an admin's keyboard.
      const verdict = await deps.api.checkPermission({
        group_id: chatId,
        user_id: from.id,
        permission: 'settings.edit',
        telegram: telegramMemberOf(await deps.admins.find(chatId, from.id)),
      });
      if (!verdict.allowed) return await ctx.answerCbQuery('Only admins who can change group info may change settings.', { show_alert: true });
      const current = await deps.api.getSettings(chatId);
      const updated = await deps.api.updateSettings(chatId, togglePatch(current, toggle), { actorId: from.id });
      deps.config.forget(chatId);
      await ctx.editMessageReplyMarkup(settingsKeyboard(updated));
      await ctx.answerCbQuery(`${toggle.replace('lock:', 'lock ')}: ${isOn(updated, toggle) ? 'on' : 'off'}`);
    } catch (err) {
      await ctx.answerCbQuery(
        describeFailure(err)
          .reply.replace(/<[^>]+>/g, '')
          .slice(0, 190),
        { show_alert: true },
      );
    }
  });
  return {
    name: 'settings',
    composer,
    commands: [
      {
        name: 'settings',
        usage: '/settings',
        description: "Show and toggle the group's settings",
        permission: 'settings.edit',
        help: 'Buttons toggle welcome, goodbye, antiflood and the common locks.',
        async run(call) {
          const s = await call.deps.api.getSettings(call.chatId);
          await call.reply(summary(s, call.chatTitle), { reply_markup: settingsKeyboard(s) });
        },
      },
    ],
  };
}
