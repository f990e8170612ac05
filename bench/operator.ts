// Benchmark of the operator (issue 6, item 8): 100 BotPlatforms created at once against
// the real kube-apiserver (+ etcd) and Redis from the test harness, the operator running
// as its own process (dist/cmd/operator/main.js). Prints the time until every platform
// has all its children and status.observedGeneration == metadata.generation, the write
// requests and time of a full informer resync (must write nothing), and the operator's
// peak RSS. `make bench` runs it after `make build`.
import { existsSync, readFileSync } from 'node:fs';
import { loadKubeConfig } from '../internal/operator/kube/kube.config.js';
import { KubeHttp } from '../internal/operator/kube/kube.http.js';
import { resourcePath, type ResourceKind } from '../internal/operator/kube/resources.js';
import { specFor, kubeFixture } from '../internal/operator/reconcile/operator.test-support.js';
import { API_GROUP, API_VERSION, type BotPlatformSpec } from '../internal/operator/types.js';
import { testEnv } from '../test/harness/env.js';
import { freePort, startProcess, waitUntil, type ManagedProcess } from '../test/harness/process.js';

const PLATFORMS = Number(process.env.BENCH_PLATFORMS ?? 100);
/** Long enough that the first resync comes after convergence, short enough for a quick run. */
const RESYNC_S = Number(process.env.BENCH_RESYNC_S ?? 40);
const CONVERGE_TIMEOUT_MS = 120_000;
const OPERATOR = 'dist/cmd/operator/main.js';

interface Listed {
  metadata?: { name?: string; generation?: number; labels?: Record<string, string> };
  status?: { observedGeneration?: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const f = (n: number, d = 1) => n.toFixed(d);

/** Resident set of a process (VmRSS) or its peak so far (VmHWM), in MB. */
const rssMb = (pid: number | undefined, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number | undefined): number {
  // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /s, '')
    .split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Runs `tasks` with at most `n` in flight. */
async function pool(n: number, tasks: (() => Promise<unknown>)[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < tasks.length) {
        const task = tasks[next++];
        if (task) await task();
      }
    }),
  );
}

