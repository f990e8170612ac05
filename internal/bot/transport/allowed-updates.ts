/**
 * The update types the bot asks Telegram for, in polling and webhook mode alike. Telegram
 * never sends chat_member unless it is listed explicitly, and without it the bot would
 * miss joins, leaves and admin changes in large groups.
 */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'chat_member', 'my_chat_member', 'chat_join_request'] as const;

export type AllowedUpdate = (typeof ALLOWED_UPDATES)[number];
