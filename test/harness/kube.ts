import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { binPath } from './bins.js';
import { freePort, startProcess, tempDir, waitUntil, type ManagedProcess } from './process.js';

export interface KubeControlPlane {
  readonly server: string;
  readonly adminToken: string;
  /** A kubeconfig (JSON, which is valid YAML) for the admin user in system:masters. */
  readonly kubeconfig: string;
  /** Adds a static token user, for tests that need a non-admin identity (RBAC on). */
  readonly dir: string;
  stopApiServer(): Promise<void>;
  startApiServer(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * etcd + kube-apiserver built from Go modules, RBAC on, static-token auth. There is no
 * controller-manager: nothing is garbage collected and no Pod ever runs.
 */
export async function startKube(): Promise<KubeControlPlane> {
  const dir = tempDir('kube');
  const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];
  const adminToken = randomBytes(24).toString('hex');

  const tokenFile = join(dir, 'tokens.csv');
  writeFileSync(tokenFile, `${adminToken},admin,admin-uid,"system:masters"\n`, { mode: 0o600 });
  const saKey = join(dir, 'sa.key');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(saKey, privateKey.export({ type: 'pkcs1', format: 'pem' }), { mode: 0o600 });

  const etcdUrl = `http://127.0.0.1:${etcdClient}`;
  const etcd = startProcess('etcd', binPath('etcd'), [
    `--data-dir=${join(dir, 'etcd')}`,
    `--listen-client-urls=${etcdUrl}`,
    `--advertise-client-urls=${etcdUrl}`,
    `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
    `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
    `--initial-cluster=default=http://127.0.0.1:${etcdPeer}`,
    '--unsafe-no-fsync',
    '--log-level=warn',
  ]);
  await waitUntil(etcd, async () => (await fetch(`${etcdUrl}/health`)).ok, 30_000);

  const server = `https://127.0.0.1:${apiPort}`;
  let apiserver: ManagedProcess | undefined;
  const startApiServer = async () => {
    apiserver = startProcess('kube-apiserver', binPath('kube-apiserver'), [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      `--cert-dir=${join(dir, 'certs')}`,
      '--service-cluster-ip-range=10.0.0.0/16',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${saKey}`,
      `--service-account-signing-key-file=${saKey}`,
      '--authorization-mode=RBAC',
      `--token-auth-file=${tokenFile}`,
      // No controller-manager mints service-account tokens or defaults pods' accounts.
      '--disable-admission-plugins=ServiceAccount',
      '--profiling=false',
      '--allow-privileged=true',
    ]);
    const proc = apiserver;
    await waitUntil(proc, () => readyz(server, adminToken), 120_000);
  };
  await startApiServer();

  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigFor(server, 'admin', adminToken), { mode: 0o600 });

  return {
    server,
    adminToken,
    kubeconfig,
    dir,
    startApiServer,
    async stopApiServer() {
      await apiserver?.stop(15_000);
      apiserver = undefined;
    },
    async stop() {
      await apiserver?.stop(15_000);
      await etcd.stop();
    },
  };
}

/** A kubeconfig for a token user; the test API server's certificate is self-signed. */
export function kubeconfigFor(server: string, user: string, token: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'test', cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: user, user: { token } }],
    contexts: [{ name: 'test', context: { cluster: 'test', user } }],
    'current-context': 'test',
  });
}

function readyz(server: string, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${server}/readyz`, { headers: { Authorization: `Bearer ${token}` }, rejectUnauthorized: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}
