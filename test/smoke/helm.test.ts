import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { binPath } from '../harness/bins.js';

const run = promisify(execFile);
const chart = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'tiny-chart');

describe('test environment: helm', () => {
  it('when asked for its version, then it is a v3 release', async () => {
    const { stdout } = await run(binPath('helm'), ['version', '--short']);
    expect(stdout.trim()).to.match(/^v3\.\d+\.\d+/);
  });

  it('when a tiny chart is templated with a value set, then the rendered object carries it', async () => {
    const { stdout } = await run(binPath('helm'), ['template', 'demo', chart, '--set', 'greeting=bonjour', '--kube-version', '1.35.0']);
    expect(stdout).to.include('kind: ConfigMap');
    expect(stdout).to.include('name: demo-tiny');
    expect(stdout).to.include('greeting: "bonjour"');
  });
});
