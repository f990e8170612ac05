// Benchmark of the api (issue 3): cached GET side by side with a bare Express route
// serving the same JSON, cold reads, lists, stats and bulk upserts, on the memory store
// and on FerretDB + Redis, and the api process's peak RSS. `make bench` runs it.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startFerretDB } from '../test/harness/ferretdb.js';
import { freePort } from '../test/harness/process.js';
import { startRedis } from '../test/harness/redis.js';

const KEY = 'bench-admin-key-0123456789';
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 6);
const auth = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

interface Proc {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startNode(script: string, env: Record<string, string>): Promise<Proc> {
  const port = await freePort();
  const child = spawn(process.execPath, [script], { env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, child, stop: () => new Promise((r) => { child.once('exit', () => r()); child.kill('SIGTERM'); }) };
}

/** Peak resident set of a process so far (VmHWM), in MB. */
const peakRssMb = (pid: number | undefined) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function load(url: string, path: string) {
  const r = await autocannon({ url: url + path, connections: CONNECTIONS, duration: DURATION_S, headers: auth });
  if (r.non2xx || r.errors) throw new Error(`${path}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

/** Sequential requests, one at a time: the latency one caller sees. */
async function latencies(n: number, send: (i: number) => Promise<Response>): Promise<{ p50: number; p99: number }> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await send(i);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`request ${i} answered ${res.status}`);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99) };
}

const post = (url: string, path: string, body: unknown, method = 'POST') => fetch(url + path, { method, headers: auth, body: JSON.stringify(body) });
const f = (n: number, d = 2) => n.toFixed(d);

async function benchBackend(label: string, env: Record<string, string>) {
  const api = await startNode('dist/cmd/api/main.js', { API_KEYS: `admin:${KEY}`, ...env });
  const G = -1001234567890;
  await post(api.url, '/api/v2/groups', { group_id: G, name: 'My Group' });
  const body = await (await fetch(`${api.url}/api/v2/groups/${G}`, { headers: auth })).text();
  const bare = await startNode('bench/bare-express.js', { BARE_BODY: body });

  // Alternate the two a second time so drift on a shared 2-core machine hits both alike.
  const b1 = await load(bare.url, '/bare');
  const a1 = await load(api.url, `/api/v2/groups/${G}`);
  const b2 = await load(bare.url, '/bare');
  const a2 = await load(api.url, `/api/v2/groups/${G}`);
  const bareR = { rps: (b1.rps + b2.rps) / 2, p99: Math.max(b1.p99, b2.p99) };
  const apiR = { rps: (a1.rps + a2.rps) / 2, p50: Math.max(a1.p50, a2.p50), p99: Math.max(a1.p99, a2.p99) };
  await bare.stop();

  for (let i = 0; i < 300; i++) await post(api.url, '/api/v2/groups', { group_id: G - 1 - i, name: `cold ${i}` });
  const cold = await latencies(300, (i) => fetch(`${api.url}/api/v2/groups/${G - 1 - i}`, { headers: auth }));
  await post(api.url, `/api/v2/groups/${G}/users:bulk`, { users: Array.from({ length: 200 }, (_, i) => ({ user_id: 10_000 + i, username: `member_${i}` })) });
  for (let i = 0; i < 100; i++) await post(api.url, `/api/v2/groups/${G}/actions`, { user_id: 10_000 + (i % 50), action_type: i % 3 ? 'warn' : 'mute', duration: i % 3 ? null : 600 });
  const list = await latencies(300, () => fetch(`${api.url}/api/v2/groups/${G}/users?limit=10`, { headers: auth }));
  const stats = await latencies(200, () => fetch(`${api.url}/api/v2/groups/${G}/stats`, { headers: auth }));
  const bulk = await latencies(10, (i) => post(api.url, `/api/v2/groups/${G}/users:bulk`, { users: Array.from({ length: 1000 }, (_, j) => ({ user_id: 100_000 + i * 1000 + j, username: `bulk_${i}_${j}` })) }));
  const rss = peakRssMb(api.child.pid);
  await api.stop();

  const target = (v: number, t: number) => `${f(v)} ms (target < ${t} ms, ${v <= t / 5 ? '5x below: yes' : `${f(t / v, 1)}x below`})`;
  console.log(`\n== api on ${label}`);
  console.log(`cached GET /api/v2/groups/:id   ${f(apiR.rps, 0)} req/s  p50 ${apiR.p50} ms  p99 ${apiR.p99} ms  (${CONNECTIONS} connections)`);
  console.log(`bare Express, same JSON          ${f(bareR.rps, 0)} req/s  p99 ${bareR.p99} ms`);
  console.log(`ratio cached/bare                ${f(apiR.rps / bareR.rps)} (must be >= 0.75)   p99 <= 5 ms: ${apiR.p99 <= 5 ? 'yes' : 'NO'}`);
  console.log(`cold GET group p50/p99          ${f(cold.p50)} / ${target(cold.p99, 50)}`);
  console.log(`list of 10 members p50/p99      ${f(list.p50)} / ${target(list.p99, 100)}`);
  console.log(`group stats p50/p99             ${f(stats.p50)} / ${target(stats.p99, 150)}`);
  console.log(`bulk upsert 1,000 p50/p99       ${f(bulk.p50)} / ${target(bulk.p99, 1000)}`);
  console.log(`api peak RSS                     ${f(rss, 1)} MB (aim < 150 MB)`);
}

await benchBackend('the memory store and in-process cache', {});
const [mongo, redis] = [await startFerretDB(), await startRedis()];
try {
  await benchBackend('FerretDB (SQLite) + Redis', { MONGODB_URI: mongo.uri, MONGODB_DB: `bench_${Date.now()}`, REDIS_URL: redis.url });
} finally {
  await mongo.stop();
  await redis.stop();
}
