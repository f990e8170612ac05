// `make operator-demo`: the operator end to end with no cluster. Starts the test control
// plane (etcd + kube-apiserver, no controller-manager, no kubelet) and Redis from the
// test harness, installs the CRD, runs the operator, applies the sample BotPlatform and
// prints what it created. DEMO_KEEP=1 leaves everything running until Ctrl-C.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { MANIFESTS_SAMPLE } from '../internal/operator/install/manifests.render.js';
import type { BotPlatform } from '../internal/operator/types.js';
import { errorMessage } from '../internal/shared/errors.js';
import { binPath } from '../test/harness/bins.js';
import { startKube, type KubeControlPlane } from '../test/harness/kube.js';
import { freePort, startProcess, type ManagedProcess } from '../test/harness/process.js';
import { startRedis, type RedisServer } from '../test/harness/redis.js';

const run = promisify(execFile);
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let kube: KubeControlPlane | undefined;
let redis: RedisServer | undefined;
let operator: ManagedProcess | undefined;

async function kubectl(...args: string[]): Promise<string> {
  if (!kube) throw new Error('no control plane');
  const { stdout } = await run(binPath('kubectl'), ['--kubeconfig', kube.kubeconfig, ...args], { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

async function kubectlStdin(input: string, ...args: string[]): Promise<string> {
  if (!kube) throw new Error('no control plane');
  const child = execFile(binPath('kubectl'), ['--kubeconfig', kube.kubeconfig, ...args]);
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  child.stdin?.end(input);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${err}`);
  return out;
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${operator ? `; operator log:\n${operator.tail(20)}` : ''}`);
    await sleep(250);
  }
}

async function getPlatform(namespace: string, name: string): Promise<BotPlatform> {
  return JSON.parse(await kubectl('get', 'botplatform', name, '-n', namespace, '-o', 'json')) as BotPlatform;
}

async function stopAll(): Promise<void> {
  await operator?.stop(25_000);
  await redis?.stop();
  await kube?.stop();
}

async function main(): Promise<void> {
  say('== starting etcd + kube-apiserver and Redis (test harness; first start takes a few seconds)');
  [kube, redis] = await Promise.all([startKube(), startRedis()]);
  say(`   kube-apiserver ${kube.server}, redis ${redis.url}`);

  say('== installing the CRD: kubectl apply --server-side -f crds/');
  say((await kubectl('apply', '--server-side', '-f', join(repoRoot, 'crds'))).trimEnd());
  await kubectl('wait', '--for=condition=Established', 'crd/botplatforms.botplatform.io', '--timeout=60s');

  const sample = parse(readFileSync(join(repoRoot, MANIFESTS_SAMPLE), 'utf8')) as BotPlatform;
  const namespace = sample.metadata?.namespace ?? 'default';
  const name = sample.metadata?.name ?? 'demo';
  say(`== creating namespace ${namespace} and the Secrets the sample names`);
  await kubectl('create', 'namespace', namespace);
  await kubectl('create', 'namespace', 'botplatform-system');
  const secrets: Record<string, Record<string, string>> = {
    [sample.spec.telegram.tokenSecretRef.name]: { [sample.spec.telegram.tokenSecretRef.key]: '123456:demo-token' },
    [sample.spec.mongodb.uriSecretRef.name]: { [sample.spec.mongodb.uriSecretRef.key]: 'mongodb://mongo.bots.svc:27017' },
    [`${name}-platform`]: { 'api-key': 'demo-api-key', 'jwt-secret': 'demo-jwt-secret' },
  };
  for (const [secret, data] of Object.entries(secrets)) {
    const literals = Object.entries(data).map(([k, v]) => `--from-literal=${k}=${v}`);
    say(`   ${(await kubectl('create', 'secret', 'generic', secret, '-n', namespace, ...literals)).trim()}`);
  }

  const port = await freePort();
  say('== starting the operator: node cmd/operator/main.ts (leader election on, all namespaces)');
  operator = startProcess('operator', process.execPath, ['--import', 'tsx', join(repoRoot, 'cmd/operator/main.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      KUBECONFIG: kube.kubeconfig,
      POD_NAME: 'botplatform-operator-demo',
      POD_NAMESPACE: 'botplatform-system',
      LEADER_ELECTION: 'true',
      METRICS_PORT: String(port),
      METRICS_HOST: '127.0.0.1',
      LOG_FORMAT: 'pretty',
    },
  });
  const proc = operator;
  await waitFor('the operator to be ready', async () => ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok ? true : undefined));
  say(`   ready: http://127.0.0.1:${port}/metrics, log ${proc.logFile}`);

  // The sample points at an in-cluster Redis; here the operator publishes to the harness's.
  sample.spec.redis.url = redis.url;
  say(`== kubectl apply -f ${MANIFESTS_SAMPLE} (spec.redis.url set to ${redis.url})`);
  say((await kubectlStdin(stringify(sample), 'apply', '-f', '-')).trimEnd());

  await waitFor('children and status', async () => {
    const p = await getPlatform(namespace, name);
    return p.status?.observedGeneration === p.metadata?.generation ? p : undefined;
  });
  // No kubelet runs here, so no pod ever becomes ready: play its part on the Deployments'
  // status so the operator can report Ready, as it would in a real cluster.
  const deployments = JSON.parse(await kubectl('get', 'deployments', '-n', namespace, '-o', 'json')) as {
    items: { metadata: { name: string; generation: number }; spec: { replicas: number } }[];
  };
  say(`== no kubelet here: marking ${deployments.items.length} Deployments' replicas ready, as pods would`);
  for (const d of deployments.items) {
    const n = d.spec.replicas;
    const status = { observedGeneration: d.metadata.generation, replicas: n, readyReplicas: n, availableReplicas: n, updatedReplicas: n };
    await kubectl('patch', 'deployment', d.metadata.name, '-n', namespace, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status }));
  }
  const ready = await waitFor('Ready=True', async () => {
    const p = await getPlatform(namespace, name);
    const cond = p.status?.conditions?.find((c) => c.type === 'Ready');
    return cond?.status === 'True' && p.status?.observedGeneration === p.metadata?.generation ? p : undefined;
  });
  say(`   Ready=True, observedGeneration ${ready.status?.observedGeneration ?? '?'}, connectionsHash ${ready.status?.connectionsHash ?? '?'}`);

  say('\n$ kubectl get bp -A');
  say((await kubectl('get', 'bp', '-A')).trimEnd());
  say(`\n$ kubectl get deploy,svc,cm,ingress -n ${namespace}`);
  say((await kubectl('get', 'deploy,svc,cm,ingress', '-n', namespace)).trimEnd());
  say(`\n$ kubectl get cm ${name}-connections -n ${namespace} -o jsonpath='{.data.connections\\.json}'`);
  say((await kubectl('get', 'cm', `${name}-connections`, '-n', namespace, '-o', 'jsonpath={.data.connections\\.json}')).trimEnd());

  if (process.env.DEMO_KEEP === '1') {
    say(
      `\nStill running (DEMO_KEEP=1). In another shell:\n  export KUBECONFIG=${kube.kubeconfig}\n  ${binPath('kubectl')} get bp -A -w\nCtrl-C stops everything.`,
    );
    keeping = true;
    await interrupted;
  }
}

// One Ctrl-C handler: it ends the DEMO_KEEP wait, or stops a demo still in progress.
let keeping = false;
const interrupted = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
void interrupted.then(async () => {
  if (keeping) return;
  say('\ninterrupted: stopping');
  await stopAll();
  process.exit(130);
});
try {
  await main();
  say('\n== stopping the operator, Redis and the control plane');
  await stopAll();
  say('done');
} catch (err) {
  process.stderr.write(`operator-demo failed: ${errorMessage(err)}\n`);
  await stopAll();
  process.exitCode = 1;
}
