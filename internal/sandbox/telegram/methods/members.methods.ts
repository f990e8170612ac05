import { BotApiError, Reasons } from '../errors.js';
import { optBool, optInt, optObject, reqChatId, reqInt } from '../params.js';
import { toApiMember } from '../render.js';
import { allPermissions, allRights } from '../state.js';
import { ADMIN_RIGHT_KEYS, PERMISSION_KEYS, SEND_KEYS, type AdminRights, type FakeChat, type MemberRecord, type Permissions } from '../types.js';
import type { MethodContext, MethodHandler } from './handler.js';

function target(ctx: MethodContext): { chat: FakeChat; userId: number; record: MemberRecord } {
  const chat = ctx.state.chatWithBot(reqChatId(ctx.params));
  const userId = reqInt(ctx.params, 'user_id');
  ctx.state.user(userId);
  return { chat, userId, record: ctx.state.member(chat.id, userId) };
}

function requireRestrictRights(ctx: MethodContext, chat: FakeChat): void {
  if (!ctx.state.botHas(chat.id, 'can_restrict_members')) throw BotApiError.badRequest(Reasons.restrictRights);
}

/** Owners and admins are out of reach of ban/restrict, whatever the bot's rights. */
function refuseAdmins(record: MemberRecord): void {
  if (record.status === 'creator') throw BotApiError.badRequest(Reasons.cantRemoveOwner);
  if (record.status === 'administrator') throw BotApiError.badRequest(Reasons.userIsAdmin);
}

const getChatMember: MethodHandler = (ctx) => {
  const { record } = target(ctx);
  return toApiMember(ctx.state, record);
};

const getChatAdministrators: MethodHandler = (ctx) => {
  const chat = ctx.state.chatWithBot(reqChatId(ctx.params));
  return [...ctx.state.membersOf(chat.id).keys()]
    .map((id) => ctx.state.member(chat.id, id))
    .filter((m) => m.status === 'creator' || m.status === 'administrator')
    .map((m) => toApiMember(ctx.state, m));
};

const getChatMemberCount: MethodHandler = (ctx) => {
  const chat = ctx.state.chatWithBot(reqChatId(ctx.params));
  return [...ctx.state.membersOf(chat.id).keys()]
    .map((id) => ctx.state.member(chat.id, id))
    .filter((m) => ['creator', 'administrator', 'member'].includes(m.status) || (m.status === 'restricted' && m.isMember !== false)).length;
};

const banChatMember: MethodHandler = (ctx) => {
  const { chat, userId, record } = target(ctx);
  requireRestrictRights(ctx, chat);
  refuseAdmins(record);
  // until_date only applies to supergroups; a basic-group ban is always permanent.
  const untilDate = chat.type === 'supergroup' ? ctx.state.normaliseUntil(optInt(ctx.params, 'until_date')) : 0;
  ctx.state.replaceMember(chat.id, { userId, status: 'kicked', untilDate });
  return true;
};

/**
 * Without `only_if_banned` Telegram guarantees the user ends up outside the chat, so a
 * present member is removed too; with it, only a banned user is touched.
 */
const unbanChatMember: MethodHandler = (ctx) => {
  const { chat, userId, record } = target(ctx);
  if (chat.type !== 'supergroup') throw BotApiError.badRequest(Reasons.supergroupOrChannelOnly);
  requireRestrictRights(ctx, chat);
  if (optBool(ctx.params, 'only_if_banned') === true && record.status !== 'kicked') return true;
  refuseAdmins(record);
  ctx.state.replaceMember(chat.id, { userId, status: 'left' });
  return true;
};

/**
 * Unless `use_independent_chat_permissions` is set, Telegram derives dependent permissions:
 * other messages and web page previews imply all media and text; polls imply text.
 */
