import { AppError } from '../../shared/errors.js';

/**
 * The settings' version as an HTTP entity tag: their updated_at in ms, so GET answers it as
 * ETag and a PATCH sends it back as If-Match to change only what it read.
 */
export const settingsEtag = (updatedAt: Date): string => `"s-${updatedAt.getTime()}"`;

/** The updated_at an If-Match names; undefined for none or `*` (any version). */
export function expectedFromIfMatch(header: string | undefined): Date | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const m = /^\s*"s-(\d{1,16})"\s*$/.exec(header);
  if (!m)
    throw AppError.validation('If-Match must be the ETag the settings were read with, like "s-1733300000000"', [
      { path: 'If-Match', message: 'not an ETag of these settings' },
    ]);
  return new Date(Number(m[1]));
}
