import type { Message } from 'telegraf/types';

/** Lock names admins can use, and what each one catches. */
export const LOCK_TYPES = [
  'links',
  'forwards',
  'stickers',
  'media',
  'photos',
  'videos',
  'gifs',
  'documents',
  'audio',
  'voice',
  'video_notes',
  'polls',
  'contacts',
  'location',
  'games',
  'dice',
  'bots',
] as const;
export type LockType = (typeof LOCK_TYPES)[number];

const has = (m: Message, key: string) => key in m;

function entitiesOf(m: Message) {
  if ('entities' in m && m.entities) return m.entities;
  if ('caption_entities' in m && m.caption_entities) return m.caption_entities;
  return [];
}

// Clients mark links as entities, but not every client and not every form (t.me/x, www.x):
// the text is checked too so a lock can't be dodged by an old client.
const LINK_TEXT = /(\bhttps?:\/\/|\bwww\.|\bt\.me\/|\btelegram\.me\/)\S/i;

export function hasLink(m: Message): boolean {
  return entitiesOf(m).some((e) => e.type === 'url' || e.type === 'text_link') || LINK_TEXT.test(textOf(m));
}

export function isForward(m: Message): boolean {
  return has(m, 'forward_origin') || has(m, 'forward_from') || has(m, 'forward_from_chat');
}

/** The locks a message breaks (pure: tested as a table). */
export function lockedKinds(m: Message): LockType[] {
  const kinds: LockType[] = [];
  if (hasLink(m)) kinds.push('links');
  if (isForward(m)) kinds.push('forwards');
  if (has(m, 'sticker')) kinds.push('stickers');
  const media: [string, LockType][] = [
    ['photo', 'photos'],
    ['video', 'videos'],
    ['animation', 'gifs'],
    ['document', 'documents'],
    ['audio', 'audio'],
    ['voice', 'voice'],
    ['video_note', 'video_notes'],
  ];
  // Telegram puts a GIF in both `animation` and `document`; it is a GIF.
  const found = media.filter(([key]) => has(m, key) && !(key === 'document' && has(m, 'animation')));
  for (const [, lock] of found) kinds.push(lock);
  if (found.length) kinds.push('media');
  if (has(m, 'poll')) kinds.push('polls');
  if (has(m, 'contact')) kinds.push('contacts');
  if (has(m, 'location') || has(m, 'venue')) kinds.push('location');
  if (has(m, 'game')) kinds.push('games');
  if (has(m, 'dice')) kinds.push('dice');
  return kinds;
}

export function textOf(m: Message): string {
  if ('text' in m) return m.text;
  if ('caption' in m && m.caption) return m.caption;
  return '';
}
