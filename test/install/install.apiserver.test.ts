import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CoordinationV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { expect } from 'chai';
import { CRD_NAME } from '../../internal/operator/crd/botplatform.crd.js';
import { INSTALL_NAMESPACE, INSTALL_RELEASE } from '../../internal/operator/install/manifests.render.js';
import { LEADER_ELECTION_RULES, OPERATOR_RULES } from '../../internal/operator/kube/rbac.rules.js';
import { FINALIZER } from '../../internal/operator/reconcile/platform.reconciler.js';
import { eventually, kubeFixture, specFor, type KubeFixture } from '../../internal/operator/reconcile/operator.test-support.js';
import { binPath } from '../harness/bins.js';
import { tempFile, testEnv, uniqueName } from '../harness/env.js';
import { kubeconfigFor } from '../harness/kube.js';
import { freePort, startProcess, tempDir, waitUntil, type ManagedProcess } from '../harness/process.js';
import { chartDir, helm, repoRoot } from './chart.test-support.js';

const run = promisify(execFile);
const plainRules = (rules: readonly { apiGroups?: string[]; resources?: string[]; verbs: string[] }[]) =>
  rules.map((r) => ({ apiGroups: r.apiGroups ?? [], resources: r.resources ?? [], verbs: r.verbs }));

