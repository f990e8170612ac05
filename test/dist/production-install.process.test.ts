import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startFakeTelegram, type FakeTelegram } from '../../internal/sandbox/telegram/index.js';
import { kubeFixture } from '../../internal/operator/reconcile/operator.test-support.js';
import { freePort, startProcess, tempDir, waitUntil, type ManagedProcess } from '../harness/process.js';

const run = promisify(execFile);
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const KEY = 'admin-key-for-dist-test-000000001';

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsFiles(path) : name.endsWith('.js') ? [path] : [];
  });
}

/** The package a bare specifier names (`@scope/name/sub` -> `@scope/name`), or undefined for relative and node: ones. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0] ?? '')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every static and dynamic import a compiled file makes (tsc's ESM output is regular enough for this). */
function importsOf(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec) found.add(spec);
  }
  return [...found];
}

/**
 * The image installs `npm ci --omit=dev` beside dist/: anything under dist/ that imports a
 * devDependency (a test helper importing chai, say) crashes the container at start, or
 * later on the first lazy import. Built and installed the image's way, in a temp dir.
 */
describe('dist/ on a production install (npm ci --omit=dev)', function () {
  this.timeout(300_000);
  let root: string;
  let fake: FakeTelegram;
  const procs: ManagedProcess[] = [];

  before(async function () {
    this.timeout(600_000);
    root = tempDir('dist-prod');
    await run(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', join(repoRoot, 'tsconfig.build.json'), '--outDir', join(root, 'dist')], { cwd: repoRoot });
    for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(repoRoot, f), join(root, f));
    // --prefer-offline: the packages are in npm's cache from the repository's own install.
    await run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: root });
    fake = await startFakeTelegram();
  });
  after(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await fake?.stop();
  });

  it('when the build is read, then it holds no test files and imports only runtime dependencies that are installed', () => {
    const files = jsFiles(join(root, 'dist'));
    expect(files.length).to.be.above(50);
    expect(files.filter((f) => /\.test(-support)?\.js$|\/test\//.test(f))).to.deep.equal([]);
    const offenders: string[] = [];
    for (const file of files) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const name = packageOf(spec);
        if (name === undefined) continue;
        if (!(name in pkg.dependencies) || !existsSync(join(root, 'node_modules', name))) offenders.push(`${file.slice(root.length)} imports ${spec}`);
      }
    }
    expect(offenders).to.deep.equal([]);
    expect(existsSync(join(root, 'node_modules', 'chai')), 'devDependencies are not installed').to.equal(false);
  });

  const start = async (binary: string, env: Record<string, string>, probe: (port: number) => string) => {
    const port = await freePort();
    const proc = startProcess(`dist-${binary}`, process.execPath, [join(root, 'dist/cmd', binary, 'main.js')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', LOG_FORMAT: 'json', HOST: '127.0.0.1', PORT: String(port), ...env },
    });
    procs.push(proc);
    await waitUntil(proc, async () => (await fetch(probe(port))).ok, 60_000);
    return { proc, port };
  };

  it('when each of api, web and platform starts from the production install, then it answers /healthz', async () => {
    for (const binary of ['api', 'web']) {
      const { port } = await start(binary, { API_KEYS: `admin:${KEY}` }, (p) => `http://127.0.0.1:${p}/healthz`);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status, binary).to.equal(200);
    }
    const ports = [await freePort(), await freePort(), await freePort()];
    await start('platform', { API_KEYS: `admin:${KEY}`, API_PORT: String(ports[0]), BOT_PORT: String(ports[1]), WEB_PORT: String(ports[2]) }, () => `http://127.0.0.1:${ports[2]}/healthz`);
    const docs = await fetch(`http://127.0.0.1:${ports[0]}/docs/`);
    expect(docs.status).to.equal(200);
    expect((await fetch(`http://127.0.0.1:${ports[0]}/openapi.json`)).status).to.equal(200);
  });

  it('when the bot starts from the production install in webhook mode, then it registers its webhook with Telegram', async () => {
    const { port } = await start(
      'bot',
      { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, BOT_MODE: 'webhook', WEBHOOK_URL: 'https://bots.example.com/telegram/webhook', API_KEYS: `admin:${KEY}`, CONNECTIONS_FILE: '/nonexistent/connections.json' },
      (p) => `http://127.0.0.1:${p}/healthz`,
    );
    await fake.calls.waitFor('setWebhook', { timeoutMs: 20_000 });
    expect((await fetch(`http://127.0.0.1:${port}/connections`)).status).to.equal(200);
  });

  it('when the operator starts from the production install, then it becomes ready against the API server', async () => {
    // The CRD installed, as `kubectl apply -f crds/` leaves a cluster.
    const kube = await kubeFixture();
    const port = await freePort();
    const proc = startProcess('dist-operator', process.execPath, [join(root, 'dist/cmd/operator/main.js')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', KUBECONFIG: kube.kubeconfig, LEADER_ELECTION: 'false', METRICS_PORT: String(port), METRICS_HOST: '127.0.0.1', WATCH_NAMESPACE: 'dist-test' },
    });
    procs.push(proc);
    await waitUntil(proc, async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok, 60_000);
    expect(proc.child.exitCode).to.equal(null);
  });
});
