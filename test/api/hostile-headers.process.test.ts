import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { freePort, startProcess, waitUntil, type ManagedProcess } from '../harness/process.js';

const SEED = 20261202;
const KEY = 'admin-key-for-hostile-headers-0001';

/** Header values a client can send: visible ASCII and spaces (what fetch lets through). */
const headerValue = fc.oneof(
  fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, '').trim()),
  fc.constantFrom(
    'abc',
    '',
    '0',
    '-0',
    '1e3',
    '0x10',
    '99999999999999999999',
    '-9007199254740993',
    '1.5',
    'null',
    '[]',
    '{}',
    ' 42 ',
    '４２'.replace(/[^\x20-\x7e]/g, 'x'),
  ),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/vnd.api+json',
  '',
  ';;;',
  'application/json; charset=klingon',
);
const authorization = fc.oneof(
  fc.constantFrom(
    `Bearer ${KEY}`,
    `bearer ${KEY}`,
    `BEARER  ${KEY}`,
    'Bearer',
    'Bearer ',
    `Basic ${KEY}`,
    'Bearer a.b.c',
    'Bearer eyJhbGciOiJub25lIn0.e30.',
    `Bearer ${KEY} extra`,
  ),
  headerValue.map((v) => `Bearer ${v}`),
);
const body = fc.oneof(fc.constant(undefined), fc.json({ maxDepth: 2 }), fc.constantFrom('{"group_id":-123,"name":"x"}', '{', 'null', '', '{"a":'));

/** One path per app, every method: what each of api, bot and web routes. */
const targets = (ports: { api: number; bot: number; web: number }) => [
  ...[
    '/api/v2/groups',
    '/api/v2/groups/-1007200000001',
    '/api/v2/groups/-1007200000001/actions',
    '/api/v2/groups/-1007200000001/users:bulk',
    '/api/v2/groups/x/settings',
    '/api/health',
    '/openapi.json',
    '/docs/',
    '/metrics',
    '/nowhere',
  ].map((p) => `http://127.0.0.1:${ports.api}${p}`),
  ...['/bot/v1/status', '/bot/v1/groups/-1007200000001/messages', '/connections', '/healthz', '/readyz'].map((p) => `http://127.0.0.1:${ports.bot}${p}`),
  ...['/web/v1/groups', '/web/v1/groups/-1007200000001', '/web/v1/groups/-1007200000001/messages', '/web/v1/bot/status', '/connections'].map(
    (p) => `http://127.0.0.1:${ports.web}${p}`,
  ),
];

/** Local addresses of the sockets listening on `port`, from /proc/net/tcp{,6} (hex, as the kernel writes them). */
function listenAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const out: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      // State 0A is LISTEN.
      if (state === '0A' && local?.endsWith(`:${hexPort}`)) out.push(local.split(':')[0] ?? '');
    }
  }
  return out;
}

/**
 * `make run` is one process for api, bot and web: one throw outside the error middleware
 * in any of them ends all three. Hostile headers, bodies and content types go to every
 * app; the process must answer each with a 2xx-4xx, never a reset or a 5xx, and live on.
 */
describe('platform process under hostile headers', function () {
  this.timeout(120_000);
  let proc: ManagedProcess;
  let ports: { api: number; bot: number; web: number };
  before(async () => {
    ports = { api: await freePort(), bot: await freePort(), web: await freePort() };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      LOG_FORMAT: 'json',
      API_KEYS: `admin:${KEY}`,
      API_PORT: String(ports.api),
      BOT_PORT: String(ports.bot),
      WEB_PORT: String(ports.web),
    };
    // What `make run` does: no HOST, so the default decides where it listens.
    delete env.HOST;
    delete env.TELEGRAM_BOT_TOKEN;
    proc = startProcess('platform', process.execPath, ['--import', 'tsx', 'cmd/platform/main.ts'], { env });
    await waitUntil(proc, async () => (await fetch(`http://127.0.0.1:${ports.web}/readyz`)).ok, 60_000);
  });
  after(() => proc?.stop());

  it('when started without HOST, then api, bot and web listen on 127.0.0.1 only', () => {
    for (const port of Object.values(ports)) expect(listenAddresses(port), `port ${port}`).to.deep.equal(['0100007F']);
  });

  it('when each service is asked for its OpenAPI document, then it lists exactly the routes it serves, from the one route table', async () => {
    const ids = async (port: number) => {
      const doc = (await (await fetch(`http://127.0.0.1:${port}/openapi.json`)).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
      return Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    };
    const common = ['getHealthz', 'getReadyz', 'getMetrics', 'getOpenApi', 'getDocs'];
    expect(await ids(ports.web)).to.include.members([
      ...common,
      'getConnections',
      'listGroups',
      'getGroup',
      'getGroupStats',
      'sendGroupMessage',
      'getBotStatus',
    ]);
    expect(await ids(ports.bot)).to.include.members([...common, 'getConnections', 'getBotStatus', 'sendGroupMessage']);
    expect(await ids(ports.api)).to.include.members([...common, 'getHealth', 'createGroup', 'listUsers', 'bulkUpsertUsers']);
    for (const port of Object.values(ports)) {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { method: 'POST' });
      expect(res.status, `POST /healthz on ${port}`).to.equal(405);
      expect(res.headers.get('allow')).to.equal('GET, HEAD');
    }
    const webWrong = await fetch(`http://127.0.0.1:${ports.web}/web/v1/groups`, { method: 'DELETE', headers: { authorization: `Bearer ${KEY}` } });
    expect(webWrong.status).to.equal(405);
  });

  it('when a bad X-Actor-Id comes with a body (the reported crash), then 400 and the process keeps answering', async () => {
    const res = await fetch(`http://127.0.0.1:${ports.api}/api/v2/groups`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'x-actor-id': 'abc' },
      body: JSON.stringify({ group_id: -123, name: 'x' }),
    });
    expect(res.status).to.equal(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).to.include('X-Actor-Id');
    expect((await fetch(`http://127.0.0.1:${ports.api}/healthz`)).status).to.equal(200);
    expect(proc.child.exitCode).to.equal(null);
  });

  it('when every app gets random methods, headers, content types and bodies, then every answer is below 500 and the process lives', async () => {
    const urls = targets(ports);
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...urls),
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'),
        fc.option(headerValue),
        fc.option(authorization),
        fc.option(contentType),
        body,
        async (url, method, actor, auth, type, payload) => {
          const headers: Record<string, string> = {};
          if (actor !== null) headers['x-actor-id'] = actor;
          if (auth !== null) headers.authorization = auth;
          if (type !== null) headers['content-type'] = type;
          const withBody = payload !== undefined && method !== 'GET' && method !== 'HEAD';
          const res = await fetch(url, { method, headers, body: withBody ? payload : undefined });
          await res.arrayBuffer();
          sent += 1;
          const what = `${method} ${url} ${JSON.stringify(headers)} ${String(payload).slice(0, 60)}`;
          expect(res.status, what).to.be.below(500);
        },
      ),
      { seed: SEED, numRuns: 1500 },
    );
    expect(sent).to.equal(1500);
    expect(proc.child.exitCode).to.equal(null);
    expect(proc.tail(200)).to.not.include('uncaught');
  });
});
