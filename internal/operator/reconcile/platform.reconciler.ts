import { errorMessage, withContext } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { DEFAULT_BUILDER_CONFIG, type BuilderConfig } from '../builders/builder-config.js';
import { connectionsRedisFields } from '../builders/connections.builder.js';
import { buildDesired, type DesiredState } from '../builders/desired.builder.js';
import { redisKeysFor } from '../builders/redis-keys.js';
import { secretReferences } from '../builders/secret-refs.js';
import { validateBotPlatform, type ValidationIssue } from '../crd/botplatform.validator.js';
import type { DesiredObject, KubeObject, KubePort, ObservedPlatform } from '../kube/kube.port.js';
import { CHILD_KINDS, type ChildKind } from '../kube/resources.js';
import type { ReconcileResult } from '../queue/controller.js';
import { ANNOTATIONS, CONDITION_TYPES, SERVICE_NAMES, type BotPlatformStatus } from '../types.js';
import { needsApply, withAppliedHash } from './child-diff.js';
import { findCondition, nextConditions, PAUSED_CONDITION, STALLED_CONDITION, type ConditionUpdate } from './conditions.js';
import type { ConnectionsStore } from './connections.store.js';
import { readyCondition, sameJson, serviceConditions, serviceStatuses } from './platform.status.js';

export const FINALIZER = 'botplatform.io/finalizer';

export interface PlatformReconcilerDeps {
  kube: KubePort;
  redis: ConnectionsStore;
  logger: Logger;
  /** The only clock: condition transition times and Redis `updatedAt`. */
  clock: () => Date;
  builderConfig?: BuilderConfig;
  /** How soon to look again while a Secret is missing or Redis is down (no hot loop). */
  retryAfterMs?: number;
}

type Child = KubeObject & { metadata: { name: string; namespace: string } };

/**
 * Converges one BotPlatform on its spec. Level-triggered: it reads the current state,
 * never the event that woke it, so running it twice in a row is always safe, and on an
 * unchanged object the second run makes no write request at all.
 */
export class PlatformReconciler {
  private readonly config: BuilderConfig;
  private readonly retryAfterMs: number;

  constructor(private readonly deps: PlatformReconcilerDeps) {
    this.config = deps.builderConfig ?? DEFAULT_BUILDER_CONFIG;
    this.retryAfterMs = deps.retryAfterMs ?? 30_000;
  }

  readonly reconcile = async (key: string): Promise<ReconcileResult | void> => {
    const [namespace, name] = key.split('/');
    if (!namespace || !name) return;
    const fetched = await step(`reading BotPlatform ${key}`, () => this.deps.kube.getPlatform(namespace, name));
    if (!fetched) return;

    if (fetched.metadata.deletionTimestamp) return this.finalize(fetched);

    if (fetched.metadata.annotations?.[ANNOTATIONS.paused] === 'true') {
      await this.writeStatus(fetched, fetched.status ?? {}, [
        { type: PAUSED_CONDITION, status: 'True', reason: 'Paused', message: `annotation ${ANNOTATIONS.paused}=true: no changes are made` },
      ]);
      return;
    }

    const issues = validateBotPlatform(fetched);
    if (issues.length) return this.reportInvalidSpec(fetched, issues);

    // Before any outside write: without the finalizer a delete could outrun our cleanup.
    const platform = fetched.metadata.finalizers?.includes(FINALIZER)
      ? fetched
      : await step(`adding the finalizer to BotPlatform ${key}`, () =>
          this.deps.kube.setFinalizers(fetched, [...(fetched.metadata.finalizers ?? []), FINALIZER]),
        );

    const missing = await this.missingSecrets(platform);
    if (missing.length) {
      const message = `missing ${missing.join(', ')}`;
      if (findCondition(platform.status?.conditions, 'Degraded')?.reason !== 'SecretMissing') {
        await this.event(platform, 'Warning', 'SecretMissing', message);
      }
      await this.writeStatus(platform, platform.status ?? {}, [
        { type: 'Degraded', status: 'True', reason: 'SecretMissing', message },
        { type: 'Ready', status: 'False', reason: 'SecretMissing', message },
      ]);
      return { requeueAfterMs: this.retryAfterMs };
    }

    const desired = await step('building the desired objects', () => buildDesired(platform, this.config));
    const observed = await this.observeChildren(platform);
    await this.applyChildren(platform, desired, observed);

    const updates: ConditionUpdate[] = [
      {
        type: 'ConfigSynced',
        status: 'True',
        reason: 'Applied',
        message: `ConfigMap ${desired.configMap.metadata.name} holds connections ${desired.connections.hash}`,
      },
    ];
    let result: ReconcileResult | undefined;
    try {
      await this.publishConnections(platform, desired);
      updates.push({ type: 'RedisSynced', status: 'True', reason: 'Published', message: `connections ${desired.connections.hash} in Redis` });
      updates.push({ type: 'Degraded', status: 'False', reason: 'AsExpected', message: 'no problem found' });
    } catch (err) {
      const message = errorMessage(err);
      if (findCondition(platform.status?.conditions, 'RedisSynced')?.status !== 'False') {
        await this.event(platform, 'Warning', 'RedisUnavailable', message);
      }
      updates.push({ type: 'RedisSynced', status: 'False', reason: 'RedisUnavailable', message });
      updates.push({ type: 'Degraded', status: 'True', reason: 'RedisUnavailable', message });
      result = { requeueAfterMs: Math.min(this.retryAfterMs, 10_000) };
    }

    const services = serviceStatuses(platform, observed.Deployment);
    updates.push(...serviceConditions(services));
    updates.push(readyCondition(updates));
    await this.writeStatus(platform, { connectionsHash: desired.connections.hash, services }, updates);
    return result;
  };

