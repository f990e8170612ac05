import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { parse } from 'yaml';
import { CRD_FILE } from '../../internal/operator/crd/render.js';
import { LEADER_ELECTION_RULES, OPERATOR_RULES } from '../../internal/operator/kube/rbac.rules.js';
import {
  chartDir,
  containerOf,
  envOf,
  helm,
  ofKind,
  one,
  renderChart,
  renderError,
  repoRoot,
  type BindingObject,
  type DeploymentObject,
  type KubeObject,
  type RoleObject,
} from './chart.test-support.js';

const NS = 'botplatform-system';
const FULLNAME = 'botplatform-operator';
const plainRules = (rules: readonly { apiGroups: string[]; resources: string[]; verbs: string[] }[]) =>
  rules.map((r) => ({ apiGroups: r.apiGroups, resources: r.resources, verbs: r.verbs }));
const kindsOf = (objects: KubeObject[]) => objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`).sort();

describe('install: the Helm chart rendered by real helm', function () {
  this.timeout(60_000);

  it('when the chart is linted strictly, with default values and with every option on, then helm finds nothing wrong', async () => {
    await helm('lint', chartDir, '--strict');
    const { stdout } = await helm(
      'lint',
      chartDir,
      '--strict',
      '--set-json',
      'watchNamespaces=["a","b"]',
      '--set',
      'crds.enabled=false',
      '--set',
      'podDisruptionBudget.enabled=true',
      '--set',
      'serviceMonitor.enabled=true',
    );
    expect(stdout).to.include('0 chart(s) failed');
  });

  describe('with default values', () => {
    let objects: KubeObject[];
    before(async () => (objects = await renderChart()));

    it('when rendered, then it is exactly the CRD, ServiceAccount, cluster RBAC, the leader-election Role, the metrics Service and the Deployment', () => {
      expect(kindsOf(objects)).to.deep.equal([
        `ClusterRole//${FULLNAME}`,
        `ClusterRoleBinding//${FULLNAME}`,
        'CustomResourceDefinition//botplatforms.botplatform.io',
        `Deployment/${NS}/${FULLNAME}`,
        `Role/${NS}/${FULLNAME}-leader-election`,
        `RoleBinding/${NS}/${FULLNAME}-leader-election`,
        `Service/${NS}/${FULLNAME}-metrics`,
        `ServiceAccount/${NS}/${FULLNAME}`,
      ]);
    });

    it('when the Deployment is read, then it runs two replicas of the operator entry point with leader election and the downward-API identity', () => {
      const deployment = one<DeploymentObject>(objects, 'Deployment');
      const container = containerOf(deployment);
      expect(deployment.spec.replicas).to.equal(2);
      expect(deployment.spec.template.spec.serviceAccountName).to.equal(FULLNAME);
      expect(container.image).to.equal('registry.example.com/botplatform:0.1.0');
      // The image's ENTRYPOINT is node (Dockerfile): command and args name the same thing.
      expect([...(container.command ?? []), ...(container.args ?? [])]).to.deep.equal(['node', 'dist/cmd/operator/main.js']);
      expect(readFileSync(join(repoRoot, 'Dockerfile'), 'utf8')).to.match(/ENTRYPOINT \["node"\]/);
      expect(envOf(container)).to.deep.equal({
        POD_NAME: 'fieldRef:metadata.name',
        POD_NAMESPACE: 'fieldRef:metadata.namespace',
        WATCH_NAMESPACE: '',
        LEADER_ELECTION: 'true',
        LEASE_NAMESPACE: NS,
        METRICS_PORT: '8080',
        OPERATOR_WORKERS: '4',
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
        NODE_OPTIONS: '--enable-source-maps --max-semi-space-size=8',
      });
      expect(container.ports).to.deep.equal([{ name: 'metrics', containerPort: 8080, protocol: 'TCP' }]);
      expect(container.livenessProbe?.httpGet).to.deep.equal({ path: '/healthz', port: 'metrics' });
      expect(container.readinessProbe?.httpGet).to.deep.equal({ path: '/readyz', port: 'metrics' });
      expect(container.resources).to.deep.equal({ requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi' } });
    });

    it('when the security contexts are read, then the pod meets the restricted Pod Security Standard as UID 1000', () => {
      const deployment = one<DeploymentObject>(objects, 'Deployment');
      expect(deployment.spec.template.spec.securityContext).to.deep.equal({
        runAsNonRoot: true,
        runAsUser: 1000,
        runAsGroup: 1000,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(containerOf(deployment).securityContext).to.deep.equal({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        runAsUser: 1000,
        capabilities: { drop: ['ALL'] },
      });
      expect(readFileSync(join(repoRoot, 'Dockerfile'), 'utf8')).to.match(/^USER 1000:1000$/m);
    });

    it('when the RBAC is read, then the ClusterRole holds exactly OPERATOR_RULES and the Role exactly LEADER_ELECTION_RULES, both bound to the ServiceAccount', () => {
      expect(one<RoleObject>(objects, 'ClusterRole').rules).to.deep.equal(plainRules(OPERATOR_RULES));
      const leader = one<RoleObject>(objects, 'Role');
      expect(leader.metadata.namespace).to.equal(NS);
      expect(leader.rules).to.deep.equal(plainRules(LEADER_ELECTION_RULES));
      for (const binding of [...ofKind<BindingObject>(objects, 'ClusterRoleBinding'), ...ofKind<BindingObject>(objects, 'RoleBinding')]) {
        expect(binding.subjects).to.deep.equal([{ kind: 'ServiceAccount', name: FULLNAME, namespace: NS }]);
      }
      expect(one<BindingObject>(objects, 'ClusterRoleBinding').roleRef).to.include({ kind: 'ClusterRole', name: FULLNAME });
      expect(one<BindingObject>(objects, 'RoleBinding').roleRef).to.include({ kind: 'Role', name: `${FULLNAME}-leader-election` });
    });

    it('when the CRD is read, then it is the crds/ object plus the release labels and the keep policy', () => {
      const rendered = one(objects, 'CustomResourceDefinition');
      const committed = parse(readFileSync(join(repoRoot, CRD_FILE), 'utf8')) as KubeObject;
      const strip = (o: KubeObject) => ({ ...o, metadata: { name: o.metadata.name } });
      expect(strip(rendered)).to.deep.equal(strip(committed));
      expect(rendered.metadata.labels).to.include({
        ...committed.metadata.labels,
        'app.kubernetes.io/managed-by': 'Helm',
        'app.kubernetes.io/instance': FULLNAME,
      });
      expect(rendered.metadata.annotations).to.deep.equal({ 'helm.sh/resource-policy': 'keep' });
    });

    it('when the metrics Service is read, then it selects exactly the operator pods on the metrics port', () => {
      const service = one<KubeObject & { spec: { selector: Record<string, string>; ports: { port: number; targetPort: string }[] } }>(objects, 'Service');
      const deployment = one<DeploymentObject>(objects, 'Deployment');
      expect(service.spec.selector).to.deep.equal(deployment.spec.selector.matchLabels);
      expect(deployment.spec.template.metadata.labels).to.include(service.spec.selector);
      expect(service.spec.ports).to.deep.equal([{ name: 'metrics', port: 8080, targetPort: 'metrics', protocol: 'TCP' }]);
    });
  });

  describe('with non-default values', () => {
    it('when watchNamespaces is set, then each namespace gets a Role with OPERATOR_RULES and a RoleBinding, there is no cluster-wide grant, and WATCH_NAMESPACE names them', async () => {
      const objects = await renderChart({ watchNamespaces: ['team-a', 'team-b'] });
      expect(ofKind(objects, 'ClusterRole')).to.deep.equal([]);
      expect(ofKind(objects, 'ClusterRoleBinding')).to.deep.equal([]);
      for (const namespace of ['team-a', 'team-b']) {
        const role = ofKind<RoleObject>(objects, 'Role').find((r) => r.metadata.namespace === namespace);
        expect(role?.metadata.name).to.equal(FULLNAME);
        expect(role?.rules).to.deep.equal(plainRules(OPERATOR_RULES));
        const binding = ofKind<BindingObject>(objects, 'RoleBinding').find((b) => b.metadata.namespace === namespace);
        expect(binding?.roleRef).to.include({ kind: 'Role', name: FULLNAME });
        expect(binding?.subjects).to.deep.equal([{ kind: 'ServiceAccount', name: FULLNAME, namespace: NS }]);
      }
      expect(envOf(containerOf(one<DeploymentObject>(objects, 'Deployment'))).WATCH_NAMESPACE).to.equal('team-a,team-b');
    });

    it('when crds.enabled is false, then no CRD is rendered; when crds.keep is false, then the CRD carries no keep policy', async () => {
      expect(ofKind(await renderChart({ 'crds.enabled': false }), 'CustomResourceDefinition')).to.deep.equal([]);
      const crd = one(await renderChart({ 'crds.keep': false }), 'CustomResourceDefinition');
      expect(crd.metadata.annotations).to.equal(undefined);
    });

    it('when the PodDisruptionBudget and ServiceMonitor are on, then both select the operator pods and the ServiceMonitor scrapes the metrics port', async () => {
      const objects = await renderChart({ 'podDisruptionBudget.enabled': true, 'serviceMonitor.enabled': true, 'serviceMonitor.labels': { release: 'prom' } });
      const selector = one<DeploymentObject>(objects, 'Deployment').spec.selector.matchLabels;
      const pdb = one<KubeObject & { spec: { minAvailable: number; selector: { matchLabels: Record<string, string> } } }>(objects, 'PodDisruptionBudget');
      expect(pdb.spec).to.deep.equal({ minAvailable: 1, selector: { matchLabels: selector } });
      const monitor = one<
        KubeObject & { spec: { selector: { matchLabels: Record<string, string> }; endpoints: Record<string, string>[]; namespaceSelector: unknown } }
      >(objects, 'ServiceMonitor');
      expect(monitor.apiVersion).to.equal('monitoring.coreos.com/v1');
      expect(monitor.metadata.labels).to.include({ release: 'prom' });
      expect(monitor.spec.selector.matchLabels).to.deep.equal(selector);
      expect(one(objects, 'Service').metadata.labels).to.include(selector);
      expect(monitor.spec.namespaceSelector).to.deep.equal({ matchNames: [NS] });
      expect(monitor.spec.endpoints).to.deep.equal([{ port: 'metrics', path: '/metrics', interval: '30s', scrapeTimeout: '10s' }]);
    });

    it('when one replica runs without leader election, then LEADER_ELECTION is false and no Lease Role is granted', async () => {
      const objects = await renderChart({ replicas: 1, 'leaderElection.enabled': false });
      const deployment = one<DeploymentObject>(objects, 'Deployment');
      expect(deployment.spec.replicas).to.equal(1);
      expect(envOf(containerOf(deployment)).LEADER_ELECTION).to.equal('false');
      expect(ofKind(objects, 'Role')).to.deep.equal([]);
      expect(ofKind(objects, 'RoleBinding')).to.deep.equal([]);
    });

    it('when the image, log settings, metrics port and an existing ServiceAccount are given, then the Deployment uses them', async () => {
      const objects = await renderChart(
        {
          image: { repository: 'ghcr.io/acme/botplatform', tag: 'sha256:abc', pullPolicy: 'Always' },
          logLevel: 'debug',
          logFormat: 'pretty',
          'metrics.port': 9090,
          workers: 8,
          serviceAccount: { create: false, name: 'existing' },
        },
        'ops',
        'bots',
      );
      const deployment = one<DeploymentObject>(objects, 'Deployment');
      const container = containerOf(deployment);
      expect(deployment.metadata.name).to.equal('bots-botplatform-operator');
      expect(container.image).to.equal('ghcr.io/acme/botplatform@sha256:abc');
      expect(envOf(container)).to.include({ LOG_LEVEL: 'debug', LOG_FORMAT: 'pretty', METRICS_PORT: '9090', OPERATOR_WORKERS: '8', LEASE_NAMESPACE: 'ops' });
      expect(container.ports?.[0]?.containerPort).to.equal(9090);
      expect(deployment.spec.template.spec.serviceAccountName).to.equal('existing');
      expect(ofKind(objects, 'ServiceAccount')).to.deep.equal([]);
      expect(one<BindingObject>(objects, 'ClusterRoleBinding').subjects).to.deep.equal([{ kind: 'ServiceAccount', name: 'existing', namespace: 'ops' }]);
    });
  });

  describe('values.schema.json', () => {
    const bad: [string, Record<string, unknown>, RegExp][] = [
      ['an unknown top-level key', { replicaCount: 3 }, /additional properties 'replicaCount' not allowed/],
      ['an unknown nested key', { 'crds.install': true }, /additional properties 'install' not allowed/],
      ['zero replicas', { replicas: 0 }, /\/replicas/],
      ['eleven replicas', { replicas: 11 }, /\/replicas/],
      ['two replicas without leader election', { replicas: 2, 'leaderElection.enabled': false }, /\/replicas/],
      ['a pull policy outside the enum', { 'image.pullPolicy': 'Sometimes' }, /\/image\/pullPolicy/],
      ['a log level outside the enum', { logLevel: 'loud' }, /\/logLevel/],
      ['a namespace that is not a DNS label', { watchNamespaces: ['Team_A'] }, /\/watchNamespaces\/0/],
      ['a namespace list given as a string', { watchNamespaces: 'team-a' }, /\/watchNamespaces/],
      ['a port above 65535', { 'metrics.port': 70000 }, /\/metrics\/port/],
      ['a string where a boolean belongs', { 'crds.keep': 'yes' }, /\/crds\/keep/],
      ['a scrape interval that is not a duration', { 'serviceMonitor.interval': 'soon' }, /\/serviceMonitor\/interval/],
      ['zero workers', { workers: 0 }, /\/workers/],
      ['node options that are not flags', { nodeOptions: 'x; rm -rf /' }, /\/nodeOptions/],
    ];
    for (const [what, values, message] of bad) {
      it(`when given ${what}, then helm refuses to render and names the value`, async () => {
        const error = await renderError(values);
        expect(error, 'helm rendered it').to.be.a('string');
        expect(error).to.match(/values don't meet the specifications of the schema/);
        expect(error).to.match(message);
      });
    }

    it('when one replica runs without leader election, then the schema accepts it', async () => {
      expect(await renderError({ replicas: 1, 'leaderElection.enabled': false })).to.equal(undefined);
    });
  });
});
