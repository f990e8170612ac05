import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { KubeConfig } from '@kubernetes/client-node';
import { silentLogger } from '../../shared/logger.js';
import { Informer } from './informer.js';
import { KubeHttp } from './kube.http.js';
import type { KubeObject } from './kube.port.js';

/**
 * A scripted stand-in for the API server's list and watch of ConfigMaps: these tests need
 * behaviours a real server shows only after hours (a compacted resourceVersion, a watch
 * that hangs silently), and must see them within a second.
 */
class ScriptedApi {
  lists = 0;
  watches = 0;
  items: KubeObject[] = [];
  rv = 1;
  onWatch: (res: ServerResponse, n: number) => void = () => undefined;
  private server: Server | undefined;
  private readonly open = new Set<ServerResponse>();

  async start(port = 0): Promise<string> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://x');
      res.setHeader('Content-Type', 'application/json');
      if (url.searchParams.get('watch') === 'true') {
        this.watches += 1;
        this.open.add(res);
        res.on('close', () => this.open.delete(res));
        res.writeHead(200);
        res.flushHeaders();
        this.onWatch(res, this.watches);
        return;
      }
      this.lists += 1;
      res.end(JSON.stringify({ metadata: { resourceVersion: String(this.rv) }, items: this.items }));
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.open) res.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

function cm(name: string, rv: number): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns', resourceVersion: String(rv) } };
}

function httpFor(server: string): KubeHttp {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return new KubeHttp(kc);
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('operator informer: list + watch loop', function () {
  let api: ScriptedApi;
  let informer: Informer | undefined;
  let seen: string[];

  beforeEach(() => {
    api = new ScriptedApi();
    seen = [];
  });

  afterEach(async () => {
    await informer?.stop();
    await api.stop();
  });

  function start(overrides: Partial<ConstructorParameters<typeof Informer>[1]> = {}, server = ''): Informer {
    informer = new Informer(httpFor(server), {
      kind: 'ConfigMap',
      namespace: 'ns',
      logger: silentLogger(),
      backoffMinMs: 10,
      backoffMaxMs: 50,
      onObject: (o) => seen.push(`${o.metadata?.name ?? ''}@${o.metadata?.resourceVersion ?? ''}`),
      ...overrides,
    });
    informer.start();
    return informer;
  }

  it('when the list and watch deliver objects, then each one reaches onObject, deletes included, and hasSynced turns true', async () => {
    api.items = [cm('a', 1)];
    api.onWatch = (res) => {
      res.write(`${JSON.stringify({ type: 'ADDED', object: cm('b', 2) })}\n`);
      res.write(`${JSON.stringify({ type: 'DELETED', object: cm('a', 3) })}\n`);
    };
    const i = start({}, await api.start());
    await until(() => seen.length === 3);
    expect(seen).to.deep.equal(['a@1', 'b@2', 'a@3']);
    expect(i.hasSynced()).to.equal(true);
    expect(i.list().map((o) => o.metadata?.name)).to.deep.equal(['b']);
  });

  it('when the watch answers 410 Gone, then it relists at once and delivers only what changed', async () => {
    api.items = [cm('a', 1), cm('b', 1)];
    api.onWatch = (res, n) => {
      if (n === 1) {
        api.items = [cm('a', 1), cm('b', 5)];
        res.end(`${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', code: 410, message: 'too old resource version' } })}\n`);
      }
    };
    start({}, await api.start());
    await until(() => api.lists === 2 && seen.length === 3);
    expect(seen).to.deep.equal(['a@1', 'b@1', 'b@5']);
  });

  it('when a watch goes silent, then the watchdog aborts it and relists', async () => {
    api.items = [cm('a', 1)];
    start({ watchdogMs: 200 }, await api.start());
    await until(() => api.lists >= 2 && api.watches >= 2);
    expect(seen).to.deep.equal(['a@1']);
  });

  it('when the API server is unreachable, then it keeps retrying with backoff and syncs once the server answers', async () => {
    const url = await api.start();
    await api.stop();
    const i = start({}, url);
    await new Promise((r) => setTimeout(r, 200));
    expect(i.hasSynced()).to.equal(false);
    // A new server on the same port, like a restarted API server.
    api = new ScriptedApi();
    api.items = [cm('a', 7)];
    await api.start(Number(new URL(url).port));
    await until(() => i.hasSynced());
    expect(seen).to.deep.equal(['a@7']);
  });

  it('when the resync period passes, then every cached object is delivered again', async () => {
    api.items = [cm('a', 1)];
    start({ resyncMs: 100 }, await api.start());
    await until(() => seen.length >= 3);
    expect(new Set(seen)).to.deep.equal(new Set(['a@1']));
  });
});