  private async finalize(platform: ObservedPlatform): Promise<void> {
    const finalizers = platform.metadata.finalizers ?? [];
    if (!finalizers.includes(FINALIZER)) return;
    const keys = redisKeysFor(platform);
    // Throws while Redis is down, so the queue retries with backoff and the object stays
    // until its keys are really gone.
    await step(`removing the Redis keys of BotPlatform ${keyOf(platform)}`, () =>
      this.deps.redis.remove(platform.spec.redis.url, [keys.connections, ...SERVICE_NAMES.map((s) => keys.health(s))]),
    );
    await step(`removing the finalizer from BotPlatform ${keyOf(platform)}`, () =>
      this.deps.kube.setFinalizers(
        platform,
        finalizers.filter((f) => f !== FINALIZER),
      ),
    );
    this.deps.logger.info('finalized', { object: keyOf(platform) });
  }

  private async missingSecrets(platform: ObservedPlatform): Promise<string[]> {
    const refs = secretReferences(platform);
    const names = [...new Set(refs.map((r) => r.name))];
    const keys = new Map(
      await Promise.all(
        names.map(async (name) => [name, await step(`reading Secret ${name}`, () => this.deps.kube.secretKeys(platform.metadata.namespace, name))] as const),
      ),
    );
    const missing = refs.map((ref) => {
      const present = keys.get(ref.name);
      if (!present) return `Secret ${ref.name}`;
      return present.includes(ref.key) ? undefined : `key ${ref.key} in Secret ${ref.name}`;
    });
    return [...new Set(missing.filter((m): m is string => m !== undefined))];
  }

  private async observeChildren(platform: ObservedPlatform): Promise<Record<ChildKind, Child[]>> {
    const selector = `app.kubernetes.io/instance=${platform.metadata.name},app.kubernetes.io/managed-by=${this.config.managedBy}`;
    const lists = await Promise.all(
      CHILD_KINDS.map((kind) =>
        step(`listing ${kind}s in ${platform.metadata.namespace}`, () => this.deps.kube.listChildren(kind, platform.metadata.namespace, selector)),
      ),
    );
    const out = {} as Record<ChildKind, Child[]>;
    CHILD_KINDS.forEach((kind, i) => {
      // Only what this very object controls: a same-named platform recreated meanwhile
      // has another uid, and its leftovers are not ours to keep.
      out[kind] = (lists[i] ?? []).filter(
        (o): o is Child => Boolean(o.metadata?.name) && Boolean(o.metadata?.ownerReferences?.some((r) => r.uid === platform.metadata.uid)),
      );
    });
    return out;
  }

  /**
   * The ConfigMap first (pods mount it), then everything else concurrently; one Event per
   * kind of change rather than one per child, to keep the write count of a rollout low.
   */
  private async applyChildren(platform: ObservedPlatform, desired: DesiredState, observed: Record<ChildKind, Child[]>): Promise<void> {
    const wanted: Record<ChildKind, DesiredObject[]> = {
      ConfigMap: [desired.configMap],
      Service: desired.services,
      Deployment: desired.deployments,
      Ingress: desired.ingress ? [desired.ingress] : [],
    };
    const done: Record<'Created' | 'Updated' | 'Deleted', string[]> = { Created: [], Updated: [], Deleted: [] };
    const changes = (kinds: readonly ChildKind[]) =>
      kinds.flatMap((kind) => {
        const applies = wanted[kind].flatMap((raw) => {
          const child = withAppliedHash(raw);
          const current = observed[kind].find((o) => o.metadata.name === child.metadata.name);
          if (!needsApply(child, current)) return [];
          return [
            async () => {
              await this.warnOnFailure(platform, `applying ${kind} ${child.metadata.name}`, () => this.deps.kube.apply(kind, child));
              done[current ? 'Updated' : 'Created'].push(`${kind} ${child.metadata.name}`);
            },
          ];
        });
        const names = new Set(wanted[kind].map((w) => w.metadata.name));
        const deletes = observed[kind]
          .filter((o) => !names.has(o.metadata.name))
          .map((stale) => async () => {
            await this.warnOnFailure(platform, `deleting ${kind} ${stale.metadata.name}`, () =>
              this.deps.kube.deleteChild(kind, stale.metadata.namespace, stale.metadata.name),
            );
            done.Deleted.push(`${kind} ${stale.metadata.name}`);
          });
        return [...applies, ...deletes];
      });
    try {
      await Promise.all(changes(['ConfigMap']).map((run) => run()));
      await Promise.all(changes(CHILD_KINDS.filter((k) => k !== 'ConfigMap')).map((run) => run()));
    } finally {
      // Also after a failure: what did succeed is worth an Event too.
      for (const reason of ['Created', 'Updated', 'Deleted'] as const) {
        if (done[reason].length) await this.event(platform, 'Normal', reason, `${reason.toLowerCase()} ${done[reason].sort().join(', ')}`);
      }
    }
  }

