/** Extra fields the Bot API attaches to some errors (flood control, group migration). */
export interface ResponseParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

/**
 * A failure exactly as the Bot API reports it: `error_code` doubles as the HTTP status and
 * `description` is the human string clients match on, so keep these strings verbatim.
 */
export class BotApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(`${errorCode}: ${description}`);
    this.name = 'BotApiError';
  }

  static badRequest(reason: string, parameters?: ResponseParameters): BotApiError {
    return new BotApiError(400, `Bad Request: ${reason}`, parameters);
  }

  static forbidden(reason: string): BotApiError {
    return new BotApiError(403, `Forbidden: ${reason}`);
  }

  static tooManyRequests(retryAfter: number): BotApiError {
    return new BotApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
  }
}

/** Descriptions the real API uses, shared by several methods. */
export const Reasons = {
  chatNotFound: 'chat not found',
  userNotFound: 'user not found',
  restrictRights: 'not enough rights to restrict/unrestrict chat member',
  userIsAdmin: 'user is an administrator of the chat',
  cantRemoveOwner: "can't remove chat owner",
  supergroupOnly: 'method is available only for supergroups',
  supergroupOrChannelOnly: 'method is available for supergroup and channel chats only',
} as const;
