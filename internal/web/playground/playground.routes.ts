import { z } from 'zod';
import { groupPath } from '../../domain/index.js';
import { PERSONAS, type Playground } from '../../sandbox/playground.js';
import { ACCESS_TTL_S } from '../../shared/auth/index.js';
import { AppError } from '../../shared/errors.js';
import type { RouteScope } from '../../shared/routes/index.js';
import { sessionCookies } from '../auth/cookies.js';
import type { Sessions } from '../auth/sessions.js';
import type { OneTimeCodes } from './one-time-codes.js';

export interface PlaygroundOptions {
  playground: Playground;
  codes: OneTimeCodes;
  sessions: Sessions;
}

const persona = z.enum(PERSONAS);
const personaSchema = z.object({
  key: persona,
  user_id: z.number().int(),
  name: z.string(),
  username: z.string(),
  status: z.enum(['creator', 'administrator', 'member', 'restricted', 'left', 'kicked']),
  until: z.number().int().nullable(),
  can_send: z.boolean(),
});
const messageSchema = z.object({
  message_id: z.number().int(),
  from_id: z.number().int().nullable(),
  from_name: z.string(),
  from_bot: z.boolean(),
  text: z.string().nullable(),
  event: z.enum(['joined', 'left']).nullable(),
  date: z.number().int(),
  reply_to: z.number().int().nullable(),
  deleted: z.boolean(),
});
const viewSchema = z.object({
  group_id: z.number().int(),
  title: z.string(),
  bot_username: z.string(),
  personas: z.array(personaSchema),
  messages: z.array(messageSchema),
});
const queued = z.object({ queued: z.literal(true) });

/**
 * The playground's REST: sign in with the one-time link, read the simulated chat, and act in
 * it as one of the personas. Only mounted when the playground runs; any other group answers
 * 404, since only the demo group is simulated.
 */
export function playgroundRoutes(t: RouteScope, o: PlaygroundOptions): void {
  const demoOnly = (groupId: number) => {
    if (groupId !== o.playground.groupId) throw AppError.notFound(`a playground for group ${groupId}`);
  };
  t.add(
    {
      method: 'post',
      path: '/auth/playground',
      operationId: 'signInToPlayground',
      tag: 'playground',
      auth: 'none',
      summary: "Sign in as the demo group's owner with the one-time code from the link `make run` printed",
      body: z.strictObject({ code: z.string().min(1).max(128) }),
      response: z.object({ user_id: z.number().int(), group_id: z.number().int(), access_expires_in: z.number().int() }),
    },
    async ({ body }) => {
      const userId = o.codes.take(body.code);
      if (userId === undefined) throw new AppError('UNAUTHORIZED', 'this sign-in link was used already or has expired: restart `make run` for a new one');
      const issued = await o.sessions.signIn(userId);
      return {
        data: { user_id: userId, group_id: o.playground.groupId, access_expires_in: ACCESS_TTL_S },
        headers: { 'set-cookie': sessionCookies(issued) },
        message: 'signed in',
      };
    },
  );
  t.add(
    {
      method: 'get',
      path: '/groups/:groupId/playground',
      operationId: 'getPlayground',
      tag: 'playground',
      summary: 'The simulated chat: its personas and their standing, and its latest messages (deleted ones marked)',
      params: groupPath,
      response: viewSchema,
      permission: 'members.view',
      errors: { 404: 'The playground is off here, or this is not its group.' },
    },
    ({ params }) => {
      demoOnly(params.groupId);
      return Promise.resolve({ data: o.playground.view() });
    },
  );
  t.add(
    {
      method: 'post',
      path: '/groups/:groupId/playground/messages',
      operationId: 'sayInPlayground',
      tag: 'playground',
      summary: 'Post a message in the simulated chat as a persona; the bot gets it as it would from Telegram',
      params: groupPath,
      body: z.strictObject({ as: persona, text: z.string().min(1).max(4096) }),
      response: queued,
      status: 202,
      permission: 'members.view',
      errors: { 409: 'The persona is out of the group, banned or muted, so Telegram would not let them post.' },
    },
    ({ params, body }) => {
      demoOnly(params.groupId);
      o.playground.say(body.as, body.text);
      return Promise.resolve({ data: { queued: true as const }, status: 202 });
    },
  );
  t.add(
    {
      method: 'post',
      path: '/groups/:groupId/playground/members',
      operationId: 'joinOrLeavePlayground',
      tag: 'playground',
      summary: 'A persona joins or leaves the simulated group',
      params: groupPath,
      body: z.strictObject({ as: persona, action: z.enum(['join', 'leave']) }),
      response: queued,
      status: 202,
      permission: 'members.view',
      errors: { 409: 'They are in the group already, not in it, or banned.' },
    },
    ({ params, body }) => {
      demoOnly(params.groupId);
      if (body.action === 'join') o.playground.join(body.as);
      else o.playground.leave(body.as);
      return Promise.resolve({ data: { queued: true as const }, status: 202 });
    },
  );
}