/** Sum of a counter's series (all label sets) in a Prometheus text exposition. */
function metricSum(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

if (!existsSync(OPERATOR)) throw new Error(`${OPERATOR} is missing: run \`make build\` first (make bench does)`);

let operator: ManagedProcess | undefined;
try {
  const k = await kubeFixture();
  const redis = await testEnv.redis();
  const http = new KubeHttp(loadKubeConfig(k.kubeconfig));
  const namespace = await k.createNamespace('bench-op');

  const port = await freePort();
  const metricsUrl = `http://127.0.0.1:${port}`;
  operator = startProcess('operator', process.execPath, [OPERATOR], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      // As the chart runs it (values.yaml nodeOptions); BENCH_OPERATOR_NODE_OPTIONS tries others.
      NODE_OPTIONS: process.env.BENCH_OPERATOR_NODE_OPTIONS ?? '--enable-source-maps --max-semi-space-size=8',
      KUBECONFIG: k.kubeconfig,
      LEADER_ELECTION: 'false',
      METRICS_PORT: String(port),
      METRICS_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      OPERATOR_RESYNC_SECONDS: String(RESYNC_S),
    },
  });
  const startedAt = performance.now();
  await waitUntil(operator, async () => (await fetch(`${metricsUrl}/readyz`)).ok, 30_000);
  const metrics = async () => (await fetch(`${metricsUrl}/metrics`)).text();
  await sleep(1_000);
  const idleRss = rssMb(operator.child.pid, 'VmRSS');

  // Every platform's Secrets exist before the clock starts: the figure is the operator's,
  // not a 30 s SecretMissing retry.
  const names = Array.from({ length: PLATFORMS }, (_, i) => `bp-${String(i).padStart(3, '0')}`);
  await pool(
    16,
    names.map((name) => () => k.createSecrets(namespace, name)),
  );
  // Every other platform asks for a web Ingress, so all four child kinds are exercised.
  const withIngress = (i: number) => i % 2 === 0;
  const specs = names.map((name, i): BotPlatformSpec => ({
    ...specFor(name, redis.url, withIngress(i) ? { services: { web: { ingress: { host: `${name}.example.com` } } } } : {}),
    redis: { url: redis.url, keyPrefix: 'bench' },
  }));

  const list = async (kind: ResourceKind) => (await http.request<{ items?: Listed[] }>({ method: 'GET', path: resourcePath(kind, namespace) })).items ?? [];
  const countBy = (items: Listed[]) => {
    const m = new Map<string, number>();
    for (const o of items) {
      const instance = o.metadata?.labels?.['app.kubernetes.io/instance'];
      if (instance) m.set(instance, (m.get(instance) ?? 0) + 1);
    }
    return m;
  };
  /** Platforms with all their children and a status for their current generation. */
  const converged = async () => {
    const [platforms, deployments, services, configMaps, ingresses] = await Promise.all([
      list('BotPlatform'),
      list('Deployment'),
      list('Service'),
      list('ConfigMap'),
      list('Ingress'),
    ]);
    const [d, s, c, ing] = [countBy(deployments), countBy(services), countBy(configMaps), countBy(ingresses)];
    return platforms.filter((p) => {
      const name = p.metadata?.name ?? '';
      const i = names.indexOf(name);
      return (
        p.status?.observedGeneration !== undefined &&
        p.status.observedGeneration === p.metadata?.generation &&
        d.get(name) === 3 &&
        s.get(name) === 3 &&
        c.get(name) === 1 &&
        (ing.get(name) ?? 0) === (withIngress(i) ? 1 : 0)
      );
    }).length;
  };

  const cpu0 = cpuSeconds(operator.child.pid);
  const t0 = performance.now();
  await Promise.all(
    specs.map((spec, i) =>
      http.request({
        method: 'POST',
        path: resourcePath('BotPlatform', namespace),
        body: { apiVersion: `${API_GROUP}/${API_VERSION}`, kind: 'BotPlatform', metadata: { name: names[i] }, spec },
      }),
    ),
  );
  const createdMs = performance.now() - t0;
  let done = 0;
  while ((done = await converged()) < PLATFORMS) {
    if (performance.now() - t0 > CONVERGE_TIMEOUT_MS)
      throw new Error(`only ${done}/${PLATFORMS} converged after ${CONVERGE_TIMEOUT_MS / 1000} s\n${operator.tail()}`);
    await sleep(200);
  }
  const convergeS = (performance.now() - t0) / 1000;
  const convergeCpuS = cpuSeconds(operator.child.pid) - cpu0;
  const writesToConverge = metricSum(await metrics(), 'botplatform_operator_kube_writes_total');

  // Quiet first: the last status writes and the children's own watch events settle.
  const reading = async () => {
    const text = await metrics();
    return {
      writes: metricSum(text, 'botplatform_operator_kube_writes_total'),
      reconciles: metricSum(text, 'controller_runtime_reconcile_total'),
      depth: metricSum(text, 'workqueue_depth'),
    };
  };
  let quiet = await reading();
  for (let stableFor = 0; stableFor < 1_500; stableFor += 250) {
    await sleep(250);
    const now = await reading();
    if (now.writes !== quiet.writes || now.reconciles !== quiet.reconciles || now.depth !== 0) stableFor = -250;
    quiet = now;
  }
  // The informers resync every RESYNC_S from the operator's start; wait for the next one.
  const untilResyncMs = RESYNC_S * 1000 - ((performance.now() - startedAt) % (RESYNC_S * 1000));
  if (untilResyncMs > 60_000) throw new Error('resync too far off');
  let resyncStart = 0;
  let last = quiet;
  let lastChange = 0;
  const waitEnd = performance.now() + untilResyncMs + 30_000;
  for (;;) {
    await sleep(50);
    const now = await reading();
    const t = performance.now();
    if (now.reconciles !== last.reconciles) {
      if (!resyncStart) resyncStart = t;
      lastChange = t;
    }
    last = now;
    // Finished: every platform reconciled again, the queue empty and quiet for a second.
    if (resyncStart && now.reconciles - quiet.reconciles >= PLATFORMS && now.depth === 0 && t - lastChange > 1_000) break;
    if (t > waitEnd) throw new Error(`no full resync seen (${now.reconciles - quiet.reconciles} reconciles)`);
  }
  const resyncReconciles = last.reconciles - quiet.reconciles;
  const resyncWrites = last.writes - quiet.writes;
  const resyncS = (lastChange - resyncStart) / 1000;
  const rss = rssMb(operator.child.pid, 'VmHWM');
  const endRss = rssMb(operator.child.pid, 'VmRSS');

  const rows: [string, string, string, boolean][] = [
    [`${PLATFORMS} BotPlatforms created at once (API calls)`, `${f(createdMs / 1000, 2)} s`, '-', true],
    ['time until all converged (children + observedGeneration)', `${f(convergeS, 2)} s`, '< 20 s', convergeS < 20],
    ['write requests to converge', String(writesToConverge), '-', true],
    ['operator CPU (user + sys) while converging', `${f(convergeCpuS, 2)} s`, '-', true],
    [`full resync: reconciles`, String(resyncReconciles), `>= ${PLATFORMS}`, resyncReconciles >= PLATFORMS],
    ['full resync: write requests', String(resyncWrites), '0', resyncWrites === 0],
    ['full resync: time taken', `${f(resyncS, 2)} s`, '-', true],
    ['operator RSS: idle before, at the end', `${f(idleRss)} / ${f(endRss)} MB`, '-', true],
    ['operator peak RSS (VmHWM)', `${f(rss)} MB`, '< 120 MB', rss < 120],
  ];
  const w = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length)), 9];
  const line = (a: string, b: string, c: string, d: string) => console.log(`${a.padEnd(w[0] ?? 0)}  ${b.padStart(w[1] ?? 0)}  ${c.padEnd(w[2] ?? 0)}  ${d}`);
  console.log(`\n== operator: ${PLATFORMS} BotPlatforms, real kube-apiserver + etcd + Redis, operator as its own process`);
  line('figure', 'value', 'target', 'ok');
  for (const [figure, value, target, ok] of rows) line(figure, value, target, target === '-' ? '' : ok ? 'yes' : 'NO');
  http.close();
} finally {
  await operator?.stop(15_000);
  await testEnv.stopAll();
}
