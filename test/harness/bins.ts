import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type GoBinary = 'etcd' | 'kube-apiserver' | 'kubectl' | 'ferretdb' | 'helm';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let paths: Map<string, string> | undefined;

/** Path of a Go-built test server, as tools/build.sh caches it. */
export function binPath(name: GoBinary): string {
  paths ??= new Map(
    execFileSync('bash', [join(repoRoot, 'tools', 'build.sh'), '--print'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line) => line.split('=', 2) as [string, string]),
  );
  const path = paths.get(name);
  if (!path || !existsSync(path)) {
    throw new Error(`${name} is not built (expected ${path ?? '?'}); run 'make test-env'`);
  }
  return path;
}