describe('install: the chart and manifests against the real kube-apiserver', function () {
  this.timeout(120_000);
  let k: KubeFixture;
  let rbac: RbacAuthorizationV1Api;

  before(async function () {
    this.timeout(180_000);
    k = await kubeFixture();
    rbac = k.kc.makeApiClient(RbacAuthorizationV1Api);
  });

  const kubectl = (kubeconfig: string, ...args: string[]) =>
    run(binPath('kubectl'), ['--kubeconfig', kubeconfig, '--cache-dir', tempDir('kubectl-cache'), ...args], { maxBuffer: 16 * 1024 * 1024 });
  const helmAt = (...args: string[]) => helm('--kubeconfig', k.kubeconfig, ...args);
  const clusterRoleRules = async (name: string) => plainRules((await rbac.readClusterRole({ name })).rules ?? []);

  /**
   * The CRD is shared by every suite on this API server (installed from crds/ by
   * kubeFixture), and Helm refuses to take over an object it did not create. Marking it as
   * the release's is Helm's documented adoption path, the same a cluster admin follows.
   */
  async function letReleaseAdoptCrd(release: string, namespace: string): Promise<void> {
    await kubectl(k.kubeconfig, 'label', '--overwrite', `crd/${CRD_NAME}`, 'app.kubernetes.io/managed-by=Helm');
    await kubectl(
      k.kubeconfig,
      'annotate',
      '--overwrite',
      `crd/${CRD_NAME}`,
      `meta.helm.sh/release-name=${release}`,
      `meta.helm.sh/release-namespace=${namespace}`,
    );
  }

  it('when crds/ is applied with kubectl, client-side and server-side (server dry-run), then the API server accepts it', async () => {
    for (const mode of [[], ['--server-side', '--force-conflicts']]) {
      const { stdout } = await kubectl(k.kubeconfig, 'apply', '--dry-run=server', ...mode, '-f', join(repoRoot, 'crds'));
      expect(stdout).to.match(
        new RegExp(`customresourcedefinition.apiextensions.k8s.io/${CRD_NAME} (configured|serverside-applied|unchanged) \\(server dry run\\)`),
      );
    }
  });

  it('when `kubectl apply -f manifests/` runs, then the namespace, CRD, ServiceAccount, RBAC, Service and Deployment exist as the chart renders them', async () => {
    const { stdout } = await kubectl(k.kubeconfig, 'apply', '-f', join(repoRoot, 'manifests'));
    expect(stdout).to.include(`namespace/${INSTALL_NAMESPACE}`);
    const namespace = await k.core.readNamespace({ name: INSTALL_NAMESPACE });
    expect(namespace.metadata?.labels).to.include({ 'pod-security.kubernetes.io/enforce': 'restricted' });
    await k.core.readNamespacedServiceAccount({ namespace: INSTALL_NAMESPACE, name: INSTALL_RELEASE });
    await k.core.readNamespacedService({ namespace: INSTALL_NAMESPACE, name: `${INSTALL_RELEASE}-metrics` });
    const deployment = await k.apps.readNamespacedDeployment({ namespace: INSTALL_NAMESPACE, name: INSTALL_RELEASE });
    expect(deployment.spec?.replicas).to.equal(2);
    expect(deployment.spec?.template.spec?.serviceAccountName).to.equal(INSTALL_RELEASE);
    expect(await clusterRoleRules(INSTALL_RELEASE)).to.deep.equal(plainRules(OPERATOR_RULES));
    const leader = await rbac.readNamespacedRole({ namespace: INSTALL_NAMESPACE, name: `${INSTALL_RELEASE}-leader-election` });
    expect(plainRules(leader.rules ?? [])).to.deep.equal(plainRules(LEADER_ELECTION_RULES));
    await rbac.readClusterRoleBinding({ name: INSTALL_RELEASE });
    // The samples sit one level down, so a plain (non-recursive) apply never creates one.
    expect(stdout).to.not.include('botplatform.botplatform.io/');
  });

  it('when the chart is installed with default values by real helm, then every object exists; when uninstalled, then they go and the CRD is kept', async () => {
    const release = uniqueName('bpo').slice(0, 40);
    const namespace = uniqueName('install-helm').slice(0, 63);
    const fullname = `${release}-botplatform-operator`;
    await letReleaseAdoptCrd(release, namespace);
    const { stdout } = await helmAt('install', release, chartDir, '--namespace', namespace, '--create-namespace');
    expect(stdout).to.include('STATUS: deployed');
    expect(stdout).to.include('The BotPlatform operator is installed');

    const deployment = await k.apps.readNamespacedDeployment({ namespace, name: fullname });
    expect(deployment.spec?.replicas).to.equal(2);
    expect(deployment.spec?.template.spec?.containers[0]?.securityContext?.readOnlyRootFilesystem).to.equal(true);
    await k.core.readNamespacedServiceAccount({ namespace, name: fullname });
    await k.core.readNamespacedService({ namespace, name: `${fullname}-metrics` });
    expect(await clusterRoleRules(fullname)).to.deep.equal(plainRules(OPERATOR_RULES));
    const binding = await rbac.readClusterRoleBinding({ name: fullname });
    expect(binding.subjects).to.deep.equal([{ kind: 'ServiceAccount', name: fullname, namespace }]);
    await rbac.readNamespacedRoleBinding({ namespace, name: `${fullname}-leader-election` });
    const crd = JSON.parse((await kubectl(k.kubeconfig, 'get', `crd/${CRD_NAME}`, '-o', 'json')).stdout) as {
      metadata: { annotations: Record<string, string>; labels: Record<string, string> };
    };
    expect(crd.metadata.annotations).to.include({ 'helm.sh/resource-policy': 'keep', 'meta.helm.sh/release-name': release });
    expect(crd.metadata.labels).to.include({ 'app.kubernetes.io/instance': release });

    await helmAt('uninstall', release, '--namespace', namespace);
    const gone = await rbac.readClusterRole({ name: fullname }).then(
      () => false,
      (err: unknown) => (err as { code?: number }).code === 404,
    );
    expect(gone, 'ClusterRole removed').to.equal(true);
    await kubectl(k.kubeconfig, 'get', `crd/${CRD_NAME}`);
  });

  it('when installed with default values, then its ServiceAccount may make every call OPERATOR_RULES names in every namespace and nothing beyond them', async () => {
    const release = uniqueName('cw').slice(0, 40);
    const namespace = uniqueName('install-cw').slice(0, 63);
    const fullname = `${release}-botplatform-operator`;
    await helmAt('install', release, chartDir, '--namespace', namespace, '--create-namespace', '--set', 'crds.enabled=false');
    try {
      const token = await k.core.createNamespacedServiceAccountToken({ namespace, name: fullname, body: { spec: { audiences: [], expirationSeconds: 600 } } });
      const { server } = await testEnv.kube();
      if (!server || !token.status?.token) throw new Error('needs the harness API server and a ServiceAccount token');
      const saKubeconfig = tempFile('sa-kubeconfig', kubeconfigFor(server, fullname, token.status.token));
      const can = (...args: string[]) =>
        kubectl(saKubeconfig, 'auth', 'can-i', ...args).then(
          ({ stdout }) => `${args.join(' ')}: ${stdout.trim()}`,
          (err: unknown) => `${args.join(' ')}: ${(err as { stdout?: string }).stdout?.trim() ?? 'error'}`,
        );
      const granted = OPERATOR_RULES.flatMap((rule) =>
        rule.resources.flatMap((resource) =>
          rule.verbs.map((verb) => {
            const [plural, sub] = resource.split('/');
            const group = rule.apiGroups[0] ? `.${rule.apiGroups[0]}` : '';
            return [verb, `${plural ?? ''}${group}`, ...(sub ? [`--subresource=${sub}`] : []), '--all-namespaces'];
          }),
        ),
      );
      const leases = LEADER_ELECTION_RULES.flatMap((rule) => rule.verbs.map((verb) => [verb, 'leases.coordination.k8s.io', '-n', namespace]));
      const answers = await Promise.all([...granted, ...leases].map((args) => can(...args)));
      expect(
        answers.filter((a) => !a.endsWith(': yes')),
        'granted calls refused',
      ).to.deep.equal([]);

      const denied = [
        ['list', 'secrets', '--all-namespaces'],
        ['update', 'secrets', '--all-namespaces'],
        ['delete', 'botplatforms.botplatform.io', '--all-namespaces'],
        ['update', 'deployments.apps', '--all-namespaces'],
        ['get', 'leases.coordination.k8s.io', '-n', 'default'],
        ['create', 'clusterroles.rbac.authorization.k8s.io'],
        ['list', 'pods', '--all-namespaces'],
      ];
      const refusals = await Promise.all(denied.map((args) => can(...args)));
      expect(
        refusals.filter((a) => !a.endsWith(': no')),
        'calls beyond OPERATOR_RULES allowed',
      ).to.deep.equal([]);
    } finally {
      await helmAt('uninstall', release, '--namespace', namespace);
    }
  });

  describe('least privilege, from the chart itself', () => {
    let operator: ManagedProcess | undefined;
    afterEach(async () => {
      await operator?.stop(25_000);
      operator = undefined;
    });

    it('when the operator runs with the chart-installed ServiceAccount, RBAC and Deployment env, then it leads, reconciles a BotPlatform into children and status, finalizes its deletion, and holds no other rights', async () => {
      const redisUrl = (await testEnv.redis()).url;
      const watched = await k.createNamespace('lp-watched');
      const other = await k.createNamespace('lp-other');
      const release = uniqueName('lp').slice(0, 40);
      const opNamespace = uniqueName('lp-operator').slice(0, 63);
      const fullname = `${release}-botplatform-operator`;
      const port = await freePort();
      // Namespaced mode: the operator's only rights are the chart's Roles in `watched` and its Lease Role.
      await helmAt(
        'install',
        release,
        chartDir,
        '--namespace',
        opNamespace,
        '--create-namespace',
        '--set',
        'crds.enabled=false',
        '--set-json',
        `watchNamespaces=["${watched}"]`,
        '--set',
        `metrics.port=${port}`,
        '--set',
        'logLevel=debug',
      );

      const token = await k.core.createNamespacedServiceAccountToken({
        namespace: opNamespace,
        name: fullname,
        body: { spec: { audiences: [], expirationSeconds: 3600 } },
      });
      const { server } = await testEnv.kube();
      if (!server || !token.status?.token) throw new Error('needs the harness API server and a ServiceAccount token');
      const saKubeconfig = tempFile('sa-kubeconfig', kubeconfigFor(server, fullname, token.status.token));

      // Exactly the env the installed Deployment gives its container, the downward API filled in.
      const deployment = await k.apps.readNamespacedDeployment({ namespace: opNamespace, name: fullname });
      const container = deployment.spec?.template.spec?.containers[0];
      if (!container) throw new Error('no operator container');
      const podName = `${fullname}-7d9f8-abcde`;
      const downward: Record<string, string> = { 'metadata.name': podName, 'metadata.namespace': opNamespace };
      const chartEnv = Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value ?? downward[e.valueFrom?.fieldRef?.fieldPath ?? ''] ?? '']));
      expect(chartEnv).to.include({ WATCH_NAMESPACE: watched, LEADER_ELECTION: 'true', LEASE_NAMESPACE: opNamespace, METRICS_PORT: String(port) });
      expect(container.args).to.deep.equal(['dist/cmd/operator/main.js']);

      operator = startProcess('operator', process.execPath, ['--import', 'tsx', join(repoRoot, 'cmd/operator/main.ts')], {
        cwd: repoRoot,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, ...chartEnv, KUBECONFIG: saKubeconfig, METRICS_HOST: '127.0.0.1' },
      });
      const proc = operator;
      await waitUntil(proc, async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok, 60_000);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).to.equal(200);
      const lease = await eventually(
        async () => {
          const l = await k.kc.makeApiClient(CoordinationV1Api).readNamespacedLease({ namespace: opNamespace, name: 'botplatform-operator-leader' });
          return l.spec?.holderIdentity?.startsWith(podName) ? l : undefined;
        },
        20_000,
        'the Lease held by the operator pod',
      );
      expect(lease.metadata?.namespace).to.equal(opNamespace);

      await k.createSecrets(watched, 'demo');
      await k.createPlatform(watched, 'demo', specFor('demo', redisUrl, { services: { web: { ingress: { host: 'demo.example.com' } } } }));
      const platform = await eventually(
        async () => {
          const p = await k.getPlatform(watched, 'demo');
          const synced = ['ConfigSynced', 'RedisSynced'].every((t) => p.status?.conditions?.find((c) => c.type === t)?.status === 'True');
          return p.status?.observedGeneration === 1 && synced ? p : undefined;
        },
        30_000,
        `status written by the operator (log: ${proc.logFile})`,
      );
      expect((platform.metadata as { finalizers?: string[] }).finalizers).to.deep.equal([FINALIZER]);
      expect((await k.apps.listNamespacedDeployment({ namespace: watched })).items.map((d) => d.metadata?.name).sort()).to.deep.equal([
        'demo-api',
        'demo-bot',
        'demo-web',
      ]);
      expect((await k.core.listNamespacedService({ namespace: watched })).items.map((s) => s.metadata?.name).sort()).to.deep.equal([
        'demo-api',
        'demo-bot',
        'demo-web',
      ]);
      expect((await kubectl(k.kubeconfig, 'get', 'ingresses', '-n', watched, '-o', 'name')).stdout.trim()).to.equal('ingress.networking.k8s.io/demo-web');
      const configMap = await k.core.readNamespacedConfigMap({ namespace: watched, name: 'demo-connections' });
      expect(JSON.parse(configMap.data?.['connections.json'] ?? '{}')).to.include({ platform: `${watched}/demo` });
      const events = await k.core.listNamespacedEvent({ namespace: watched });
      expect(events.items.map((e) => e.reason)).to.include('Created');

      // The same identity may do nothing outside what the chart granted.
      const can = (...args: string[]) =>
        kubectl(saKubeconfig, 'auth', 'can-i', ...args).then(
          ({ stdout }) => stdout.trim(),
          (err: unknown) => (err as { stdout?: string }).stdout?.trim() ?? 'error',
        );
      expect(await can('list', 'secrets', '-n', watched)).to.equal('no');
      expect(await can('get', 'secrets', '-n', other)).to.equal('no');
      expect(await can('create', 'deployments', '-n', other)).to.equal('no');
      expect(await can('list', 'botplatforms.botplatform.io', '--all-namespaces')).to.equal('no');
      expect(await can('update', 'leases.coordination.k8s.io', '-n', watched)).to.equal('no');
      expect(await can('create', 'deployments', '-n', watched)).to.equal('yes');

      await k.deletePlatform(watched, 'demo');
      await eventually(
        () =>
          k.getPlatform(watched, 'demo').then(
            () => undefined,
            (err: unknown) => ((err as { code?: number }).code === 404 ? true : undefined),
          ),
        20_000,
        'the finalizer removed and the BotPlatform gone',
      );
      await helmAt('uninstall', release, '--namespace', opNamespace);
    });
  });
});
