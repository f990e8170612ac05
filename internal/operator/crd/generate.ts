// Writes the CRD YAML from its TypeScript source (`make manifests`). With --check it
// writes nothing and exits 1 when the committed file differs, for CI.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CRD_FILE, renderCrdYaml } from './render.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const target = join(repoRoot, CRD_FILE);
const wanted = renderCrdYaml();
const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;

if (process.argv.includes('--check')) {
  if (current !== wanted) {
    process.stderr.write(`${CRD_FILE} is out of date: run 'make manifests'\n`);
    process.exit(1);
  }
  process.stdout.write(`${CRD_FILE} is up to date\n`);
} else if (current === wanted) {
  process.stdout.write(`${CRD_FILE} unchanged\n`);
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, wanted);
  process.stdout.write(`wrote ${CRD_FILE}\n`);
}
