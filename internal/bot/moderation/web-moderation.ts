import { botGroupId, botModerationInput, type BotModerationInput, type BotModerationResult } from '../../connect/bot-client.js';
import type { Permission } from '../../domain/index.js';
import { AppError } from '../../shared/errors.js';
import { parseInput } from '../../shared/validation.js';
import type { BotDeps } from '../bot-deps.js';
import { unwarn, warn } from '../features/warns.feature.js';
import { mention, reasonSuffix, type Person } from '../messages/html.js';
import { telegramMemberOf } from '../permissions/admin-cache.js';
import { sanction, sanctionText, unban, unmute, type ModerationRequest } from './sanctions.js';

const PERMISSION_OF: Record<BotModerationInput['action'], Permission> = {
  warn: 'warn',
  unwarn: 'warn',
  mute: 'mute',
  unmute: 'mute',
  ban: 'ban',
  unban: 'ban',
};

/**
 * A moderation a person asks for from the dashboard, carried out as their own /command would
 * be: their Telegram rights, read from Telegram now, decide through the api's permission check
 * (a dashboard never gives more power than Telegram does); admins cannot be targeted; the bot
 * needs "Ban users" for anything but a warn. It is recorded with source `web`, and the group
 * reads the same line a command would post.
 */
export async function moderateForWeb(deps: BotDeps, groupId: number, input: BotModerationInput, actorId: number | undefined): Promise<BotModerationResult> {
  const gid = parseInput(botGroupId, groupId, 'group id');
  const m = parseInput(botModerationInput, input, 'body');
  if (actorId === undefined || actorId <= 0)
    throw AppError.validation('a moderation names the person who asks for it (X-Actor-Id)', [{ path: 'X-Actor-Id', message: 'required' }]);
  const group = await deps.api.getGroup(gid);
  if (!group.is_active) throw AppError.conflict(`the bot is no longer in group ${gid}`);
  const permission = PERMISSION_OF[m.action];
  const verdict = await deps.api.checkPermission({
    group_id: gid,
    user_id: actorId,
    permission,
    telegram: telegramMemberOf(await deps.admins.find(gid, actorId)),
  });
  if (!verdict.allowed)
    throw new AppError('FORBIDDEN', `you need the ${permission} permission in this group (for bans and mutes, Telegram's "Ban users" right)`);
  if (m.user_id === deps.me.id) throw AppError.validation('the bot does not moderate itself', [{ path: 'body.user_id', message: 'the bot' }]);
  if (m.user_id === actorId) throw AppError.validation('you cannot moderate yourself', [{ path: 'body.user_id', message: 'yourself' }]);
  const targetAdmin = await deps.admins.find(gid, m.user_id);
  if (targetAdmin)
    throw AppError.conflict(`${targetAdmin.status === 'creator' ? 'the group owner' : 'admins'} cannot be moderated: Telegram does not allow it`);
  if (m.action !== 'warn' && m.action !== 'unwarn') {
    const me = await deps.admins.find(gid, deps.me.id);
    if (me?.rights.can_restrict_members !== true) throw AppError.conflict('the bot needs the "Ban users" admin right in this group');
  }
  const known = await deps.api.getUser(gid, m.user_id).catch(() => undefined);
  const target: Person = { id: m.user_id, first_name: known?.first_name ?? `user ${m.user_id}`, ...(known?.username ? { username: known.username } : {}) };
  const req: ModerationRequest = { chatId: gid, target, adminId: actorId, reason: m.reason ?? '', duration: m.duration ?? null, source: 'web' };
  let message: string;
  if (m.action === 'warn') message = await warn(deps, req);
  else if (m.action === 'unwarn') {
    // As /unwarn: the newest active warn is revoked, then the unwarn recorded.
    const left = await unwarn(deps, req);
    if (!left) throw AppError.conflict(`${target.first_name} has no active warnings to remove`);
    message = `Removed a warning from ${mention(target)} (${left.count}/${left.limit}).`;
  } else if (m.action === 'unban') {
    if (!(await unban(deps, req))) throw AppError.conflict(`${target.first_name} is not banned`);
    message = `Unbanned ${target.first_name}.`;
  } else if (m.action === 'unmute') {
    if (!(await unmute(deps, req))) throw AppError.conflict(`${target.first_name} is not muted`);
    message = `Unmuted ${target.first_name}.`;
  } else {
    await sanction(deps, m.action, req);
    message = sanctionText(m.action, target, req.duration) + reasonSuffix(req.reason);
  }
  deps.notify.send(gid, message);
  return { action: m.action, message };
}
