import type { CommandCall } from '../commands/command.js';
import { escapeHtml } from '../messages/html.js';
import type { Feature } from './feature.js';

/** The /start payload of the deep link a group answer points to: t.me/<bot>?start=dashboard. */
export const DASHBOARD_START = 'dashboard';

/**
 * /dashboard: in a private chat, a button that opens the dashboard as a Telegram Mini App
 * (signed in by its initData). Telegram allows web_app buttons only in private chats and only
 * to https, so a group gets a link to the private chat, and a local http dashboard a plain link.
 */
export function dashboardFeature(url: string | undefined): Feature {
  const open = async (call: CommandCall) => {
    if (call.ctx.chat?.type !== 'private') {
      const link = `https://t.me/${call.deps.me.username}?start=${DASHBOARD_START}`;
      await call.reply('The dashboard opens in a private chat with me.', {
        reply_markup: { inline_keyboard: [[{ text: 'Open in a private chat', url: link }]] },
      });
      return;
    }
    if (!url) {
      await call.reply('The dashboard is not set up here: its address (WEB_PUBLIC_URL) is not configured.');
      return;
    }
    if (!url.startsWith('https://')) {
      await call.reply(`Open the dashboard at ${escapeHtml(url)}`);
      return;
    }
    await call.reply('Run your groups from the dashboard.', { reply_markup: { inline_keyboard: [[{ text: 'Open dashboard', web_app: { url } }]] } });
  };
  return {
    name: 'dashboard',
    commands: [
      {
        name: 'dashboard',
        usage: '/dashboard',
        description: 'Open the admin dashboard',
        help: 'Sends a button that opens the dashboard inside Telegram (in a private chat with me).',
        private: true,
        run: open,
      },
    ],
  };
}
