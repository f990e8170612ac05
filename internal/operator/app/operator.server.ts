import type express from 'express';
import { RouteTable } from '../../shared/routes/index.js';
import { createServiceApp, type ServiceTelemetry } from '../../shared/service-app.js';
import type { Operator } from './operator.app.js';

/**
 * `/healthz`, `/readyz` and `/metrics`. Ready means the informers have listed once: a
 * standby is ready too (it must be, or a rollout would never finish), it just does not
 * hold the Lease.
 */
export function createOperatorHttp(operator: Operator, telemetry: ServiceTelemetry): express.Express {
  telemetry.health.register('informers-synced', () => operator.hasSynced());
  return createServiceApp(telemetry, new RouteTable(), {
    info: { title: 'botplatform operator', version: '0.1.0', description: "The operator's probes and metrics.", tags: [] },
  });
}