  private async publishConnections(platform: ObservedPlatform, desired: DesiredState): Promise<void> {
    const keys = redisKeysFor(platform);
    const fields = connectionsRedisFields(desired.connections, this.deps.clock().toISOString());
    // The URL without its credentials: the message ends up in status and Events.
    const redis = platform.spec.redis.url.replace(/\/\/[^@/]*@/, '//');
    const wrote = await step(`publishing connections to Redis ${redis}`, () =>
      this.deps.redis.sync(platform.spec.redis.url, keys.connections, keys.connectionsChanged, fields, desired.connections.hash),
    );
    if (wrote) await this.event(platform, 'Normal', 'RedisSynced', `published connections ${desired.connections.hash}`);
  }

  /** Status once, at the end; no request when it would not change anything. */
  private async writeStatus(platform: ObservedPlatform, base: BotPlatformStatus, updates: ConditionUpdate[]): Promise<void> {
    const generation = platform.metadata.generation ?? 0;
    const paused = updates.some((u) => u.type === PAUSED_CONDITION);
    // The standing conditions, then those present only while they hold.
    const transient = [PAUSED_CONDITION, STALLED_CONDITION].filter((type) => updates.some((u) => u.type === type));
    const order: string[] = [...CONDITION_TYPES, ...transient];
    const status: BotPlatformStatus = {
      ...base,
      observedGeneration: paused ? (platform.status?.observedGeneration ?? 0) : generation,
      conditions: nextConditions(platform.status?.conditions, updates, order, generation, rfc3339(this.deps.clock())),
    };
    if (sameJson(status, platform.status)) return;
    await step(`writing the status of BotPlatform ${keyOf(platform)}`, () => this.deps.kube.applyStatus(platform, status));
  }

  /**
   * A spec the API server would refuse today (stored before a rule existed, or under a CRD
   * installed without its validation) builds nothing: Stalled says so until the spec
   * changes, and that change wakes us, so there is no retry.
   */
  private async reportInvalidSpec(platform: ObservedPlatform, issues: readonly ValidationIssue[]): Promise<void> {
    const message = issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
    if (findCondition(platform.status?.conditions, STALLED_CONDITION)?.message !== message) {
      await this.event(platform, 'Warning', 'InvalidSpec', message);
    }
    await this.writeStatus(platform, platform.status ?? {}, [
      { type: 'Ready', status: 'False', reason: 'InvalidSpec', message },
      { type: STALLED_CONDITION, status: 'True', reason: 'InvalidSpec', message },
    ]);
  }

  /** One write of a child; its failure, with the step, goes out as a Warning event and fails the reconcile. */
  private async warnOnFailure<T>(platform: ObservedPlatform, what: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      const failure = withContext(what, err);
      await this.event(platform, 'Warning', 'ReconcileFailed', failure.message);
      throw failure;
    }
  }

  /** Events are best effort: losing one must not fail or repeat a reconcile. */
  private async event(platform: ObservedPlatform, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void> {
    try {
      await this.deps.kube.recordEvent(platform, { type, reason, message, time: this.deps.clock().toISOString() });
    } catch (err) {
      this.deps.logger.debug('event not recorded', { object: keyOf(platform), reason, error: String(err) });
    }
    this.deps.logger.log(type === 'Warning' ? 'warn' : 'info', message, { object: keyOf(platform), reason });
  }
}

/** metav1.Time has second precision; the API server would drop our milliseconds. */
function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Runs one step of the reconcile; what it throws names the step ("while applying ..."). */
async function step<T>(what: string, run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw withContext(what, err);
  }
}

function keyOf(platform: ObservedPlatform): string {
  return `${platform.metadata.namespace}/${platform.metadata.name}`;
}
