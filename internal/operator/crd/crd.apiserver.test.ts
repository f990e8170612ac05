import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { ApiException, CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { binPath } from '../../../test/harness/bins.js';
import { testEnv, uniqueName } from '../../../test/harness/env.js';
import { tempDir } from '../../../test/harness/process.js';
import { allMethodCombinations, describeMethods, platformFixture, withMethods } from '../builders/platform.test-support.js';
import { API_GROUP, API_VERSION, PLURAL, type BotPlatform } from '../types.js';
import { CRD_NAME } from './botplatform.crd.js';
import { validateBotPlatform } from './botplatform.validator.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..');
const run = promisify(execFile);

/** Outcome of a create: the stored object, or the API server's status code and message. */
type Outcome = { ok: true; object: BotPlatform } | { ok: false; code: number; message: string };

/** The human message of a metav1.Status error body (client-node hands it over as a string). */
function statusMessage(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  try {
    const status = JSON.parse(text) as { message?: unknown };
    return typeof status.message === 'string' ? status.message : text;
  } catch {
    return text;
  }
}

describe('operator CRD: against the real kube-apiserver', function () {
  let kubeconfig: string;
  let custom: CustomObjectsApi;
  let namespace: string;
  const cacheDir = tempDir('kubectl-cache');

  const kubectl = async (...args: string[]) =>
    (await run(binPath('kubectl'), ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args], { encoding: 'utf8' })).stdout;

  const create = async (platform: { metadata: { name: string }; spec: unknown }, dryRun = false): Promise<Outcome> => {
    const body = { apiVersion: `${API_GROUP}/${API_VERSION}`, kind: 'BotPlatform', metadata: { name: platform.metadata.name }, spec: platform.spec };
    try {
      const object = (await custom.createNamespacedCustomObject({
        group: API_GROUP,
        version: API_VERSION,
        namespace,
        plural: PLURAL,
        body,
        ...(dryRun ? { dryRun: 'All' } : {}),
      })) as BotPlatform;
      return { ok: true, object };
    } catch (err) {
      if (!(err instanceof ApiException)) throw err;
      return { ok: false, code: err.code, message: statusMessage(err.body) };
    }
  };

  // Specs here are deliberately loose: several are invalid on purpose, to see the server refuse them.
  const named = (spec: object, name = uniqueName('bp')) => platformFixture(spec, { name });

  before(async function () {
    this.timeout(180_000);
    kubeconfig = (await testEnv.kube()).kubeconfig;
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    custom = kc.makeApiClient(CustomObjectsApi);
    namespace = uniqueName('crd');
    await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
    // The install path users take: kubectl apply -f crds/.
    await kubectl('apply', '--server-side', '--force-conflicts', '-f', join(repoRoot, 'crds'));
    await kubectl('wait', '--for=condition=Established', `crd/${CRD_NAME}`, '--timeout=60s');
  });

  it('when a minimal BotPlatform is created, then the API server fills in every default', async () => {
    const outcome = await create(named({}));
    expect(outcome.ok, outcome.ok ? '' : outcome.message).to.equal(true);
    if (!outcome.ok) return;
    const spec = outcome.object.spec;
    expect(spec.telegram.mode).to.equal('polling');
    expect(spec.mongodb.database).to.equal('bot_manager');
    expect(spec.redis.keyPrefix).to.equal('botplatform');
    expect(spec.logLevel).to.equal('info');
    expect(spec.services).to.deep.equal({
      api: { connectionMethod: 'rest', replicas: 1 },
      bot: { connectionMethod: 'rest', replicas: 1 },
      web: { connectionMethod: 'rest', replicas: 1 },
    });
  });

  it('when only one service is given, then the others and its missing fields are defaulted', async () => {
    const outcome = await create(named({ services: { bot: { connectionMethod: 'hybrid' } } }));
    expect(outcome.ok, outcome.ok ? '' : outcome.message).to.equal(true);
    if (outcome.ok) expect(outcome.object.spec.services?.bot).to.deep.equal({ connectionMethod: 'hybrid', replicas: 1 });
    if (outcome.ok) expect(outcome.object.spec.services?.web).to.deep.equal({ connectionMethod: 'rest', replicas: 1 });
  });

  it('when the commented sample is created, then it is accepted as written', async () => {
    const sample = parse(readFileSync(join(here, 'sample.yaml'), 'utf8')) as BotPlatform;
    const outcome = await create({ metadata: { name: uniqueName('sample') }, spec: sample.spec });
    expect(outcome.ok, outcome.ok ? '' : outcome.message).to.equal(true);
    if (outcome.ok) expect(outcome.object.spec.services?.web?.ingress).to.deep.equal({ host: 'bots.example.com' });
  });

  const rejected: { when: string; spec: Record<string, unknown>; name?: string; says: string }[] = [
    { when: 'polling runs two bot replicas', spec: { services: { bot: { replicas: 2 } } }, says: 'polling mode allows at most one bot replica' },
    {
      when: 'polling runs a router bot in two web replicas',
      spec: { services: { bot: { connectionMethod: 'router' }, web: { replicas: 2 } } },
      says: 'runs the bot in every web pod: web allows at most one replica',
    },
    { when: 'a platform admin id is 0', spec: { platformAdmins: [100001, 0] }, says: 'spec.platformAdmins[1]' },
    {
      when: 'webhook mode has no URL',
      spec: { telegram: { tokenSecretRef: { name: 't', key: 'k' }, mode: 'webhook' } },
      says: 'webhook mode needs telegram.webhook.url',
    },
    {
      when: 'the webhook URL is plain http',
      spec: { telegram: { tokenSecretRef: { name: 't', key: 'k' }, mode: 'webhook', webhook: { url: 'http://b.example.com/h' } } },
      says: 'spec.telegram.webhook.url',
    },
    {
      when: 'every service is router',
      spec: { services: { api: { connectionMethod: 'router' }, bot: { connectionMethod: 'router' }, web: { connectionMethod: 'router' } } },
      says: 'api connectionMethod router needs a running host: bot or web must be rest or hybrid',
    },
    {
      when: 'bot is router and web disabled',
      spec: { services: { bot: { connectionMethod: 'router' }, web: { connectionMethod: 'disabled' } } },
      says: 'bot connectionMethod router needs a running host: web must be rest or hybrid',
    },
    {
      when: 'web is router and api disabled',
      spec: { services: { api: { connectionMethod: 'disabled' }, web: { connectionMethod: 'router' } } },
      says: 'web connectionMethod router needs a running host: api must be rest or hybrid',
    },
    { when: 'a connection method is unknown', spec: { services: { api: { connectionMethod: 'grpc' } } }, says: 'Unsupported value: "grpc"' },
    { when: 'the mode is unknown', spec: { telegram: { tokenSecretRef: { name: 't', key: 'k' }, mode: 'push' } }, says: 'Unsupported value: "push"' },
    { when: 'replicas are negative', spec: { services: { api: { replicas: -1 } } }, says: 'spec.services.api.replicas' },
    { when: 'replicas exceed 50', spec: { services: { api: { replicas: 51 } } }, says: 'spec.services.api.replicas' },
    {
      when: 'a quantity is malformed',
      spec: { services: { api: { resources: { limits: { memory: 'lots' } } } } },
      says: 'spec.services.api.resources.limits.memory',
    },
    { when: 'the name is too long for child Service names', spec: {}, name: 'a'.repeat(60), says: 'metadata.name must start with a letter' },
  ];
  for (const { when, spec, name, says } of rejected) {
    it(`when ${when}, then the API server rejects it with 422 saying "${says}", and the local validator agrees`, async () => {
      const platform = named(spec, name);
      const outcome = await create(platform);
      expect(outcome.ok, `accepted: ${when}`).to.equal(false);
      if (outcome.ok) return;
      expect(outcome.code).to.equal(422);
      expect(outcome.message).to.include(says);
      const local = validateBotPlatform(platform);
      expect(local).to.not.be.empty;
      // Both name the same field, so the operator's own report points where the server's does.
      for (const issue of local) expect(outcome.message).to.include(`${issue.field}:`);
    });
  }

  it('when all 64 connection-method combinations are dry-run created, then the API server and the local validator give the same verdict each time', async () => {
    const disagreements: string[] = [];
    for (const methods of allMethodCombinations()) {
      const platform = withMethods(methods, named({}));
      const outcome = await create(platform, true);
      const local = validateBotPlatform(platform);
      if (outcome.ok !== (local.length === 0)) disagreements.push(`${describeMethods(methods)}: server ${outcome.ok ? 'accepted' : 'rejected'}`);
      for (const issue of local) {
        if (!outcome.ok && !outcome.message.includes(issue.message)) disagreements.push(`${describeMethods(methods)}: server did not say "${issue.message}"`);
      }
    }
    expect(disagreements).to.deep.equal([]);
  });

  it('when status is written through the /status subresource, then it is stored; when written with the main resource, then it is ignored', async () => {
    const platform = named({});
    const outcome = await create(platform);
    expect(outcome.ok).to.equal(true);
    if (!outcome.ok) return;
    const status = {
      observedGeneration: 1,
      conditions: [
        { type: 'Ready', status: 'True', reason: 'AllReady', message: 'all services ready', lastTransitionTime: '2026-01-01T00:00:00Z', observedGeneration: 1 },
      ],
      services: { api: { method: 'rest', replicas: 1, readyReplicas: 1, endpoint: 'http://x-api.ns.svc:8000' } },
      connectionsHash: `sha256:${'a'.repeat(64)}`,
    };
    const params = { group: API_GROUP, version: API_VERSION, namespace, plural: PLURAL, name: platform.metadata.name };
    await custom.replaceNamespacedCustomObjectStatus({ ...params, body: { ...outcome.object, status } });
    const stored = (await custom.getNamespacedCustomObject(params)) as BotPlatform;
    expect(stored.status).to.deep.equal(status);

    await custom.replaceNamespacedCustomObject({ ...params, body: { ...stored, status: { ...status, observedGeneration: 99 } } });
    const after = (await custom.getNamespacedCustomObject(params)) as BotPlatform;
    expect(after.status?.observedGeneration).to.equal(1);

    // kubectl shows the Ready condition in its column.
    const table = await kubectl('get', 'bp', platform.metadata.name, '-n', namespace);
    expect(table.split('\n')[1]).to.match(/\bTrue\s+rest\s+rest\s+rest\s+\S+\s*$/);
  });

  it('when `kubectl get bp` runs, then its columns are NAME READY API BOT WEB AGE and rows show the methods; -o wide adds MODE and IMAGE', async () => {
    const platform = withMethods({ api: 'hybrid', bot: 'router', web: 'rest' }, named({}));
    expect((await create(platform)).ok).to.equal(true);
    const table = await kubectl('get', 'bp', '-n', namespace);
    const [header = '', ...rows] = table.trim().split('\n');
    expect(header.split(/\s+/)).to.deep.equal(['NAME', 'READY', 'API', 'BOT', 'WEB', 'AGE']);
    const row = rows.find((r) => r.startsWith(`${platform.metadata.name} `)) ?? '';
    expect(row).to.match(/\s+hybrid\s+router\s+rest\s+/);
    const wide = await kubectl('get', 'botplatforms', '-o', 'wide', '-n', namespace);
    expect(wide.split('\n')[0]?.split(/\s+/)).to.include.members(['MODE', 'IMAGE']);
  });

  it('when `kubectl get all` runs, then BotPlatforms are listed through the all category', async () => {
    const all = await kubectl('get', 'all', '-n', namespace, '-o', 'name');
    expect(all).to.match(/^botplatform\.botplatform\.io\//m);
  });
});
