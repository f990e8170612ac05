import type { Telegram } from 'telegraf';
import { RIGHT_NAMES } from '../commands/command.js';
import type { Feature } from './feature.js';
import { refuse } from '../commands/failures.js';
import { mention } from '../messages/html.js';
import { record } from '../moderation/sanctions.js';
import { resolveTarget } from '../commands/targets.js';
import { ADMIN_RIGHTS, type AdminEntry, type AdminRight } from '../permissions/admin-cache.js';

type ExtraPromoteChatMember = NonNullable<Parameters<Telegram['promoteChatMember']>[2]>;

const has = (a: AdminEntry | undefined, r: AdminRight) => a?.status === 'creator' || a?.rights[r] === true;

/**
 * The rights a promotion may grant: only those both the caller and the bot hold. Telegram
 * would let the bot grant all of its own rights; handing them to a caller's friend would be
 * exactly the escalation we refuse. can_promote_members is never passed on.
 */
export function grantableRights(caller: AdminEntry | undefined, bot: AdminEntry | undefined): AdminRight[] {
  return ADMIN_RIGHTS.filter((r) => r !== 'can_promote_members' && has(caller, r) && has(bot, r));
}

export function promoteFeature(): Feature {
  return {
    name: 'promote',
    commands: [
      {
        name: 'promote',
        usage: '/promote <user>',
        description: 'Make a member an admin',
        permission: 'promote',
        botRight: 'can_promote_members',
        help: 'They get the admin rights both you and I hold, never more (and never the right to add admins).',
        async run(call) {
          const t = await resolveTarget(call);
          if (call.caller.anonymous)
            refuse('Anonymous admins cannot promote through me: I cannot tell which rights you hold. Send /promote from your own account.');
          const bot = await call.deps.admins.find(call.chatId, call.deps.me.id);
          const rights = grantableRights(call.caller.admin, bot);
          if (rights.length === 0) refuse('You and I share no admin rights I could pass on.');
          const extra: ExtraPromoteChatMember = {};
          for (const r of rights) extra[r] = true;
          await call.deps.telegram.promoteChatMember(call.chatId, t.person.id, extra);
          await call.deps.admins.invalidate(call.chatId);
          await record(call.deps, { chatId: call.chatId, target: t.person, adminId: call.caller.id, reason: t.reason, source: 'bot' }, 'promote');
          await call.reply(`Promoted ${mention(t.person)} with: ${rights.map((r) => RIGHT_NAMES[r]).join(', ')}.`);
        },
      },
      {
        name: 'demote',
        usage: '/demote <user>',
        description: 'Take admin rights away',
        permission: 'promote',
        botRight: 'can_promote_members',
        help: 'Works on admins that I promoted (Telegram only lets a bot demote those).',
        async run(call) {
          const t = await resolveTarget(call, { mayBeAdmin: true });
          const target = await call.deps.admins.find(call.chatId, t.person.id);
          if (!target) refuse(`${mention(t.person)} is not an admin.`);
          if (target.status === 'creator') refuse('The group owner cannot be demoted.');
          // Telegram lets an admin demote only the admins they promoted. The bot knows who promoted
          // whom only for its own /promote (the api's record); beyond that only the creator may.
          if (call.caller.admin?.status !== 'creator') {
            const [promoted] = (await call.deps.api.listActions(call.chatId, { user_id: t.person.id, action_type: 'promote', limit: 1 })).items;
            if (promoted?.admin_id !== call.caller.id) {
              refuse(
                `Telegram lets an admin demote only the admins they promoted, and I have no record that you promoted ${mention(t.person)}: ask the group's owner.`,
              );
            }
          }
          const extra: ExtraPromoteChatMember = {};
          for (const r of ADMIN_RIGHTS) extra[r] = false;
          await call.deps.telegram.promoteChatMember(call.chatId, t.person.id, extra);
          await call.deps.admins.invalidate(call.chatId);
          await record(call.deps, { chatId: call.chatId, target: t.person, adminId: call.caller.id, reason: t.reason, source: 'bot' }, 'demote');
          await call.reply(`Demoted ${mention(t.person)}.`);
        },
      },
    ],
  };
}
