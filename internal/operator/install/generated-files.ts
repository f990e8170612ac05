import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CRD_FILE, renderCrdYaml } from '../crd/render.js';
import { CHART_CRD_TEMPLATE, CHART_RULES_TEMPLATE, renderChartCrdTemplate, renderChartRulesTemplate } from './chart-templates.render.js';
import { MANIFESTS_INSTALL, MANIFESTS_SAMPLE, SAMPLE_SOURCE, renderInstallManifest } from './manifests.render.js';

export interface GeneratedFile {
  /** Relative to the repository root. */
  path: string;
  render(): Promise<string>;
}

/** helm from $HELM, else the one tools/build.sh caches for the tests (`make test-env`). */
export function helmBinary(repoRoot: string): string {
  if (process.env.HELM) return process.env.HELM;
  const printed = execFileSync('bash', [join(repoRoot, 'tools', 'build.sh'), '--print'], { encoding: 'utf8' });
  const line = printed.split('\n').find((l) => l.startsWith('helm='));
  const path = line?.slice('helm='.length);
  if (!path || !existsSync(path)) throw new Error(`helm is not built (${path ?? 'unknown path'}): run 'make test-env' or set HELM`);
  return path;
}

/**
 * Every file `make manifests` writes, in order: the chart templates come before the
 * manifests because the manifests are the chart rendered.
 */
export function generatedFiles(repoRoot: string, helm: () => string = () => helmBinary(repoRoot)): GeneratedFile[] {
  return [
    { path: CRD_FILE, render: () => Promise.resolve(renderCrdYaml()) },
    { path: CHART_CRD_TEMPLATE, render: () => Promise.resolve(renderChartCrdTemplate()) },
    { path: CHART_RULES_TEMPLATE, render: () => Promise.resolve(renderChartRulesTemplate()) },
    { path: MANIFESTS_INSTALL, render: () => renderInstallManifest(helm(), repoRoot) },
    { path: MANIFESTS_SAMPLE, render: () => Promise.resolve(readFileSync(join(repoRoot, SAMPLE_SOURCE), 'utf8')) },
  ];
}
