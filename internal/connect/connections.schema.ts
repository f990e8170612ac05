import { z } from 'zod';

/** The three services and how each is reached (DESIGN.md section 5). */
export const SERVICES = ['api', 'bot', 'web'] as const;
export type ServiceName = (typeof SERVICES)[number];

export const METHODS = ['router', 'rest', 'hybrid', 'disabled'] as const;
export const methodSchema = z.enum(METHODS);
export type Method = z.infer<typeof methodSchema>;

/** One service's entry, in the ConfigMap document and in each Redis hash field. */
export const connectionSchema = z.object({
  method: methodSchema,
  url: z.url({ protocol: /^https?$/ }).nullish(),
});
export type Connection = z.infer<typeof connectionSchema>;

/** `connections.json` as the operator writes it into the ConfigMap. */
export const connectionsDocSchema = z.object({
  platform: z.string().min(1),
  generation: z.number().int().nonnegative(),
  hash: z.string().min(1),
  services: z.object({ api: connectionSchema, bot: connectionSchema, web: connectionSchema }).partial(),
});
export type ConnectionsDoc = z.infer<typeof connectionsDocSchema>;

/** The `_meta` field of the Redis hash. */
export const metaSchema = z.object({ hash: z.string(), generation: z.number().int(), updatedAt: z.string().optional() });

/** Default port of each service, shared by env defaults and URLs. */
export const SERVICE_PORTS: Record<ServiceName, number> = { api: 8000, bot: 8001, web: 8002 };

/**
 * Which services can host which in-process (router/hybrid): the api runs inside bot and
 * web; the bot inside web; web inside the api.
 */
export const HOSTS: Record<ServiceName, readonly ServiceName[]> = { api: ['bot', 'web'], bot: ['web'], web: ['api'] };
