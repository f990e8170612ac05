import { z } from 'zod';

/**
 * The one place that reads process.env. Every binary declares the variables it needs
 * as a zod object; parsing reports every bad or missing variable at once, so an
 * operator fixes a Deployment in one go instead of one crash loop per variable.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const port = z.coerce.number().int().min(0).max(65535);
const rate = z.coerce.number().min(0).max(1_000_000);
const burst = z.coerce.number().int().min(1).max(10_000_000);
const logLevel = z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']);

/** Variables every service understands (DESIGN.md sections 1, 4, 5). */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: logLevel.default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /** Loopback unless told: the container image sets 0.0.0.0 itself (Dockerfile). */
  HOST: z.string().min(1).default('127.0.0.1'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
});

export const platformEnvSchema = baseEnvSchema.extend({
  API_PORT: port.default(8000),
  BOT_PORT: port.default(8001),
  WEB_PORT: port.default(8002),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  MONGODB_DB: z.string().min(1).default('bot_manager'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  REDIS_KEY_PREFIX: z.string().min(1).default('botplatform'),
  /** Where people open the dashboard (https://bots.example.com): web's one allowed Origin, the bot's /dashboard button. */
  WEB_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, 'must look like 123456:ABC...')
    .optional(),
  /** Service keys, `name:key,name:key` (bot, web, admin); from a Kubernetes Secret in clusters. */
  API_KEYS: z
    .string()
    .regex(/^[a-z][a-z0-9-]*:[^,:\s]{16,}(,[a-z][a-z0-9-]*:[^,:\s]{16,})*$/, 'must be name:key pairs separated by commas, keys of 16+ characters')
    .optional(),
  /**
   * Platform admins: Telegram user ids, comma-separated. They see every group and read its
   * members, log and stats (the api decides: members.view, logs.view, stats.view), and open
   * the dashboard's platform page. Changing a group still takes a role in it.
   */
  PLATFORM_ADMINS: z
    .string()
    .default('')
    .transform((raw, ctx) => {
      const ids = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = ids.find((s) => !/^\d{1,16}$/.test(s));
      if (bad !== undefined) {
        ctx.addIssue({ code: 'custom', message: `"${bad}" is not a Telegram user id (digits only, comma-separated)` });
        return z.NEVER;
      }
      return ids.map(Number);
    }),
  /** Signs people's access and refresh tokens (web issues them, the api verifies them). */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  API_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/, 'like 1mb or 512kb')
    .default('1mb'),
  /**
   * The api's token bucket per service key and per person (tokens per second, bucket size),
   * shared by the replicas through Redis when REDIS_URL is set; a rate of 0 turns a kind off.
   * Services get room for the bot's batched writes: its activity flush sends one call per
   * member who spoke in the last 2 s, all at once. budget: bot-rest-burst (docs/budgets.md)
   */
  API_RATE_SERVICE_PER_S: rate.default(1000),
  API_RATE_SERVICE_BURST: burst.default(5000),
  API_RATE_PERSON_PER_S: rate.default(10),
  API_RATE_PERSON_BURST: burst.default(30),
});

export type PlatformEnv = z.infer<typeof platformEnvSchema>;

const method = z.enum(['router', 'rest', 'hybrid', 'disabled']);

/** A separate binary (cmd/api, cmd/bot, cmd/web) in a BotPlatform's pods (DESIGN.md section 5). */
export const serviceEnvSchema = platformEnvSchema.extend({
  PORT: port.optional(),
  BOTPLATFORM_NAME: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'a Kubernetes object name')
    .optional(),
  BOTPLATFORM_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'a Kubernetes namespace')
    .default('default'),
  CONNECTIONS_FILE: z.string().min(1).default('/etc/botplatform/connections.json'),
  /** This service's key when it calls the others (the operator mounts it from a Secret). */
  API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Env defaults for reaching the api when neither Redis nor the file says otherwise. */
  API_METHOD: method.default('rest'),
  API_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8000'),
});
export type ServiceEnv = z.infer<typeof serviceEnvSchema>;

export function parseEnv<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(env)';
    const value = issue.path.length === 1 ? env[String(issue.path[0])] : undefined;
    // Never echo a value back: it may be a secret.
    return value === undefined ? `${name}: ${issue.message}` : `${name}: ${issue.message} (value rejected)`;
  });
  throw new ConfigError(problems);
}

/** Parses or prints every problem and exits with code 2 (bad configuration). */
export function loadConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined> = process.env): z.infer<S> {
  try {
    return parseEnv(schema, env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

/** Log format: JSON in production, readable otherwise, unless LOG_FORMAT says. */
export function logFormatOf(env: { NODE_ENV: string; LOG_FORMAT?: 'json' | 'pretty' | undefined }): 'json' | 'pretty' {
  return env.LOG_FORMAT ?? (env.NODE_ENV === 'production' ? 'json' : 'pretty');
}
