import type { Services } from '../domain/index.js';
import type { ServiceEnv } from '../shared/config.js';
import type { ServiceProcess } from '../shared/service-process.js';
import type { BotClient } from './bot-client.js';
import { platformRefOf } from './connection-keys.js';
import { connect, type Connections } from './connections.js';
import type { Connection, ServiceName } from './connections.schema.js';

export interface ServiceConnectionsOptions {
  /** The calling service (bot or web): its health key, and its name in the audit log. */
  caller: ServiceName;
  env: ServiceEnv;
  process: Pick<ServiceProcess, 'logger' | 'registry' | 'health' | 'shutdown'>;
  /** How bot and web are reached when neither Redis nor the file says; the api's comes from env. */
  defaults: { bot: Connection; web: Connection };
  /** The api this process hosts (router/hybrid), from startHostedApi. */
  localApi?: { services: Services; healthy: () => boolean } | undefined;
  localBot?: BotClient | undefined;
}

/**
 * A service process's connections from its env: Redis and the file when configured, the env
 * defaults otherwise; its health key follows its readiness, and shutdown closes them.
 */
export async function connectService(o: ServiceConnectionsOptions): Promise<Connections> {
  const { env, process: p } = o;
  const platform = platformRefOf(env);
  const connections = await connect({
    logger: p.logger,
    metrics: p.registry,
    apiKey: env.API_KEY ?? '',
    caller: o.caller,
    defaults: { api: { method: env.API_METHOD, url: env.API_URL }, ...o.defaults },
    redis: env.REDIS_URL && platform ? { url: env.REDIS_URL, platform } : undefined,
    file: env.CONNECTIONS_FILE,
    localApi: o.localApi?.services,
    localApiHealthy: o.localApi?.healthy,
    localBot: o.localBot,
    self: { service: o.caller, ready: async () => (await p.health.readiness()).ready },
  });
  p.shutdown.addCloser('connections', () => connections.close());
  return connections;
}
