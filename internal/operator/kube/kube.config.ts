import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent, type RequestOptions } from 'node:https';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

export interface KubeCluster {
  server: string;
  proxyUrl?: string;
}

/**
 * What KubeHttp needs from a kubeconfig: where the API server is, and how to
 * authenticate a request to it. client-node's KubeConfig has exactly this shape too.
 */
export interface KubeConfigSource {
  getCurrentCluster(): KubeCluster | null;
  applyToHTTPSOptions(opts: RequestOptions): Promise<void>;
}

const IN_CLUSTER_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
/** client-node re-reads a token file about this often; projected tokens rotate hourly. */
const TOKEN_FILE_REFRESH_MS = 60_000;

/**
 * A kubeconfig file when given (a test's file), else the usual lookup: $KUBECONFIG,
 * ~/.kube/config, then the in-cluster service account.
 *
 * Token, token-file, client-certificate and basic auth are handled here. Importing
 * @kubernetes/client-node costs ~70 MB of RSS (its generated API clients load with it),
 * more than the whole operator otherwise, so it is loaded only for what we do not
 * handle: exec plugins, auth-providers (OIDC, GCP, Azure) and proxies.
 * budget: operator-rss (docs/budgets.md)
 */
export function loadKubeConfig(kubeconfigPath?: string, env: NodeJS.ProcessEnv = process.env, inClusterDir = IN_CLUSTER_DIR): KubeConfigSource {
  if (kubeconfigPath) return fromFiles([kubeconfigPath]);
  const paths = (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  if (paths.length) return fromFiles(paths);
  const home = join(env.HOME ?? homedir(), '.kube', 'config');
  if (existsSync(home)) return fromFiles([home]);
  if (env.KUBERNETES_SERVICE_HOST) return inCluster(env, inClusterDir);
  throw new Error('no kubeconfig: set KUBECONFIG, create ~/.kube/config, or run in a pod');
}

interface RawCluster {
  server?: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
  'proxy-url'?: string;
}

interface RawUser {
  token?: string;
  tokenFile?: string;
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  username?: string;
  password?: string;
  exec?: unknown;
  'auth-provider'?: unknown;
}

interface Resolved {
  cluster: KubeCluster;
  tls: { ca?: Buffer; cert?: Buffer; key?: Buffer; insecure: boolean; servername?: string };
  auth: { token?: string; tokenFile?: string; basic?: string };
  /** Loads client-node for what we do not handle ourselves. */
  full?: () => Promise<KubeConfigSource>;
}

/** kubectl's merge of several files: the first to name a cluster, user or context wins. */
function fromFiles(paths: readonly string[]): KubeConfigSource {
  const clusters = new Map<string, { raw: RawCluster; dir: string }>();
  const users = new Map<string, { raw: RawUser; dir: string }>();
  const contexts = new Map<string, { cluster?: string; user?: string }>();
  let current: string | undefined;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const dir = dirname(resolve(path));
    const doc = (parseKubeconfig(readFileSync(path, 'utf8')) ?? {}) as {
      clusters?: { name: string; cluster?: RawCluster }[] | null;
      users?: { name: string; user?: RawUser | null }[] | null;
      contexts?: { name: string; context?: { cluster?: string; user?: string } }[] | null;
      'current-context'?: string;
    };
    for (const c of doc.clusters ?? []) if (!clusters.has(c.name)) clusters.set(c.name, { raw: c.cluster ?? {}, dir });
    for (const u of doc.users ?? []) if (!users.has(u.name)) users.set(u.name, { raw: u.user ?? {}, dir });
    for (const c of doc.contexts ?? []) if (!contexts.has(c.name)) contexts.set(c.name, c.context ?? {});
    current ??= doc['current-context'] || undefined;
  }
  if (!current) throw new Error(`kubeconfig ${paths.join(delimiter)}: no current-context`);
  const context = contexts.get(current);
  const cluster = context?.cluster ? clusters.get(context.cluster) : undefined;
  if (!cluster?.raw.server) throw new Error(`kubeconfig ${paths.join(delimiter)}: context ${current} has no cluster with a server`);
  const user = (context?.user ? users.get(context.user) : undefined) ?? { raw: {}, dir: cluster.dir };
  const c = cluster.raw;
  const u = user.raw;
  const file = (p: string | undefined, base: string) => (p ? readFileSync(resolve(base, p)) : undefined);
  const data = (d: string | undefined) => (d ? Buffer.from(d, 'base64') : undefined);
  const resolved: Resolved = {
    cluster: { server: c.server ?? '', ...(c['proxy-url'] ? { proxyUrl: c['proxy-url'] } : {}) },
    tls: {
      ca: data(c['certificate-authority-data']) ?? file(c['certificate-authority'], cluster.dir),
      cert: data(u['client-certificate-data']) ?? file(u['client-certificate'], user.dir),
      key: data(u['client-key-data']) ?? file(u['client-key'], user.dir),
      insecure: c['insecure-skip-tls-verify'] === true,
      ...(c['tls-server-name'] ? { servername: c['tls-server-name'] } : {}),
    },
    auth: {
      ...(u.token ? { token: u.token } : {}),
      ...(u.tokenFile ? { tokenFile: resolve(user.dir, u.tokenFile) } : {}),
      ...(u.username !== undefined ? { basic: Buffer.from(`${u.username}:${u.password ?? ''}`).toString('base64') } : {}),
    },
  };
  if (u.exec || u['auth-provider'] || c['proxy-url']) {
    resolved.full = async () => {
      const { KubeConfig } = await import('@kubernetes/client-node');
      const kc = new KubeConfig();
      if (paths.length === 1 && paths[0]) kc.loadFromFile(paths[0]);
      else kc.loadFromDefault();
      return kc;
    };
  }
  return new LeanKubeConfig(resolved);
}

