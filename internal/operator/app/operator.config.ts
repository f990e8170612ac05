import { hostname } from 'node:os';

export interface OperatorConfig {
  kubeconfigPath?: string;
  watchNamespaces: string[];
  leaderElection: boolean;
  leaseNamespace: string;
  port: number;
  host: string;
  logLevel: string;
  logFormat: 'json' | 'pretty';
  identity: string;
  /** Concurrent reconciles (different keys; one key is never reconciled twice at once). */
  workers: number;
  /** Informers' resync period when OPERATOR_RESYNC_SECONDS is set (benchmarks); default 10 min. */
  resyncMs?: number;
}

/**
 * The operator's settings from its environment (the Deployment in the chart sets them).
 * POD_NAME/POD_NAMESPACE come from the downward API.
 */
export function operatorConfigFrom(env: NodeJS.ProcessEnv): OperatorConfig {
  const namespaces = (env.WATCH_NAMESPACE ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const port = Number(env.METRICS_PORT ?? env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid METRICS_PORT: ${env.METRICS_PORT ?? env.PORT ?? ''}`);
  const workers = Number(env.OPERATOR_WORKERS ?? 4);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new Error(`invalid OPERATOR_WORKERS: ${env.OPERATOR_WORKERS ?? ''}`);
  const config: OperatorConfig = {
    watchNamespaces: namespaces,
    leaderElection: !['false', '0', 'no'].includes((env.LEADER_ELECTION ?? 'true').toLowerCase()),
    leaseNamespace: env.LEASE_NAMESPACE ?? env.POD_NAMESPACE ?? 'default',
    port,
    host: env.METRICS_HOST ?? '0.0.0.0',
    logLevel: env.LOG_LEVEL ?? 'info',
    // JSON unless asked otherwise: the operator runs in a pod far more often than in a terminal.
    logFormat: env.LOG_FORMAT === 'pretty' ? 'pretty' : 'json',
    workers,
    identity: env.POD_NAME ?? hostname(),
  };
  if (env.KUBECONFIG) config.kubeconfigPath = env.KUBECONFIG;
  if (env.OPERATOR_RESYNC_SECONDS) {
    const seconds = Number(env.OPERATOR_RESYNC_SECONDS);
    if (!Number.isFinite(seconds) || seconds < 1) throw new Error(`invalid OPERATOR_RESYNC_SECONDS: ${env.OPERATOR_RESYNC_SECONDS}`);
    config.resyncMs = seconds * 1000;
  }
  return config;
}
