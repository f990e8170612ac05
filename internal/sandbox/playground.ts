import { AppError } from '../shared/errors.js';
import { startFakeTelegram, type FakeTelegram } from './telegram/index.js';
import type { MemberStatus, StoredMessage, User } from './telegram/types.js';

/**
 * The playground: a simulated Telegram (the same stateful fake the tests use) with a demo
 * group, so `make run` without a bot token runs the real bot against something. People type
 * as one of the personas; each line becomes the update Telegram would deliver, and the bot
 * answers through the Bot API like it would on Telegram.
 */
export const PERSONAS = ['owner', 'admin', 'member', 'newcomer'] as const;
export type PersonaKey = (typeof PERSONAS)[number];

export interface PlaygroundPersona {
  key: PersonaKey;
  user_id: number;
  name: string;
  username: string;
  status: MemberStatus;
  /** Unix seconds a restriction or ban ends; null when none or forever. */
  until: number | null;
  /** Whether Telegram would let them post now. */
  can_send: boolean;
}

export interface PlaygroundMessage {
  message_id: number;
  from_id: number | null;
  from_name: string;
  from_bot: boolean;
  text: string | null;
  /** Service messages: a join or a leave. */
  event: 'joined' | 'left' | null;
  date: number;
  reply_to: number | null;
  deleted: boolean;
}

export interface PlaygroundView {
  group_id: number;
  title: string;
  bot_username: string;
  personas: PlaygroundPersona[];
  messages: PlaygroundMessage[];
}

export interface Playground {
  /** The simulated Bot API: hand its apiRoot and token to the bot. */
  telegram: Pick<FakeTelegram, 'apiRoot' | 'token'>;
  groupId: number;
  ownerId: number;
  /** The owner adds the bot to the group as an admin, as they would on Telegram. */
  addBot(): void;
  say(persona: PersonaKey, text: string): void;
  join(persona: PersonaKey): void;
  leave(persona: PersonaKey): void;
  view(): PlaygroundView;
  stop(): Promise<void>;
}

export const DEMO_GROUP_ID = -1_001_234_567_890;
const DEMO_TITLE = 'Playground group';
/** The chat as people see it: enough history to follow, bounded so a long session stays small. */
const SHOWN_MESSAGES = 200;
const MAX_TEXT = 4096;

const DEMO_PEOPLE: Record<PersonaKey, Pick<User, 'id' | 'first_name' | 'username'>> = {
  owner: { id: 100_001, first_name: 'Olga', username: 'olga_owner' },
  admin: { id: 100_002, first_name: 'Mia', username: 'mia_admin' },
  member: { id: 100_003, first_name: 'Max', username: 'max_member' },
  newcomer: { id: 100_004, first_name: 'Nina', username: 'nina_new' },
};

function canSend(status: MemberStatus, perms: { can_send_messages?: boolean } | undefined): boolean {
  if (status === 'left' || status === 'kicked') return false;
  return status !== 'restricted' || perms?.can_send_messages !== false;
}

export async function startPlayground(): Promise<Playground> {
  const fake = await startFakeTelegram({ bot: { first_name: 'Playground Bot', username: 'playground_bot' } });
  const { state, updates } = fake;
  const people = Object.fromEntries(PERSONAS.map((k) => [k, state.addUser({ ...DEMO_PEOPLE[k], is_bot: false })])) as Record<PersonaKey, User>;
  state.addChat({ id: DEMO_GROUP_ID, type: 'supergroup', title: DEMO_TITLE, creator: people.owner, bot: { status: 'left' } });
  // Mia moderates: she can delete and restrict, as most groups' helpers can.
  state.setMember(DEMO_GROUP_ID, people.admin, {
    status: 'administrator',
    rights: { can_promote_members: false, can_change_info: false, can_manage_video_chats: false },
  });
  state.setMember(DEMO_GROUP_ID, people.member, { status: 'member' });

  const persona = (key: PersonaKey): PlaygroundPersona => {
    const user = people[key];
    const record = state.member(DEMO_GROUP_ID, user.id);
    const until = record.untilDate ?? 0;
    return {
      key,
      user_id: user.id,
      name: user.first_name,
      username: user.username ?? '',
      status: record.status,
      until: until > 0 ? until : null,
      can_send: canSend(record.status, record.permissions),
    };
  };
  const nameOf = (msg: StoredMessage): { name: string; bot: boolean } => {
    const user = msg.fromId === undefined ? undefined : state.users.get(msg.fromId);
    return { name: user ? [user.first_name, user.last_name].filter(Boolean).join(' ') : DEMO_TITLE, bot: user?.is_bot === true };
  };
  const shown = (msg: StoredMessage, deleted: boolean): PlaygroundMessage => {
    const { name, bot } = nameOf(msg);
    const event = msg.service?.['new_chat_members'] ? 'joined' : msg.service?.['left_chat_member'] ? 'left' : null;
    return {
      message_id: msg.message_id,
      from_id: msg.fromId ?? null,
      from_name: name,
      from_bot: bot,
      text: msg.text ?? null,
      event,
      date: msg.date,
      reply_to: msg.replyToId ?? null,
      deleted,
    };
  };

  return {
    telegram: { apiRoot: fake.apiRoot, token: fake.token },
    groupId: DEMO_GROUP_ID,
    ownerId: people.owner.id,
    addBot() {
      fake.enqueueUpdate(updates.myChatMember({ chat: DEMO_GROUP_ID, from: people.owner, status: { status: 'administrator' } }));
    },
    say(key, text) {
      const who = persona(key);
      if (text.trim() === '' || text.length > MAX_TEXT) throw new AppError('VALIDATION_FAILED', `a message is 1 to ${MAX_TEXT} characters`);
      // Telegram does not let someone who is out, banned or muted post: neither does the playground.
      if (!who.can_send) throw new AppError('CONFLICT', `${who.name} can't post in the group now (${who.status})`);
      fake.enqueueUpdate(updates.textMessage({ chat: DEMO_GROUP_ID, from: people[key], text }));
    },
    join(key) {
      const who = persona(key);
      if (who.status === 'kicked') throw new AppError('CONFLICT', `${who.name} is banned from the group`);
      if (who.status !== 'left' && !(who.status === 'restricted' && state.member(DEMO_GROUP_ID, who.user_id).isMember === false)) {
        throw new AppError('CONFLICT', `${who.name} is in the group already`);
      }
      fake.enqueueUpdate(updates.newChatMembers({ chat: DEMO_GROUP_ID, users: [people[key]] }));
    },
    leave(key) {
      const who = persona(key);
      if (key === 'owner') throw new AppError('CONFLICT', 'the owner stays: the demo group needs them');
      if (who.status === 'left' || who.status === 'kicked') throw new AppError('CONFLICT', `${who.name} is not in the group`);
      fake.enqueueUpdate(updates.leftChatMember({ chat: DEMO_GROUP_ID, user: people[key] }));
    },
    view() {
      const live = [...state.messagesIn(DEMO_GROUP_ID).values()].map((m) => shown(m, false));
      const gone = [...(state.deleted.get(DEMO_GROUP_ID)?.values() ?? [])].map((m) => shown(m, true));
      const messages = [...live, ...gone].sort((a, b) => a.message_id - b.message_id).slice(-SHOWN_MESSAGES);
      return {
        group_id: DEMO_GROUP_ID,
        title: DEMO_TITLE,
        bot_username: state.botUser.username,
        personas: PERSONAS.map(persona),
        messages,
      };
    },
    stop: () => fake.stop(),
  };
}