/**
 * JSON (what `kubectl config view -o json` and our test harness write) is read as is;
 * only YAML loads the yaml package, so a pod on its service account never does (~9 MB).
 */
function parseKubeconfig(text: string): unknown {
  if (text.trimStart().startsWith('{')) {
    try {
      return JSON.parse(text);
    } catch {
      // Not JSON after all: YAML below.
    }
  }
  const yaml = require('yaml') as typeof import('yaml');
  return yaml.parse(text);
}

function inCluster(env: NodeJS.ProcessEnv, dir: string): KubeConfigSource {
  const host = env.KUBERNETES_SERVICE_HOST ?? '';
  const port = env.KUBERNETES_SERVICE_PORT ?? '443';
  return new LeanKubeConfig({
    cluster: { server: `https://${host.includes(':') ? `[${host}]` : host}:${port}` },
    tls: { ca: readFileSync(join(dir, 'ca.crt')), insecure: false },
    auth: { tokenFile: join(dir, 'token') },
  });
}

class LeanKubeConfig implements KubeConfigSource {
  private token: { value: string; readAt: number } | undefined;
  private delegate: Promise<KubeConfigSource> | undefined;
  private agent: HttpAgent | undefined;

  constructor(private readonly r: Resolved) {}

  getCurrentCluster(): KubeCluster {
    return this.r.cluster;
  }

  async applyToHTTPSOptions(opts: RequestOptions): Promise<void> {
    if (this.r.full) {
      this.delegate ??= this.r.full();
      return (await this.delegate).applyToHTTPSOptions(opts);
    }
    const headers = { ...(opts.headers as Record<string, string> | undefined) };
    const token = this.r.auth.token ?? this.fileToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    else if (this.r.auth.basic) headers.Authorization = `Basic ${this.r.auth.basic}`;
    opts.headers = headers;
    const { ca, cert, key, insecure, servername } = this.r.tls;
    // A template carrying the TLS options (the same one every time, so KubeHttp knows it
    // at a glance); KubeHttp sends through its own keep-alive agent built from it.
    this.agent ??= this.r.cluster.server.startsWith('http:')
      ? new HttpAgent()
      : new HttpsAgent({
          ...(ca ? { ca } : {}),
          ...(cert ? { cert } : {}),
          ...(key ? { key } : {}),
          rejectUnauthorized: !insecure,
          ...(servername ? { servername } : {}),
        });
    opts.agent = this.agent;
  }

  private fileToken(): string | undefined {
    const file = this.r.auth.tokenFile;
    if (!file) return undefined;
    const now = Date.now();
    if (!this.token || now - this.token.readAt > TOKEN_FILE_REFRESH_MS) this.token = { value: readFileSync(file, 'utf8').trim(), readAt: now };
    return this.token.value;
  }
}
