import { AppError } from '../shared/errors.js';
import { counter, gauge, type MetricsRegistry } from '../shared/metrics.js';
import { CircuitBreaker } from '../shared/retry/index.js';
import type { Method, ServiceName } from './connections.schema.js';
import type { EffectiveConnection } from './registry.js';

/** What a person reads when a service is switched off (it may end up in a Telegram reply). */
const DISABLED_MESSAGE: Record<ServiceName, string> = {
  api: 'the platform api is switched off by the platform admin; try again later',
  bot: 'the bot is switched off by the platform admin',
  web: 'the dashboard is switched off by the platform admin',
};

export function serviceDisabled(service: ServiceName): AppError {
  return new AppError('SERVICE_DISABLED', DISABLED_MESSAGE[service]);
}

/** A domain answer (bad input, not found, forbidden) is final; anything else is infrastructure. */
export function isInfrastructureFailure(err: unknown): boolean {
  return !(err instanceof AppError) || err.status >= 500;
}

export interface SwitchOptions<T> {
  callee: ServiceName;
  /** Read at every call: a registry change applies to the next call. */
  connection: () => EffectiveConnection;
  /** The callee's service layer in this process, when this process hosts it. */
  inProcess?: T;
  rest?: T;
  /** False when the in-process side cannot serve (e.g. its store is down). */
  inProcessHealthy?: () => boolean;
  /** False when the callee's health key is missing: its REST side is not worth waiting on. */
  restHealthy?: () => boolean;
  metrics: MetricsRegistry;
  /** Guards the in-process side in hybrid. */
  breaker?: CircuitBreaker;
  /** Guards the REST side in hybrid: a dead callee is skipped instead of waited on. */
  restBreaker?: CircuitBreaker;
}

export type Side = 'in-process' | 'rest';

/**
 * A client of `callee` that picks, per call, the path its connection method says:
 * router -> in-process, rest -> HTTP, hybrid -> in-process with REST fallback,
 * disabled -> a ServiceDisabled error. Callers hold one object and never know which.
 */
export function switchingClient<T extends object>(opts: SwitchOptions<T>): T & { lastSide(): Side | undefined } {
  const calls = counter(opts.metrics, 'connect_calls_total', 'Calls to other services', ['callee', 'method', 'outcome']);
  const fallbacks = counter(opts.metrics, 'connect_fallbacks_total', 'Hybrid calls that fell back to REST', ['callee']);
  const served = counter(opts.metrics, 'connect_served_total', 'Calls by the side that served them', ['callee', 'side']);
  const breakerOpen = gauge(opts.metrics, 'connect_breaker_open', '1 while the circuit breaker of a side is tripped (open or half-open)', ['callee', 'side']);
  const breakers: Record<Side, CircuitBreaker> = { 'in-process': opts.breaker ?? new CircuitBreaker(), rest: opts.restBreaker ?? new CircuitBreaker() };
  for (const side of ['in-process', 'rest'] as const) breakerOpen.set({ callee: opts.callee, side }, 0);
  let last: Side | undefined;

  const invoke = async (side: Side, impl: T | undefined, name: string, args: unknown[]): Promise<unknown> => {
    if (!impl) throw new AppError('DEPENDENCY_UNAVAILABLE', `${opts.callee} has no ${side} path in this process`);
    const fn = (impl as Record<string, unknown>)[name];
    if (typeof fn !== 'function') throw new TypeError(`${opts.callee} client has no operation ${name}`);
    const result: unknown = await (fn as (...a: unknown[]) => unknown).apply(impl, args);
    last = side;
    served.inc({ callee: opts.callee, side });
    return result;
  };

  /** One call on one side, its outcome fed to that side's breaker; a domain answer proves the side alive. */
  const callAndRecord = async (side: Side, impl: T | undefined, name: string, args: unknown[]): Promise<unknown> => {
    const breaker = breakers[side];
    const wasTripped = breaker.tripped();
    try {
      const result = await invoke(side, impl, name, args);
      breaker.success();
      return result;
    } catch (err) {
      if (isInfrastructureFailure(err)) breaker.failure();
      else breaker.success();
      throw err;
    } finally {
      if (breaker.tripped() !== wasTripped) breakerOpen.set({ callee: opts.callee, side }, breaker.tripped() ? 1 : 0);
    }
  };

  const hybrid = async (name: string, args: unknown[]): Promise<unknown> => {
    const hasLocal = opts.inProcess !== undefined;
    let localTried = false;
    let localError: unknown;
    if (hasLocal && (opts.inProcessHealthy?.() ?? true) && breakers['in-process'].tryAcquire()) {
      localTried = true;
      try {
        return await callAndRecord('in-process', opts.inProcess, name, args);
      } catch (err) {
        if (!isInfrastructureFailure(err)) throw err;
        localError = err;
      }
    }
    // A dead REST side (health key gone, or its breaker open) would only add its timeout.
    const restUsable = opts.rest !== undefined && opts.restHealthy?.() !== false && breakers.rest.tryAcquire();
    if (restUsable) {
      fallbacks.inc({ callee: opts.callee });
      try {
        return await callAndRecord('rest', opts.rest, name, args);
      } catch (err) {
        // Both sides failing: the in-process side, if skipped so far, is still worth one try.
        if (!isInfrastructureFailure(err) || localTried || !hasLocal) throw err;
      }
    } else if (localTried) {
      throw localError;
    }
    // Every side skipped or failed: the in-process side is the cheapest last resort (an
    // unhealthy store may still serve what the cache holds). It bypasses the breaker.
    if (hasLocal) return callAndRecord('in-process', opts.inProcess, name, args);
    throw new AppError('DEPENDENCY_UNAVAILABLE', `${opts.callee} cannot be reached: its REST side is down and this process does not host it`);
  };

  const dispatch = async (name: string, args: unknown[]): Promise<unknown> => {
    const method: Method = opts.connection().method;
    try {
      let result: unknown;
      if (method === 'disabled') throw serviceDisabled(opts.callee);
      else if (method === 'router') result = await invoke('in-process', opts.inProcess, name, args);
      else if (method === 'rest') result = await invoke('rest', opts.rest, name, args);
      else result = await hybrid(name, args);
      calls.inc({ callee: opts.callee, method, outcome: 'ok' });
      return result;
    } catch (err) {
      calls.inc({ callee: opts.callee, method, outcome: method === 'disabled' ? 'disabled' : isInfrastructureFailure(err) ? 'error' : 'rejected' });
      throw err;
    }
  };

  return new Proxy({} as T & { lastSide(): Side | undefined }, {
    get(_target, prop) {
      if (prop === 'lastSide') return () => last;
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      return (...args: unknown[]) => dispatch(prop, args);
    },
  });
}
