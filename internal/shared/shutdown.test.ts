import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from 'chai';

function startFixture(env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; out: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/shutdown-server.ts'], { env: { ...process.env, ...env } });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`fixture exited early (${code})`)));
    const poll = setInterval(() => {
      const m = /port (\d+)/.exec(out);
      if (m) {
        clearInterval(poll);
        resolve({ child, url: `http://127.0.0.1:${m[1]}`, out: () => out });
      }
    }, 20);
  });
}

/** Resolves once the fixture printed `line`: the request is in flight, however slow the machine. */
async function printed(out: () => string, line: string): Promise<void> {
  while (!out().includes(line)) await new Promise((r) => setTimeout(r, 10));
}

const exitOf = (child: ChildProcess) => new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

describe('shared/shutdown', function () {
  this.timeout(30_000);

  it('when SIGTERM arrives during a request, then it completes, new connections are refused, clients close, exit 0', async () => {
    const { child, url, out } = await startFixture();
    const inFlight = fetch(`${url}/slow`);
    await printed(out, 'started /slow');
    const exited = exitOf(child);
    child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ done: true });
    const refused = await fetch(`${url}/healthz`).then(
      () => false,
      () => true,
    );
    expect(refused, 'new requests after drain must be refused').to.equal(true);
    expect(await exited).to.equal(0);
    expect(out()).to.include('client closed');
  });

  it('when a request hangs past the drain deadline, then its socket is cut and the process still exits 0', async () => {
    const { child, url, out } = await startFixture({ DRAIN_MS: '300' });
    const hanging = fetch(`${url}/hang`).then(
      () => 'answered',
      () => 'cut',
    );
    await printed(out, 'started /hang');
    const exited = exitOf(child);
    child.kill('SIGTERM');
    expect(await exited).to.equal(0);
    expect(await hanging).to.equal('cut');
    expect(out()).to.include('client closed');
  });
});
