// Benchmark of the api (issue 3): cached GET side by side with a bare Express route
// serving the same JSON, cold reads, lists, stats and bulk upserts, on the memory store
// and on FerretDB + Redis, and the api process's peak RSS. `make bench` runs it.
import autocannon from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { startFerretDB } from '../test/harness/ferretdb.js';
import { freePort } from '../test/harness/process.js';
import { startRedis } from '../test/harness/redis.js';
import { pairedRounds } from './paired-rounds.js';

const KEY = 'bench-admin-key-0123456789';
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/**
 * The server under test on CPU 1, this process (the load generator) on CPU 0: on a 2-core
 * machine, a generator and a server that share cores measure each other's scheduling as
 * much as the server. BENCH_PIN=0 turns it off (or it is off where taskset is missing).
 */
const PIN =
  process.env.BENCH_PIN !== '0' &&
  availableParallelism() >= 2 &&
  (() => {
    try {
      execFileSync('taskset', ['-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
const auth = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

interface Proc {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startNode(script: string, env: Record<string, string>): Promise<Proc> {
  const port = await freePort();
  const child = spawn(PIN ? 'taskset' : process.execPath, PIN ? ['-c', '1', process.execPath, script] : [script], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    child,
    stop: () =>
      new Promise((r) => {
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
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

const post = async (url: string, path: string, body: unknown, method = 'POST') => {
  const res = await fetch(url + path, { method, headers: auth, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return res;
};

/** Runs `n` jobs at most `width` at a time: setup data without waiting on each write in turn. */
async function pool(n: number, width: number, job: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, n) }, async () => {
      while (next < n) await job(next++);
    }),
  );
}

/** How much each backend is asked for: FerretDB (SQLite) writes are ~100x slower than memory. */
interface Sizes {
  /** Distinct groups read once each for the cold GET figure. */
  cold: number;
  /** Bulk upserts of 1,000 members. */
  bulks: number;
}
const log = (msg: string) => process.stderr.write(`  [${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const f = (n: number, d = 2) => n.toFixed(d);

async function benchBackend(label: string, env: Record<string, string>, sizes: Sizes) {
  log(`api on ${label}: starting`);
  // One key calling as fast as 50 connections go is far past any service's limit: a limit
  // it never reaches keeps the rate limit on its real path (and its cost in the figures)
  // without refusals.
  const api = await startNode('dist/cmd/api/main.js', {
    API_KEYS: `admin:${KEY}`,
    API_RATE_SERVICE_PER_S: '1000000',
    API_RATE_SERVICE_BURST: '10000000',
    ...env,
  });
  const G = -1001234567890;
  await post(api.url, '/api/v2/groups', { group_id: G, name: 'My Group' });
  const body = await (await fetch(`${api.url}/api/v2/groups/${G}`, { headers: auth })).text();
  const bare = await startNode('bench/bare-express.js', { BARE_BODY: body });

  const paired = await pairedRounds(
    ROUNDS,
    () => load(bare.url, '/bare'),
    () => load(api.url, `/api/v2/groups/${G}`),
  );
  const { baseline: bareR, subject: apiR, ratio } = paired;
  const rssAfterLoad = peakRssMb(api.child.pid);
  const bareRss = peakRssMb(bare.child.pid);
  await bare.stop();

  log(`load done; creating ${sizes.cold} groups for cold reads`);
  await pool(sizes.cold, 8, (i) => post(api.url, '/api/v2/groups', { group_id: G - 1 - i, name: `cold ${i}` }));
  const cold = await latencies(sizes.cold, (i) => fetch(`${api.url}/api/v2/groups/${G - 1 - i}`, { headers: auth }));
  log('cold reads done; members and actions');
  await post(api.url, `/api/v2/groups/${G}/users:bulk`, { users: Array.from({ length: 200 }, (_, i) => ({ user_id: 10_000 + i, username: `member_${i}` })) });
  await pool(100, 8, (i) =>
    post(api.url, `/api/v2/groups/${G}/actions`, { user_id: 10_000 + (i % 50), action_type: i % 3 ? 'warn' : 'mute', duration: i % 3 ? null : 600 }),
  );
  const list = await latencies(300, () => fetch(`${api.url}/api/v2/groups/${G}/users?limit=10`, { headers: auth }));
  const stats = await latencies(200, () => fetch(`${api.url}/api/v2/groups/${G}/stats`, { headers: auth }));
  log(`lists and stats done; ${sizes.bulks} bulk upserts of 1,000`);
  const bulk = await latencies(sizes.bulks, (i) =>
    post(api.url, `/api/v2/groups/${G}/users:bulk`, {
      users: Array.from({ length: 1000 }, (_, j) => ({ user_id: 100_000 + i * 1000 + j, username: `bulk_${i}_${j}` })),
    }),
  );
  log('bulk upserts done');
  const rss = peakRssMb(api.child.pid);
  await api.stop();

  const target = (v: number, t: number) => `${f(v)} ms (target < ${t} ms, ${v <= t / 5 ? '5x below: yes' : `${f(t / v, 1)}x below`})`;
  console.log(`\n== api on ${label}`);
  console.log(
    `cached GET /api/v2/groups/:id   ${f(apiR.rps, 0)} req/s  p50 ${apiR.p50} ms  p99 ${apiR.p99} ms  (${CONNECTIONS} connections, median of ${ROUNDS} rounds of bare-api-api-bare x ${DURATION_S} s after a warm-up run${PIN ? '; server on CPU 1, load generator on CPU 0' : ''})`,
  );
  console.log(`bare Express, same JSON          ${f(bareR.rps, 0)} req/s  p50 ${bareR.p50} ms  p99 ${bareR.p99} ms`);
  console.log(`ratio cached/bare                ${f(ratio)} (must be >= 0.75; per round: ${paired.perRound.map((r) => f(r)).join(' ')})`);
  console.log(
    `p99 at ${CONNECTIONS} connections         api ${apiR.p99} ms (worst ${apiR.p99worst}) | bare Express ${bareR.p99} ms (worst ${bareR.p99worst})  target <= 5 ms: api ${apiR.p99 <= 5 ? 'yes' : 'NO'}, bare ${bareR.p99 <= 5 ? 'yes' : 'NO'} (bare is this machine's floor)`,
  );
  console.log(`cold GET group p50/p99 (${sizes.cold})    ${f(cold.p50)} / ${target(cold.p99, 50)}`);
  console.log(`list of 10 members p50/p99      ${f(list.p50)} / ${target(list.p99, 100)}`);
  console.log(`group stats p50/p99             ${f(stats.p50)} / ${target(stats.p99, 150)}`);
  console.log(`bulk upsert 1,000 p50/p99 (${sizes.bulks})   ${f(bulk.p50)} / ${target(bulk.p99, 1000)}`);
  console.log(
    `api peak RSS                     ${f(rss, 1)} MB (aim < 150 MB; ${f(rssAfterLoad, 1)} MB after the cached-GET load, bare Express ${f(bareRss, 1)} MB under the same load)`,
  );
}

// BENCH_ONLY=memory or BENCH_ONLY=ferretdb runs one half (when tuning one backend).
const only = process.env.BENCH_ONLY;
if (only !== 'ferretdb') await benchBackend('the memory store and in-process cache', {}, { cold: 300, bulks: 10 });
if (only !== 'memory') {
  const [mongo, redis] = [await startFerretDB(), await startRedis()];
  try {
    await benchBackend(
      'FerretDB (SQLite) + Redis',
      { MONGODB_URI: mongo.uri, MONGODB_DB: `bench_${Date.now()}`, REDIS_URL: redis.url },
      { cold: Number(process.env.BENCH_FERRET_COLD ?? 100), bulks: Number(process.env.BENCH_FERRET_BULKS ?? 1) },
    );
  } finally {
    await mongo.stop();
    await redis.stop();
  }
}
