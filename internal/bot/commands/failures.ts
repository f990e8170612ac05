import { TelegramError } from 'telegraf';
import { AppError } from '../../shared/errors.js';
import { escapeHtml } from '../messages/html.js';

/** A problem the person who typed the command can act on; replied as is. */
export class UserFacingError extends Error {}

export function refuse(message: string): never {
  throw new UserFacingError(message);
}

/** What the chat is told when a command fails, and the error_type label for the metric. */
export function describeFailure(err: unknown): { reply: string; type: string; expected: boolean } {
  if (err instanceof UserFacingError) return { reply: err.message, type: 'user', expected: true };
  if (err instanceof TelegramError) {
    const what = escapeHtml(err.description.replace(/^(Bad Request|Forbidden): /, ''));
    return { reply: `Telegram refused: ${what}.`, type: `telegram_${err.code}`, expected: err.code === 400 || err.code === 403 };
  }
  if (err instanceof AppError) {
    if (err.code === 'SERVICE_DISABLED') return { reply: `Sorry, ${escapeHtml(err.message)}.`, type: 'disabled', expected: true };
    if (err.status >= 500)
      return {
        reply: 'The platform is having trouble right now; nothing was changed. Please try again in a minute.',
        type: `api_${err.code.toLowerCase()}`,
        expected: false,
      };
    const details = err.details.map((d) => `${d.path ? `${d.path}: ` : ''}${d.message}`).join('; ');
    return { reply: escapeHtml(details ? `${err.message} (${details})` : err.message), type: `api_${err.code.toLowerCase()}`, expected: true };
  }
  return { reply: 'Something went wrong on my side; nothing more was done. The error is logged.', type: 'internal', expected: false };
}
