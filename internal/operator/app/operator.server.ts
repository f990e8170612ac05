import type express from 'express';
import type { Health } from '../../shared/health.js';
import type { Logger } from '../../shared/logger.js';
import type { MetricsRegistry } from '../../shared/metrics.js';
import { createServiceApp, finishApp } from '../../shared/service-app.js';
import type { Operator } from './operator.app.js';

/**
 * `/healthz`, `/readyz` and `/metrics`. Ready means the informers have listed once: a
 * standby is ready too (it must be, or a rollout would never finish), it just does not
 * hold the Lease.
 */
export function createOperatorHttp(operator: Operator, kit: { logger: Logger; registry: MetricsRegistry; health: Health }): express.Express {
  kit.health.register('informers-synced', () => operator.hasSynced());
  return finishApp(createServiceApp(kit), kit);
}
