// Benchmark of the connection methods (issue 4): the cost of a method lookup, the same
// ApiClient call in-process vs REST, and the time from a Redis publish to the caller's
// next call taking the new path. `make bench` runs it; Redis comes from the test harness.
import { once } from 'node:events';
import type { Server } from 'node:http';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { createApiApp } from '../internal/api/app.js';
import { parseApiKeys } from '../internal/shared/auth/index.js';
import { cachedStore } from '../internal/cache/index.js';
import { createCache } from '../internal/cache/index.js';
import type { ApiClient } from '../internal/connect/api-client.js';
import { inProcessApiClient } from '../internal/connect/api.in-process.js';
import { restApiClient } from '../internal/connect/api.rest.js';
import { connect } from '../internal/connect/connections.js';
import type { Connection, Method, ServiceName } from '../internal/connect/connections.schema.js';
import { connectionsChannel, connectionsHashKey } from '../internal/connect/connection-keys.js';
import { ConnectionRegistry } from '../internal/connect/registry.js';
import { RestTransport } from '../internal/connect/rest-transport.js';
import { createServices } from '../internal/domain/index.js';
import { createLogger, createRegistry, Health, listen, urlOf } from '../internal/shared/index.js';
import { createMemoryStore } from '../internal/store/memory/index.js';
import { testEnv } from '../test/harness/env.js';

const KEY = 'bench-connect-key-0123456789';
const G = -1001234567890;
const logger = createLogger({ service: 'bench', level: 'error', format: 'json' });
const defaults: Record<ServiceName, Connection> = { api: { method: 'rest', url: 'http://127.0.0.1:1' }, bot: { method: 'disabled' }, web: { method: 'rest' } };

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const sortNum = (xs: number[]) => [...xs].sort((a, b) => a - b);

/**
 * Lookup cost. One call is far below the clock's resolution, so each sample is a batch
 * of 1,000 lookups divided by 1,000; p50/p99 are over the batches.
 */
function lookupCost(registry: ConnectionRegistry): { p50: number; p99: number } {
  const batch = 1000;
  const samples: number[] = [];
  let sink = 0;
  for (let i = 0; i < 20_000; i++) {
    const t = process.hrtime.bigint();
    for (let j = 0; j < batch; j++) if (registry.get('api').method === 'hybrid') sink++;
    samples.push(Number(process.hrtime.bigint() - t) / batch);
  }
  if (sink < 0) console.log(sink); // keeps the loop from being optimised away
  const s = sortNum(samples.slice(2000)); // the first batches run before the JIT settles
  return { p50: quantile(s, 0.5), p99: quantile(s, 0.99) };
}

/** Sequential calls, one at a time: µs per call (p50, p99) and calls per second. */
async function callCost(client: ApiClient, n: number): Promise<{ p50: number; p99: number; perSecond: number }> {
  for (let i = 0; i < Math.min(n, 500); i++) await client.getGroup(G); // warm-up
  const us: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await client.getGroup(G);
    us.push((performance.now() - t) * 1000);
  }
  const totalS = (performance.now() - start) / 1000;
  const s = sortNum(us);
  return { p50: quantile(s, 0.5), p99: quantile(s, 0.99), perSecond: n / totalS };
}

/**
 * Publish-to-switch: HSET + PUBLISH as the operator does, then the caller calls in a loop
 * until a call is served by the new side. Between calls we yield to the event loop, or
 * in-process calls (microtasks only) would starve the socket that carries the message.
 */
