import { writeFileSync } from 'node:fs';
import { Agent as HttpsAgent, type RequestOptions } from 'node:https';
import { join } from 'node:path';
import { expect } from 'chai';
import { stringify } from 'yaml';
import { tempDir } from '../../../test/harness/process.js';
import { loadKubeConfig } from './kube.config.js';

/** The headers and TLS options a request would go out with. */
async function applied(source: ReturnType<typeof loadKubeConfig>) {
  const opts: RequestOptions = {};
  await source.applyToHTTPSOptions(opts);
  const agent = opts.agent;
  if (!(agent instanceof HttpsAgent)) throw new Error('expected an https agent');
  return { headers: (opts.headers ?? {}) as Record<string, string>, tls: agent.options };
}

/** TLS material comes back as Buffers; compare it as text. */
const text = (v: unknown) => (Buffer.isBuffer(v) ? v.toString('utf8') : v);

function kubeconfig(dir: string, file: string, user: object, cluster: object = { server: 'https://127.0.0.1:6443' }, extra: object = {}): string {
  const path = join(dir, file);
  writeFileSync(
    path,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster }],
      users: [{ name: 'u', user }],
      contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'ctx',
      ...extra,
    }),
  );
  return path;
}

describe('operator kubeconfig loading (without client-node for the common cases)', () => {
  it('when a kubeconfig has a token and skips TLS verification, then requests carry the bearer token and do not verify', async () => {
    const path = kubeconfig(tempDir('kc'), 'config', { token: 'abc' }, { server: 'https://10.1.2.3:6443', 'insecure-skip-tls-verify': true });
    const source = loadKubeConfig(path);
    expect(source.getCurrentCluster()).to.deep.equal({ server: 'https://10.1.2.3:6443' });
    const { headers, tls } = await applied(source);
    expect(headers.Authorization).to.equal('Bearer abc');
    expect(tls.rejectUnauthorized).to.equal(false);
  });

  it('when client certificate files are named relative to the kubeconfig, then they are read from its folder and the CA from its data', async () => {
    const dir = tempDir('kc');
    writeFileSync(join(dir, 'client.crt'), 'CERT');
    writeFileSync(join(dir, 'client.key'), 'KEY');
    const path = kubeconfig(
      dir,
      'config',
      { 'client-certificate': 'client.crt', 'client-key': 'client.key' },
      { server: 'https://k:6443', 'certificate-authority-data': Buffer.from('CA').toString('base64') },
    );
    const { headers, tls } = await applied(loadKubeConfig(path));
    expect(headers.Authorization).to.equal(undefined);
    expect(text(tls.cert)).to.equal('CERT');
    expect(text(tls.key)).to.equal('KEY');
    expect(text(tls.ca)).to.equal('CA');
    expect(tls.rejectUnauthorized).to.equal(true);
  });

  it('when the kubeconfig is JSON (as kubectl -o json and the test harness write it), then it is read the same way', async () => {
    const path = join(tempDir('kc'), 'config.json');
    writeFileSync(
      path,
      JSON.stringify({
        clusters: [{ name: 'c', cluster: { server: 'https://json:6443', 'insecure-skip-tls-verify': true } }],
        users: [{ name: 'u', user: { token: 'j' } }],
        contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
        'current-context': 'x',
      }),
    );
    const source = loadKubeConfig(path);
    expect(source.getCurrentCluster()?.server).to.equal('https://json:6443');
    expect((await applied(source)).headers.Authorization).to.equal('Bearer j');
  });

  it('when KUBECONFIG lists two files, then they merge with the first naming an entry winning', () => {
    const dir = tempDir('kc');
    const first = kubeconfig(dir, 'a', { token: 'a' }, { server: 'https://first:6443' }, { 'current-context': '' });
    const second = kubeconfig(dir, 'b', { token: 'b' }, { server: 'https://second:6443' });
    const source = loadKubeConfig(undefined, { KUBECONFIG: `${first}:${second}`, HOME: dir });
    expect(source.getCurrentCluster()?.server).to.equal('https://first:6443');
  });

  it('when running in a pod, then the service account token and CA are used and the token file is read', async () => {
    const dir = tempDir('sa');
    writeFileSync(join(dir, 'token'), 'sa-token\n');
    writeFileSync(join(dir, 'ca.crt'), 'CLUSTER-CA');
    const source = loadKubeConfig(undefined, { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443', HOME: dir }, dir);
    expect(source.getCurrentCluster()?.server).to.equal('https://[fd00::1]:443');
    const { headers, tls } = await applied(source);
    expect(headers.Authorization).to.equal('Bearer sa-token');
    expect(text(tls.ca)).to.equal('CLUSTER-CA');
  });

  it('when the user authenticates with an exec plugin, then client-node runs it and its token is sent', async () => {
    const credential = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'from-exec' } });
    const path = kubeconfig(
      tempDir('kc'),
      'config',
      { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'echo', args: [credential], interactiveMode: 'Never' } },
      { server: 'https://k:6443', 'insecure-skip-tls-verify': true },
    );
    const { headers } = await applied(loadKubeConfig(path));
    expect(headers.Authorization).to.equal('Bearer from-exec');
  });

  it('when there is no kubeconfig and no pod, then it refuses with a clear message', () => {
    expect(() => loadKubeConfig(undefined, { HOME: tempDir('empty') })).to.throw('no kubeconfig');
  });
});
