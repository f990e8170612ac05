import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { binPath } from '../harness/bins.js';
import { tempDir } from '../harness/process.js';

const run = promisify(execFile);
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const chartDir = join(repoRoot, 'charts', 'botplatform-operator');

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath: string } } }[];
  ports?: { name: string; containerPort: number }[];
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
}

export interface DeploymentObject extends KubeObject {
  spec: {
    replicas: number;
    selector: { matchLabels: Record<string, string> };
    template: {
      metadata: { labels: Record<string, string> };
      spec: { serviceAccountName: string; securityContext: Record<string, unknown>; containers: Container[] };
    };
  };
}

export interface RoleObject extends KubeObject {
  rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[];
}

export interface BindingObject extends KubeObject {
  roleRef: { kind: string; name: string };
  subjects: { kind: string; name: string; namespace: string }[];
}

export async function helm(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  // Own cache and config dirs: helm must not read or write the developer's ~/.config/helm.
  const home = tempDir('helm-home');
  const env = { ...process.env, HELM_CACHE_HOME: join(home, 'cache'), HELM_CONFIG_HOME: join(home, 'config'), HELM_DATA_HOME: join(home, 'data') };
  return run(binPath('helm'), args, { env, maxBuffer: 16 * 1024 * 1024 });
}

/** Flattens `{a: {b: 1}}` into helm `--set-json` flags, so values keep their JSON types. */
function setFlags(values: Record<string, unknown>): string[] {
  return Object.entries(values).flatMap(([key, value]) => ['--set-json', `${key}=${JSON.stringify(value)}`]);
}

/** `helm template` of the chart, parsed; `values` are dotted keys as for --set. */
export async function renderChart(
  values: Record<string, unknown> = {},
  namespace = 'botplatform-system',
  release = 'botplatform-operator',
): Promise<KubeObject[]> {
  const { stdout } = await helm('template', release, chartDir, '--namespace', namespace, '--kube-version', '1.35.0', ...setFlags(values));
  return parseAllDocuments(stdout)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
}

/** The error helm prints when it refuses to render, or undefined when it renders. */
export async function renderError(values: Record<string, unknown>): Promise<string | undefined> {
  return renderChart(values).then(
    () => undefined,
    (err: unknown) => (err as { stderr?: string }).stderr ?? String(err),
  );
}

export function ofKind<T extends KubeObject = KubeObject>(objects: KubeObject[], kind: string): T[] {
  return objects.filter((o) => o.kind === kind) as T[];
}

export function one<T extends KubeObject = KubeObject>(objects: KubeObject[], kind: string, name?: string): T {
  const found = ofKind<T>(objects, kind).filter((o) => name === undefined || o.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  const [obj] = found;
  if (!obj) throw new Error('unreachable');
  return obj;
}

export function envOf(container: Container): Record<string, string> {
  return Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value ?? `fieldRef:${e.valueFrom?.fieldRef?.fieldPath ?? '?'}`]));
}

export function containerOf(deployment: DeploymentObject): Container {
  const [container] = deployment.spec.template.spec.containers;
  if (!container) throw new Error('the Deployment has no container');
  return container;
}