async function switchTimes(redisUrl: string, apiUrl: string, services: ReturnType<typeof createServices>, switches: number): Promise<number[]> {
  const platform = { prefix: 'botplatform', namespace: 'bench', name: `connect-${process.pid}` };
  const pub = new Redis(redisUrl);
  const write = async (method: Method) => {
    const hash = `sha256:${method}-${Date.now()}`;
    await pub.hset(connectionsHashKey(platform), { api: JSON.stringify({ method, url: apiUrl }), _meta: JSON.stringify({ hash, generation: 1 }) });
    await pub.publish(connectionsChannel(platform), hash);
  };
  await write('rest');
  const metrics = createRegistry();
  const conns = await connect({ logger, metrics, defaults, redis: { url: redisUrl, platform }, apiKey: KEY, caller: 'web', localApi: services });
  const ms: number[] = [];
  try {
    for (let i = 0; i < switches; i++) {
      const method: Method = i % 2 === 0 ? 'router' : 'rest';
      const side = method === 'router' ? 'in-process' : 'rest';
      const t = performance.now();
      await write(method);
      for (;;) {
        await conns.api.getGroup(G);
        if (conns.api.lastSide() === side) break;
        if (performance.now() - t > 5000) throw new Error(`switch ${i} to ${method} not seen within 5 s`);
        await yieldToLoop();
      }
      ms.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await conns.close();
    pub.disconnect();
  }
  return ms;
}

// The api's service layer on the memory store behind the in-process cache, as in `make run`.
const telemetry = { logger, registry: createRegistry(), health: new Health() };
const services = createServices(cachedStore(createMemoryStore(), createCache({ prefix: 'bench', logger, registry: telemetry.registry })));
await services.groups.create({ group_id: G, name: 'My Group' });
const server: Server = await listen(createApiApp({ telemetry, services, auth: { keys: parseApiKeys(`bench:${KEY}`) } }), 0);
const apiUrl = urlOf(server);

const registry = new ConnectionRegistry({ logger, metrics: createRegistry(), defaults });
await registry.start();
const lookup = lookupCost(registry);
await registry.close();

const local = await callCost(inProcessApiClient(services, 'bot'), 50_000);
const rest = await callCost(restApiClient(new RestTransport({ baseUrl: () => apiUrl, apiKey: KEY })), 3_000);

const redis = await testEnv.redis();
let sw: number[];
try {
  sw = sortNum(await switchTimes(redis.url, apiUrl, services, 50));
} finally {
  server.close();
  await once(server, 'close');
  await testEnv.stopAll();
}

const f = (n: number, d = 2) => n.toFixed(d);
const rows: [string, string, string, string][] = [
  ['method lookup registry.get(api) p50', `${f(lookup.p50, 1)} ns`, '< 1000 ns', lookup.p50 < 1000 ? 'yes' : 'NO'],
  ['method lookup registry.get(api) p99', `${f(lookup.p99, 1)} ns`, '-', ''],
  ['getGroup (cached) in-process p50 / p99', `${f(local.p50)} / ${f(local.p99)} µs`, '-', ''],
  ['getGroup (cached) in-process calls/s', f(local.perSecond, 0), '-', ''],
  ['getGroup (cached) REST p50 / p99', `${f(rest.p50)} / ${f(rest.p99)} µs`, '-', ''],
  ['getGroup (cached) REST calls/s', f(rest.perSecond, 0), '-', ''],
  ['ratio REST/in-process (p50 latency)', `${f(rest.p50 / local.p50, 1)}x`, 'report', ''],
  ['ratio in-process/REST (calls/s)', `${f(local.perSecond / rest.perSecond, 1)}x`, 'report', ''],
  [`publish -> caller switched p50 (${sw.length} switches)`, `${f(quantile(sw, 0.5))} ms`, '-', ''],
  [`publish -> caller switched p99 (${sw.length} switches)`, `${f(quantile(sw, 0.99))} ms`, '< 100 ms', quantile(sw, 0.99) < 100 ? 'yes' : 'NO'],
];
const widths = [0, 1, 2, 3].map((c) => Math.max(...[['figure', 'value', 'target', 'ok'], ...rows].map((r) => (r[c] ?? '').length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
console.log('\n== connection methods (REST: the api app on port 0 in this process, sequential calls)');
console.log(line(['figure', 'value', 'target', 'ok']));
for (const r of rows) console.log(line(r));
