import type { Server } from 'node:http';
import type { Connections } from '../../connect/connections.js';
import type { GroupEventBus } from '../../shared/events/group-events.js';
import type { Logger } from '../../shared/logger.js';
import type { MetricsRegistry } from '../../shared/metrics.js';
import type { Shutdown } from '../../shared/shutdown.js';
import type { Sessions } from '../auth/sessions.js';
import { LiveEvents } from './live-events.js';

export { LIVE_PATH, LIVE_PERMISSION, LiveEvents } from './live-events.js';

/** Live events on `server` when people can sign in (a socket is signed in by its session). */
export function startLiveEvents(o: {
  server: Server;
  sessions: Sessions | undefined;
  events: GroupEventBus;
  connections: Connections;
  publicOrigin: string | undefined;
  logger: Logger;
  metrics: MetricsRegistry;
  shutdown: Shutdown;
}): LiveEvents | undefined {
  if (!o.sessions) return undefined;
  const live = new LiveEvents({
    sessions: o.sessions,
    events: o.events,
    api: o.connections.api,
    apiAs: (person) => o.connections.apiAs(person),
    publicOrigin: o.publicOrigin,
    logger: o.logger,
    metrics: o.metrics,
  });
  live.attach(o.server);
  // Before the HTTP server drains: open sockets would otherwise hold it until the deadline.
  o.shutdown.addBeforeServers('live events', () => live.close());
  return live;
}
