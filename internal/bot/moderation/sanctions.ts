import type { ChatPermissions } from 'telegraf/types';
import type { ActionCreated, ActionCreateInput, Penalty } from '../../domain/index.js';
import { formatDuration } from '../parsing/index.js';
import type { BotDeps } from '../bot-deps.js';
import { mention, type Person } from '../messages/html.js';

export type Sanction = 'ban' | 'kick' | 'mute';

export interface ModerationRequest {
  chatId: number;
  target: Person;
  /** Who decided: the admin's id, or null for automatic moderation. */
  adminId: number | null;
  reason: string;
  /** Seconds; undefined or null for permanent. */
  duration?: number | null | undefined;
  source: 'bot' | 'auto' | 'web';
  ruleName?: string | null;
}

const MUTED: ChatPermissions = {
  can_send_messages: false,
  can_send_audios: false,
  can_send_documents: false,
  can_send_photos: false,
  can_send_videos: false,
  can_send_video_notes: false,
  can_send_voice_notes: false,
  can_send_polls: false,
  can_send_other_messages: false,
  can_add_web_page_previews: false,
  can_change_info: false,
  can_invite_users: false,
  can_pin_messages: false,
  can_manage_topics: false,
};

const untilDate = (deps: BotDeps, seconds: number | null | undefined) => (seconds ? Math.floor(deps.now() / 1000) + seconds : undefined);

/** Records what was done, with its reason and source, naming the admin as the actor. */
export function record(
  deps: BotDeps,
  req: ModerationRequest,
  action_type: ActionCreateInput['action_type'],
  extra: Partial<ActionCreateInput> = {},
): Promise<ActionCreated> {
  return deps.api.recordAction(
    req.chatId,
    {
      user_id: req.target.id,
      admin_id: req.adminId,
      action_type,
      reason: req.reason || null,
      duration: req.duration ?? null,
      source: req.source,
      rule_name: req.ruleName ?? null,
      ...extra,
    },
    req.adminId === null ? {} : { actorId: req.adminId },
  );
}

/** Carries out a ban, kick or mute in Telegram, then records it. */
export async function sanction(deps: BotDeps, kind: Sanction, req: ModerationRequest): Promise<void> {
  const { chatId, target } = req;
  if (kind === 'ban') {
    const until = untilDate(deps, req.duration);
    await deps.telegram.banChatMember(chatId, target.id, until, { revoke_messages: false });
  } else if (kind === 'kick') {
    // Telegram has no kick: a ban lifted at once removes them and lets them rejoin.
    await deps.telegram.banChatMember(chatId, target.id);
    await deps.telegram.unbanChatMember(chatId, target.id, { only_if_banned: true });
  } else {
    const until = untilDate(deps, req.duration);
    await deps.telegram.restrictChatMember(chatId, target.id, {
      permissions: MUTED,
      use_independent_chat_permissions: true,
      ...(until ? { until_date: until } : {}),
    });
  }
  await record(deps, { ...req, duration: kind === 'kick' ? null : req.duration }, kind);
}

/**
 * Lifts a mute by giving back the group's default permissions, not "everything". Answers
 * false, touching and recording nothing, when Telegram says the member is not restricted:
 * the record says only what happened.
 */
export async function unmute(deps: BotDeps, req: ModerationRequest): Promise<boolean> {
  if ((await deps.telegram.getChatMember(req.chatId, req.target.id)).status !== 'restricted') return false;
  const chat = await deps.telegram.getChat(req.chatId);
  const defaults =
    'permissions' in chat && chat.permissions
      ? chat.permissions
      : { can_send_messages: true, can_send_other_messages: true, can_add_web_page_previews: true, can_send_polls: true };
  await deps.telegram.restrictChatMember(req.chatId, req.target.id, { permissions: defaults, use_independent_chat_permissions: true });
  await record(deps, req, 'unmute');
  return true;
}

/** Lifts a ban; answers false, touching and recording nothing, when Telegram says they are not banned. */
export async function unban(deps: BotDeps, req: ModerationRequest): Promise<boolean> {
  if ((await deps.telegram.getChatMember(req.chatId, req.target.id)).status !== 'kicked') return false;
  // only_if_banned: unbanning someone who is a member would otherwise kick them.
  await deps.telegram.unbanChatMember(req.chatId, req.target.id, { only_if_banned: true });
  await record(deps, req, 'unban');
  return true;
}

const PAST: Record<Sanction, string> = { ban: 'Banned', kick: 'Kicked', mute: 'Muted' };

/** "Banned Max for 2 days." */
export function sanctionText(kind: Sanction, target: Person, duration?: number | null): string {
  const span = duration && kind !== 'kick' ? ` for ${formatDuration(duration)}` : '';
  return `${PAST[kind]} ${mention(target)}${span}.`;
}

/** A warn limit's penalty, as the sanction to apply. */
export function penaltySanction(p: Penalty): { kind: Sanction; duration: number | null } {
  return { kind: p.action_type, duration: p.duration };
}
