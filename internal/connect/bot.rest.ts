import type { BotClient } from './bot-client.js';
import type { RestTransport } from './rest-transport.js';

/** The bot over HTTP: the same answers and AppErrors as its in-process service. */
export function restBotClient(t: RestTransport): BotClient {
  return {
    sendMessage: (groupId, input, actor) => t.call('POST', `bot/v1/groups/${groupId}/messages`, { body: input, actorId: actor?.actorId }),
    moderate: (groupId, input, actor) => t.call('POST', `bot/v1/groups/${groupId}/moderation`, { body: input, actorId: actor?.actorId }),
    status: () => t.call('GET', 'bot/v1/status'),
  };
}
