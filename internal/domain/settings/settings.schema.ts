import { z } from 'zod';
import { chatId, groupId, SOME_FIELD } from '../common/ids.schema.js';
import { TELEGRAM_TEXT_MAX, worstCaseLength } from './welcome-limits.js';

export const WARN_MODES = ['ban', 'kick', 'mute', 'tban', 'tmute'] as const;
export const warnMode = z.enum(WARN_MODES);

const antiflood = z.strictObject({
  enabled: z.boolean(),
  limit: z.number().int().min(2).max(100),
  window_s: z.number().int().min(1).max(3600),
  action: z.enum(['mute', 'kick', 'ban', 'tmute', 'tban']),
});

/** Values are flat scalars: nested user-supplied keys could carry `$` or `.` into MongoDB. */
const customSettings = z
  .record(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'keys are 1-64 of A-Z a-z 0-9 _ -'), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
  .refine((r) => Object.keys(r).length <= 100, 'at most 100 custom settings')
  .meta({ maxProperties: 100 });

/** Names of what a group locks (links, stickers, forwards, ...), as the bot's locks feature reads them. */
const lock = z.string().regex(/^[a-z_]{1,32}$/);
const LOCKS_MAX = 64;

/**
 * A welcome or goodbye the bot can always send: with the longest names Telegram allows in its
 * placeholders it still fits Telegram's 4096 characters (else every later join would fail).
 */
const greeting = z
  .string()
  .max(TELEGRAM_TEXT_MAX)
  .superRefine((template, ctx) => {
    const worst = worstCaseLength(template);
    if (worst > TELEGRAM_TEXT_MAX) {
      ctx.addIssue({
        code: 'custom',
        message: `with the longest names Telegram allows, this could be ${worst} characters and Telegram sends at most ${TELEGRAM_TEXT_MAX}: use fewer placeholders or less text`,
      });
    }
  });

const fields = {
  welcome_message_enabled: z.boolean(),
  welcome_message: greeting,
  goodbye_message_enabled: z.boolean(),
  goodbye_message: greeting,
  auto_delete_commands: z.boolean(),
  logging_enabled: z.boolean(),
  moderation_enabled: z.boolean(),
  warn_limit: z.number().int().min(1).max(100),
  warn_mode: warnMode,
  /** Seconds, for tban/tmute. */
  warn_mode_duration: z
    .number()
    .int()
    .min(30)
    .max(366 * 24 * 3600)
    .nullable(),
  /** 0 means warns never expire. */
  warn_expiry_days: z.number().int().min(0).max(3650),
  antiflood,
  locks: z
    .array(lock)
    .max(LOCKS_MAX)
    .transform((l) => [...new Set(l)]),
  log_chat_id: chatId.nullable(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, 'a language code like en or pt-BR'),
  custom_settings: customSettings,
};

export const settingsSchema = z.object({
  group_id: groupId,
  ...fields,
  // What the input's transform makes (the locks once each), typed for the document.
  locks: z.array(lock).max(LOCKS_MAX),
  updated_at: z.date(),
});
export type Settings = z.infer<typeof settingsSchema>;
export type SettingsValues = Omit<Settings, 'group_id' | 'updated_at'>;

export const DEFAULT_SETTINGS: SettingsValues = {
  welcome_message_enabled: false,
  welcome_message: 'Welcome, {first_name}!',
  goodbye_message_enabled: false,
  goodbye_message: '',
  auto_delete_commands: false,
  logging_enabled: true,
  moderation_enabled: true,
  warn_limit: 3,
  warn_mode: 'ban',
  warn_mode_duration: null,
  warn_expiry_days: 30,
  antiflood: { enabled: false, limit: 10, window_s: 10, action: 'mute' },
  locks: [],
  log_chat_id: null,
  language: 'en',
  custom_settings: {},
};

const TIMED_WARN_MODES = ['tban', 'tmute'];

export const settingsPatch = z
  .strictObject({ ...fields, antiflood: antiflood.partial() })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change')
  .refine((p) => p.warn_mode === undefined || !TIMED_WARN_MODES.includes(p.warn_mode) || p.warn_mode_duration !== null, {
    message: 'tban and tmute need warn_mode_duration',
    path: ['warn_mode_duration'],
  })
  // The refinements as JSON Schema, for the document.
  .meta({
    ...SOME_FIELD,
    if: { required: ['warn_mode', 'warn_mode_duration'], properties: { warn_mode: { enum: TIMED_WARN_MODES } } },
    then: { properties: { warn_mode_duration: { type: 'integer' } } },
  });
export type SettingsPatchInput = z.input<typeof settingsPatch>;

/**
 * Whole-document check after a patch is merged with what is stored: a patch valid on its own
 * (warn_mode tban) can still leave the group without a setting it needs (no duration stored).
 */
export const settingsValues = z.strictObject(fields).refine((s) => !TIMED_WARN_MODES.includes(s.warn_mode) || s.warn_mode_duration !== null, {
  message: 'tban and tmute need warn_mode_duration',
  path: ['warn_mode_duration'],
});
