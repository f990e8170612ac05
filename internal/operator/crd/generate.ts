// Writes every generated install file (`make manifests`): crds/ from the CRD's TypeScript
// source, the chart's CRD and RBAC templates, and manifests/ rendered from the chart.
// With --check it writes nothing and exits 1 when a committed file differs, for CI.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from '../install/generated-files.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const check = process.argv.includes('--check');
let stale = 0;

// In order and one at a time: manifests/ renders the chart templates written just before.
for (const file of generatedFiles(repoRoot)) {
  const target = join(repoRoot, file.path);
  const wanted = await file.render();
  const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
  if (current === wanted) {
    process.stdout.write(`${file.path} ${check ? 'is up to date' : 'unchanged'}\n`);
  } else if (check) {
    process.stderr.write(`${file.path} is out of date: run 'make manifests'\n`);
    stale += 1;
  } else {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, wanted);
    process.stdout.write(`wrote ${file.path}\n`);
  }
}
if (stale > 0) process.exit(1);
