import { canonicalJson } from '../builders/canonical-json.js';
import { serviceUrl } from '../builders/connections.builder.js';
import { childName } from '../builders/metadata.js';
import { IN_PROCESS_HOSTS, SERVICE_NAMES, type BotPlatform, type ConditionType, type ServiceName, type ServiceStatus } from '../types.js';
import { isDeployed, resolveSpec } from '../builders/resolve.js';
import type { KubeObject } from '../kube/kube.port.js';
import type { ConditionUpdate } from './conditions.js';

const READY_TYPE: Record<ServiceName, ConditionType> = { api: 'ApiReady', bot: 'BotReady', web: 'WebReady' };

interface DeploymentStatusView {
  readyReplicas?: number;
  replicas?: number;
}

/** Per-service status from the spec and the observed Deployments' status. */
export function serviceStatuses(platform: BotPlatform, deployments: readonly KubeObject[]): Record<ServiceName, ServiceStatus> {
  const spec = resolveSpec(platform.spec);
  const byName = new Map(deployments.map((d) => [d.metadata?.name, (d.status ?? {}) as DeploymentStatusView]));
  const entry = (service: ServiceName): ServiceStatus => {
    const { connectionMethod: method, replicas } = spec.services[service];
    if (!isDeployed(method)) return { method };
    const observed = byName.get(childName(platform, service));
    return { method, replicas, readyReplicas: observed?.readyReplicas ?? 0, endpoint: serviceUrl(platform, service) };
  };
  return { api: entry('api'), bot: entry('bot'), web: entry('web') };
}

/** ApiReady, BotReady, WebReady and Progressing from the service statuses. */
export function serviceConditions(services: Record<ServiceName, ServiceStatus>): ConditionUpdate[] {
  const out: ConditionUpdate[] = [];
  const rolling: string[] = [];
  for (const service of SERVICE_NAMES) {
    const s = services[service];
    const type = READY_TYPE[service];
    if (s.method === 'disabled') {
      out.push({ type, status: 'True', reason: 'Disabled', message: `${service} is disabled; callers get a "service disabled" answer` });
    } else if (s.method === 'router') {
      const hosts = IN_PROCESS_HOSTS[service].filter((h) => isDeployed(services[h].method));
      out.push({ type, status: 'True', reason: 'InProcess', message: `${service} runs in-process in ${hosts.join(', ')}` });
    } else {
      const want = s.replicas ?? 0;
      const ready = s.readyReplicas ?? 0;
      const ok = ready >= want;
      if (!ok) rolling.push(`${service} ${ready}/${want}`);
      out.push({
        type,
        status: ok ? 'True' : 'False',
        reason: want === 0 ? 'ScaledToZero' : ok ? 'MinimumReplicasAvailable' : 'ReplicasNotReady',
        message: `${ready}/${want} replicas ready`,
      });
    }
  }
  out.push(
    rolling.length
      ? { type: 'Progressing', status: 'True', reason: 'RollingOut', message: `waiting for replicas: ${rolling.join(', ')}` }
      : { type: 'Progressing', status: 'False', reason: 'Complete', message: 'every deployed service has its replicas ready' },
  );
  return out;
}

/** Ready: True only when nothing else is wrong; the message names what is. */
export function readyCondition(updates: readonly ConditionUpdate[]): ConditionUpdate {
  const failing = updates.filter(
    (u) => (u.type === 'Degraded' && u.status !== 'False') || (u.type !== 'Degraded' && u.type !== 'Progressing' && u.status !== 'True'),
  );
  if (!failing.length) return { type: 'Ready', status: 'True', reason: 'Ready', message: 'all children applied, connections published, services ready' };
  const first = failing[0];
  return {
    type: 'Ready',
    status: 'False',
    reason: first?.reason ?? 'NotReady',
    message: failing.map((f) => `${f.type}: ${f.message}`).join('; '),
  };
}

/** Equality as the API server would store it (key order and undefined fields ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(JSON.parse(JSON.stringify(a ?? null))) === canonicalJson(JSON.parse(JSON.stringify(b ?? null)));
}
