import { post } from './api.js';

export type ModerationAction = 'warn' | 'unwarn' | 'mute' | 'unmute' | 'ban' | 'unban';

/** Asks the bot, through web, to act on a member; answers the line the bot posted in the group. */
export async function moderate(
  groupId: number,
  input: { action: ModerationAction; user_id: number; duration?: number | null; reason?: string },
): Promise<string> {
  const done = await post<{ message: string }>(`/groups/${groupId}/moderation`, input);
  return done.message;
}

/** The action that undoes an audited one, for the log's Undo button. */
export const UNDO_OF: Record<string, ModerationAction | undefined> = { 'action.ban': 'unban', 'action.mute': 'unmute', 'action.warn': 'unwarn' };
