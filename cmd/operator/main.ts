// The BotPlatform operator: watches BotPlatforms and converges their children, Redis
// connections and status. Settings: KUBECONFIG (else in-cluster), WATCH_NAMESPACE (comma
// list, empty = all), LEADER_ELECTION (default true), LEASE_NAMESPACE, METRICS_PORT (8080),
// OPERATOR_WORKERS (4), LOG_LEVEL, LOG_FORMAT; OPERATOR_RESYNC_SECONDS (600) for benchmarks.
import { randomBytes } from 'node:crypto';
import { Operator } from '../../internal/operator/app/operator.app.js';
import { operatorConfigFrom } from '../../internal/operator/app/operator.config.js';
import { createOperatorHttp } from '../../internal/operator/app/operator.server.js';
// Module by module rather than the shared barrel: it would also load the services' zod
// config, ~8 MB of RSS the operator never uses.
import { Health } from '../../internal/shared/health.js';
import { listen, urlOf } from '../../internal/shared/http.js';
import { createLogger } from '../../internal/shared/logger.js';
import { createRegistry } from '../../internal/shared/metrics.js';
import { Shutdown } from '../../internal/shared/shutdown.js';

const config = operatorConfigFrom(process.env);
const logger = createLogger({ service: 'botplatform-operator', level: config.logLevel, format: config.logFormat });
const registry = createRegistry({ service: 'botplatform-operator' });
const health = new Health();
const shutdown = new Shutdown(logger, { timeoutMs: 20_000, health });

const operator = new Operator({
  ...(config.kubeconfigPath ? { kubeconfigPath: config.kubeconfigPath } : {}),
  watchNamespaces: config.watchNamespaces,
  leaderElection: config.leaderElection,
  leaseNamespace: config.leaseNamespace,
  // Unique per process, like controller-runtime's hostname_uuid: a restarted container
  // must not believe it still holds its predecessor's Lease.
  identity: `${config.identity}_${randomBytes(4).toString('hex')}`,
  logger,
  registry,
  workers: config.workers,
  ...(config.resyncMs !== undefined ? { resyncMs: config.resyncMs } : {}),
});
// Closers run in reverse: the server stops first, then the operator drains and releases the Lease.
shutdown.addCloser('operator', () => operator.stop());
const server = await listen(createOperatorHttp(operator, { logger, registry, health }), config.port, config.host);
shutdown.addServer(server);
shutdown.installSignalHandlers();
operator.start();
logger.info('operator started', {
  url: urlOf(server),
  identity: operator.identity,
  namespaces: config.watchNamespaces.length ? config.watchNamespaces : 'all',
  leaderElection: config.leaderElection,
});
