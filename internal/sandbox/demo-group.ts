import type { ApiClient } from '../connect/api-client.js';
import { AppError } from '../shared/errors.js';
import type { Playground } from './playground.js';

/**
 * The demo group as the api holds it before the bot arrives: registered, with a welcome and
 * antiflood on, so the first things people try in the playground (join, flood) show the bot
 * at work. Done through the ApiClient as the `sandbox` service, so it is audited like any
 * other change. A restart against a persistent store finds the group and keeps its settings.
 */
export async function seedDemoGroup(api: ApiClient, playground: Playground): Promise<void> {
  const created = await api.createGroup({ group_id: playground.groupId, name: 'Playground group' }).then(
    () => true,
    (err: unknown) => {
      if (err instanceof AppError && err.code === 'CONFLICT') return false;
      throw err;
    },
  );
  if (!created) return;
  await api.updateSettings(playground.groupId, {
    welcome_message_enabled: true,
    welcome_message: 'Welcome to {chatname}, {first}! You are member number {count}. {rules}',
    goodbye_message_enabled: true,
    goodbye_message: 'Goodbye, {first}.',
    antiflood: { enabled: true, limit: 5, window_s: 10, action: 'tmute' },
    warn_limit: 3,
    warn_mode: 'tmute',
    warn_mode_duration: 3600,
  });
}
