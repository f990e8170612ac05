import { Composer, type Context } from 'telegraf';
import type { Message } from 'telegraf/types';
import type { Rule, Settings } from '../../domain/index.js';
import type { BotDeps } from '../bot-deps.js';
import type { Feature } from '../features/feature.js';
import { record, sanction, sanctionText, type Sanction } from '../moderation/sanctions.js';
import { warn } from '../features/warns.feature.js';
import { formatDuration } from '../parsing/index.js';
import { isExempt } from './exempt.js';
import { lockedKinds } from './message-kinds.js';
import { matchRule } from './triggers.js';

/** tmute/tban from antiflood: the settings carry no duration, so an hour, like Rose's default. */
export const FLOOD_TEMP_S = 3600;

const SERVICE = ['new_chat_members', 'left_chat_member', 'migrate_to_chat_id', 'migrate_from_chat_id', 'pinned_message', 'new_chat_title', 'new_chat_photo'];

function floodSanction(action: Settings['antiflood']['action']): { kind: Sanction; duration: number | null } {
  if (action === 'tmute') return { kind: 'mute', duration: FLOOD_TEMP_S };
  if (action === 'tban') return { kind: 'ban', duration: FLOOD_TEMP_S };
  return { kind: action, duration: null };
}

async function deleteQuietly(deps: BotDeps, m: Message): Promise<void> {
  // Gone already (another admin, or a second replica): nothing to do.
  await deps.telegram.deleteMessage(m.chat.id, m.message_id).catch(() => undefined);
}

async function enforceRule(deps: BotDeps, m: Message, rule: Rule, target: NonNullable<Message['from']>): Promise<void> {
  await deleteQuietly(deps, m);
  const req = {
    chatId: m.chat.id,
    target,
    adminId: null,
    reason: `rule ${rule.rule_name}${rule.description ? `: ${rule.description}` : ''}`,
    duration: rule.penalty_duration,
    source: 'auto' as const,
    ruleName: rule.rule_name,
  };
  if (rule.penalty === 'none') {
    await record(deps, { ...req, duration: null }, 'delete');
    return;
  }
  if (rule.penalty === 'warn') {
    deps.notify.send(m.chat.id, await warn(deps, { ...req, duration: null }));
    return;
  }
  const duration = rule.penalty === 'kick' ? null : rule.penalty_duration;
  await sanction(deps, rule.penalty, { ...req, duration });
  deps.notify.send(m.chat.id, `${sanctionText(rule.penalty, target, duration)} Rule: ${rule.rule_name}.`);
}

/** Antiflood, locks and rules with triggers, on every group message that isn't a command. */
export function automodFeature(deps: BotDeps): Feature {
  const composer = new Composer<Context>();
  composer.on('message', async (ctx, next) => {
    const m = ctx.message;
    if ((m.chat.type !== 'group' && m.chat.type !== 'supergroup') || SERVICE.some((k) => k in m)) return next();
    const { settings, rules } = await deps.config.get(m.chat.id);
    if (!settings.moderation_enabled) return next();
    const from = m.from;
    const locks = lockedKinds(m).filter((k) => settings.locks.includes(k));
    const rule = matchRule(rules, m);
    const fl = settings.antiflood;
    const flooding =
      fl.enabled && !('sender_chat' in m && m.sender_chat) && (await deps.kv.hit(`flood:${m.chat.id}:${from.id}`, fl.window_s * 1000, deps.now())) > fl.limit;
    if (!locks.length && !rule && !flooding) return next();
    if (await isExempt(deps, m)) return next();

    if (flooding) {
      // One sanction per burst: later messages of the same burst only get deleted.
      const marker = `flooded:${m.chat.id}:${from.id}`;
      if (await deps.kv.get(marker)) return deleteQuietly(deps, m);
      await deps.kv.set(marker, '1', fl.window_s);
      const s = floodSanction(fl.action);
      await sanction(deps, s.kind, {
        chatId: m.chat.id,
        target: from,
        adminId: null,
        reason: `flood: more than ${fl.limit} messages in ${formatDuration(fl.window_s)}`,
        duration: s.duration,
        source: 'auto',
      });
      deps.notify.send(m.chat.id, `${sanctionText(s.kind, from, s.duration)} Reason: flooding.`);
      return;
    }
    if (rule) return enforceRule(deps, m, rule, from);
    await deleteQuietly(deps, m);
    await record(deps, { chatId: m.chat.id, target: from, adminId: null, reason: `locked: ${locks.join(', ')}`, source: 'auto' }, 'delete');
    deps.logger.debug('locked message deleted', { chat_id: m.chat.id, user_id: from.id, locks });
  });
  return { name: 'automod', composer, commands: [] };
}
