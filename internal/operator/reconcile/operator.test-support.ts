import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AppsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig, setHeaderOptions } from '@kubernetes/client-node';
import { binPath } from '../../../test/harness/bins.js';
import { testEnv, uniqueName } from '../../../test/harness/env.js';
import { tempDir } from '../../../test/harness/process.js';
import { errorMessage } from '../../shared/errors.js';
import { PLATFORM_SECRET_KEYS, platformSecretName } from '../builders/builder-config.js';
import { CRD_NAME } from '../crd/botplatform.crd.js';
import { API_GROUP, API_VERSION, PLURAL, type BotPlatform, type BotPlatformSpec } from '../types.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const run = promisify(execFile);

/** The test API server: typed clients, and the steps tests take on namespaces, Secrets and BotPlatforms. */
export interface KubeFixture {
  kubeconfig: string;
  kc: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  custom: CustomObjectsApi;
  createNamespace(prefix: string): Promise<string>;
  /** The Secrets `specFor` refers to; `except` leaves one out. */
  createSecrets(namespace: string, name: string, except?: string): Promise<void>;
  createPlatform(namespace: string, name: string, spec: BotPlatformSpec, annotations?: Record<string, string>): Promise<BotPlatform>;
  getPlatform(namespace: string, name: string): Promise<BotPlatform>;
  /** A JSON merge patch of the platform (spec or metadata). */
  patchPlatform(namespace: string, name: string, patch: object): Promise<void>;
  deletePlatform(namespace: string, name: string): Promise<void>;
}

let crdInstalled: Promise<void> | undefined;

/** The API server with the CRD installed (once per run), and typed clients for tests. */
export async function kubeFixture(): Promise<KubeFixture> {
  const { kubeconfig } = await testEnv.kube();
  crdInstalled ??= (async () => {
    const kubectl = (...args: string[]) => run(binPath('kubectl'), ['--kubeconfig', kubeconfig, '--cache-dir', tempDir('kubectl-cache'), ...args]);
    await kubectl('apply', '--server-side', '--force-conflicts', '-f', join(repoRoot, 'crds'));
    await kubectl('wait', '--for=condition=Established', `crd/${CRD_NAME}`, '--timeout=60s');
  })();
  await crdInstalled;
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const custom = kc.makeApiClient(CustomObjectsApi);
  const scope = (namespace: string) => ({ group: API_GROUP, version: API_VERSION, namespace, plural: PLURAL });
  const ref = (namespace: string, name: string) => ({ ...scope(namespace), name });
  return {
    kubeconfig,
    kc,
    core,
    apps: kc.makeApiClient(AppsV1Api),
    custom,
    async createNamespace(prefix) {
      const name = uniqueName(prefix).slice(0, 63);
      await core.createNamespace({ body: { metadata: { name } } });
      return name;
    },
    async createSecrets(namespace, name, except) {
      const secrets: Record<string, Record<string, string>> = {
        [`${name}-telegram`]: { token: '123:abc' },
        [`${name}-mongo`]: { uri: 'mongodb://mongo:27017' },
        [platformSecretName(name)]: { [PLATFORM_SECRET_KEYS.apiKey]: 'k', [PLATFORM_SECRET_KEYS.jwtSecret]: 'j' },
      };
      for (const [secret, stringData] of Object.entries(secrets)) {
        if (secret === except) continue;
        await core.createNamespacedSecret({ namespace, body: { metadata: { name: secret }, stringData } });
      }
    },
    async createPlatform(namespace, name, spec, annotations) {
      const body = { apiVersion: `${API_GROUP}/${API_VERSION}`, kind: 'BotPlatform', metadata: { name, ...(annotations ? { annotations } : {}) }, spec };
      return (await custom.createNamespacedCustomObject({ ...scope(namespace), body })) as BotPlatform;
    },
    async getPlatform(namespace, name) {
      return (await custom.getNamespacedCustomObject(ref(namespace, name))) as BotPlatform;
    },
    async patchPlatform(namespace, name, patch) {
      await custom.patchNamespacedCustomObject({ ...ref(namespace, name), body: patch }, setHeaderOptions('Content-Type', 'application/merge-patch+json'));
    },
    async deletePlatform(namespace, name) {
      await custom.deleteNamespacedCustomObject(ref(namespace, name));
    },
  };
}

/** A BotPlatform spec whose Secrets are named after the platform. */
export function specFor(name: string, redisUrl: string, overrides: Partial<BotPlatformSpec> = {}): BotPlatformSpec {
  return {
    image: 'registry.example.com/botplatform:0.1.0',
    telegram: { tokenSecretRef: { name: `${name}-telegram`, key: 'token' } },
    mongodb: { uriSecretRef: { name: `${name}-mongo`, key: 'uri' } },
    redis: { url: redisUrl, keyPrefix: `t${Date.now().toString(36)}` },
    ...overrides,
  };
}

/** Polls `check` until it returns a value other than undefined, or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, ms = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last === undefined ? '' : `: ${errorMessage(last)}`}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
