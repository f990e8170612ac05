import { post } from './api.js';

export type ModerationAction = 'warn' | 'unwarn' | 'mute' | 'unmute' | 'ban' | 'unban';

/** The bot's line is Telegram HTML (mentions are links): shown as the text people read in the group. */
function asText(html: string): string {
  // DOMParser builds an inert document: nothing in it runs or loads.
  return new DOMParser().parseFromString(html, 'text/html').body.textContent ?? html;
}

/** Asks the bot, through web, to act on a member; answers the line the bot posted in the group, as text. */
export async function moderate(
  groupId: number,
  input: { action: ModerationAction; user_id: number; duration?: number | null; reason?: string },
): Promise<string> {
  const done = await post<{ message: string }>(`/groups/${groupId}/moderation`, input);
  return asText(done.message);
}

/** The action that undoes an audited one, for the log's Undo button. */
export const UNDO_OF: Record<string, ModerationAction | undefined> = { 'action.ban': 'unban', 'action.mute': 'unmute', 'action.warn': 'unwarn' };
