import type { Services } from '../domain/index.js';
import type { Logger } from '../shared/logger.js';
import type { MetricsRegistry } from '../shared/metrics.js';
import type { ApiClient } from './api-client.js';
import { inProcessApiClient } from './api.in-process.js';
import { restApiClient } from './api.rest.js';
import type { BotClient } from './bot-client.js';
import { restBotClient } from './bot.rest.js';
import { switchingClient, type Side } from './client-switch.js';
import { SERVICES, type Connection, type ServiceName } from './connections.schema.js';
import type { PlatformRef } from './connection-keys.js';
import { HealthBeacon, PeerHealth } from './health-beacon.js';
import { ConnectionRegistry } from './registry.js';
import { RestTransport } from './rest-transport.js';

export interface ConnectOptions {
  logger: Logger;
  metrics: MetricsRegistry;
  /** Env defaults per callee; `router` for the all-in-one process. */
  defaults: Record<ServiceName, Connection>;
  redis?: { url: string; platform: PlatformRef; reconnectMaxDelayMs?: number };
  file?: string;
  /** The service key this process presents to the others. */
  apiKey: string;
  /** Which service is calling: named in the audit log for in-process calls, as its key is over REST. */
  caller: ServiceName;
  /** The api's service layer when this process hosts the api (router/hybrid). */
  localApi?: Services;
  localApiHealthy?: () => boolean;
  /** The bot's service object when this process hosts the bot (router/hybrid). */
  localBot?: BotClient;
  timeoutMs?: number;
  /** This process's own service, whose health key it writes (with Redis only). */
  self?: { service: ServiceName; ready: () => Promise<boolean> };
}

/** A person on whose behalf a service calls the api: their id and the access token they presented. */
export interface PersonCredential {
  userId: number;
  token: string;
}

export interface Connections {
  registry: ConnectionRegistry;
  api: ApiClient & { lastSide(): Side | undefined };
  /**
   * The api as `person` reaches it: over REST under their own access token, so the api's
   * authorizer decides with their identity, never this service's key; in-process acting as
   * them in the audit log. Same connection method as `api`.
   */
  apiAs(person: PersonCredential): ApiClient;
  bot: BotClient & { lastSide(): Side | undefined };
  close(): Promise<void>;
}

/** The registry plus one switching client per callee, ready to use. */
export async function connect(opts: ConnectOptions): Promise<Connections> {
  const registry = new ConnectionRegistry({ logger: opts.logger, metrics: opts.metrics, defaults: opts.defaults, redis: opts.redis, file: opts.file });
  await registry.start();
  const transport = new RestTransport({ baseUrl: () => registry.get('api').url, apiKey: opts.apiKey, timeoutMs: opts.timeoutMs ?? 5000 });
  const redis = opts.redis;
  const peers = redis
    ? new PeerHealth({ url: redis.url, platform: redis.platform, peers: SERVICES.filter((s) => s !== opts.self?.service), logger: opts.logger })
    : undefined;
  await peers?.start();
  const beacon =
    redis && opts.self
      ? new HealthBeacon({ url: redis.url, platform: redis.platform, service: opts.self.service, ready: opts.self.ready, logger: opts.logger })
      : undefined;
  beacon?.start();
  const apiClient = (as: string | PersonCredential, rest: RestTransport) =>
    switchingClient<ApiClient>({
      callee: 'api',
      connection: () => registry.get('api'),
      inProcess: opts.localApi ? inProcessApiClient(opts.localApi, typeof as === 'string' ? as : { userId: as.userId }) : undefined,
      rest: restApiClient(rest),
      inProcessHealthy: opts.localApiHealthy,
      restHealthy: peers ? () => peers.isHealthy('api') : undefined,
      metrics: opts.metrics,
    });
  const api = apiClient(opts.caller, transport);
  const botTransport = new RestTransport({ baseUrl: () => registry.get('bot').url, apiKey: opts.apiKey, timeoutMs: opts.timeoutMs ?? 5000 });
  const bot = switchingClient<BotClient>({
    callee: 'bot',
    connection: () => registry.get('bot'),
    inProcess: opts.localBot,
    rest: restBotClient(botTransport),
    restHealthy: peers ? () => peers.isHealthy('bot') : undefined,
    metrics: opts.metrics,
  });
  return {
    registry,
    api,
    apiAs: (person) => apiClient(person, transport.withCredential(person.token)),
    bot,
    async close() {
      peers?.close();
      await beacon?.close();
      await registry.close();
    },
  };
}

/** Every callee `router`: the all-in-one process, where all three run in-process. */
export const ALL_ROUTER: Record<ServiceName, Connection> = Object.fromEntries(SERVICES.map((s) => [s, { method: 'router', url: null }])) as Record<
  ServiceName,
  Connection
>;