function resolvePermissions(requested: Record<string, unknown>, independent: boolean): Permissions {
  const perms = allPermissions(false);
  for (const key of PERMISSION_KEYS) perms[key] = requested[key] === true;
  if (!independent) {
    if (perms.can_send_other_messages || perms.can_add_web_page_previews) {
      for (const key of SEND_KEYS) perms[key] = true;
    }
    if (perms.can_send_polls) perms.can_send_messages = true;
  }
  return perms;
}

const restrictChatMember: MethodHandler = (ctx) => {
  const { chat, userId, record } = target(ctx);
  if (chat.type !== 'supergroup') throw BotApiError.badRequest(Reasons.supergroupOnly);
  requireRestrictRights(ctx, chat);
  refuseAdmins(record);
  const requested = optObject(ctx.params, 'permissions');
  if (!requested) throw BotApiError.badRequest('parameter "permissions" is required');
  const perms = resolvePermissions(requested, optBool(ctx.params, 'use_independent_chat_permissions') === true);
  const present = record.status === 'member' || (record.status === 'restricted' && record.isMember !== false);
  // Granting everything lifts the restriction: the user is a plain member (or absent) again.
  if (PERMISSION_KEYS.every((key) => perms[key])) {
    ctx.state.replaceMember(chat.id, { userId, status: present ? 'member' : 'left' });
    return true;
  }
  const untilDate = ctx.state.normaliseUntil(optInt(ctx.params, 'until_date'));
  ctx.state.replaceMember(chat.id, { userId, status: 'restricted', permissions: perms, isMember: present, untilDate });
  return true;
};

/**
 * Telegram's promotion hierarchy: the bot needs can_promote_members, may only hand out rights
 * it holds itself (RIGHT_FORBIDDEN) and may only edit admins it promoted (CHAT_ADMIN_REQUIRED).
 * All rights false demotes to a member.
 */
const promoteChatMember: MethodHandler = (ctx) => {
  const { chat, userId, record } = target(ctx);
  if (chat.type !== 'supergroup') throw BotApiError.badRequest(Reasons.supergroupOrChannelOnly);
  if (!ctx.state.botHas(chat.id, 'can_promote_members')) throw BotApiError.badRequest('not enough rights');
  if (record.status === 'creator') throw BotApiError.badRequest(Reasons.cantRemoveOwner);
  if (record.status === 'administrator' && record.canBeEdited !== true) throw BotApiError.badRequest('CHAT_ADMIN_REQUIRED');
  const rights: AdminRights = { ...allRights(false), is_anonymous: optBool(ctx.params, 'is_anonymous') === true };
  for (const key of ADMIN_RIGHT_KEYS) rights[key] = optBool(ctx.params, key) === true;
  for (const key of ADMIN_RIGHT_KEYS) {
    if (rights[key] && !ctx.state.botHas(chat.id, key)) throw BotApiError.badRequest('RIGHT_FORBIDDEN');
  }
  const anyRight = ADMIN_RIGHT_KEYS.some((key) => rights[key]);
  if (!anyRight) {
    if (record.status === 'administrator') ctx.state.replaceMember(chat.id, { userId, status: 'member' });
    return true;
  }
  if (record.status === 'left' || record.status === 'kicked') throw BotApiError.badRequest('USER_NOT_PARTICIPANT');
  // Any admin right implies access to the chat's admin tools.
  rights.can_manage_chat = true;
  ctx.state.replaceMember(chat.id, { userId, status: 'administrator', rights, canBeEdited: true });
  return true;
};

const leaveChat: MethodHandler = (ctx) => {
  const chat = ctx.state.chatWithBot(reqChatId(ctx.params));
  ctx.state.replaceMember(chat.id, { userId: ctx.state.botUser.id, status: 'left' });
  return true;
};

export const memberMethods: Record<string, MethodHandler> = {
  getChatMember,
  getChatAdministrators,
  getChatMemberCount,
  getChatMembersCount: getChatMemberCount,
  banChatMember,
  // The pre-5.3 name telegraf still exposes as kickChatMember.
  kickChatMember: banChatMember,
  unbanChatMember,
  restrictChatMember,
  promoteChatMember,
  leaveChat,
};
