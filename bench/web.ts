// Benchmark of the dashboard (issue 10): first-load weight, time to first render of the overview
// in Chromium, and live-update latency to 100 and 1,000 WebSocket clients in another process,
// with web's RSS. `make bench` runs it (after `make build`, which bundles the dashboard).
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { BOT_TOKEN, widgetPayload } from '../test/web/web-under-test.js';
import { median } from './paired-rounds.js';

const GROUP = -1004000000001;
const OWNER = 424242;
const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20);
const CLIENTS = (process.env.BENCH_CLIENTS ?? '100,1000').split(',').map(Number);

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const rssMb = (pid: number | undefined, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

function start(script: string, env: Record<string, string>): { child: ChildProcess; lines: AsyncIterableIterator<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (!child.stdout) throw new Error(`${script} has no stdout`);
  return { child, lines: createInterface({ input: child.stdout })[Symbol.asyncIterator]() };
}
async function nextLine(lines: AsyncIterableIterator<string>): Promise<string> {
  const r = await lines.next();
  if (r.done) throw new Error('the process ended early');
  return r.value;
}

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

/**
 * What a page loads, compressed as web serves it: the entry JS and CSS index.html names (every
 * page), and for the overview also the lazily loaded chunks (uPlot).
 */
function firstLoadKb(): { entry: number; overview: number } {
  const html = readFileSync('dist/web-ui/index.html', 'utf8');
  const named = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
  const entry = named.reduce((n, f) => n + gz(`dist/web-ui${f}`), 0);
  const lazy = readdirSync('dist/web-ui/assets')
    .filter((f) => f.endsWith('.js') && !named.includes(`/assets/${f}`))
    .reduce((n, f) => n + gz(`dist/web-ui/assets/${f}`), 0);
  return { entry, overview: entry + lazy };
}

const web = start('bench/servers/web-server.ts', { BENCH_BOT_TOKEN: BOT_TOKEN, BENCH_GROUP: String(GROUP), BENCH_OWNER: String(OWNER) });
const clientsProcs: ChildProcess[] = [];
try {
  const { url, control } = JSON.parse(await nextLine(web.lines)) as { url: string; control: string };
  // Sign in as the owner through the real routes, as the page would.
  const csrfRes = await fetch(`${url}/web/v1/auth/csrf`);
  const csrf = ((await csrfRes.json()) as { data: { csrf_token: string } }).data.csrf_token;
  const signIn = await fetch(`${url}/web/v1/auth/telegram`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, 'x-csrf-token': csrf, cookie: `__Host-bp_csrf=${csrf}` },
    body: JSON.stringify(widgetPayload({ id: OWNER, first_name: 'Owner' })),
  });
  if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status}`);
  const cookies = signIn.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const cookieHeader = cookies.join('; ');

  const weight = firstLoadKb();

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const context = await browser.newContext();
  // Signed in the way the page itself does it: the widget's redirect back with the signed payload.
  const signInPage = await context.newPage();
  await signInPage.goto(`${url}/#tgAuthResult=${Buffer.from(JSON.stringify(widgetPayload({ id: OWNER, first_name: 'Owner' }))).toString('base64url')}`);
  await signInPage.getByRole('heading', { name: 'Your groups' }).waitFor();
  await signInPage.close();
  const renders: number[] = [];
  for (let i = 0; i <= LOADS; i++) {
    const page = await context.newPage();
    await page.goto(`${url}/#/groups/${GROUP}`);
    await page.locator('[data-total="messages"]').waitFor();
    const ms = await page.evaluate<number>('performance.now()');
    if (i > 0) renders.push(ms); // the first load fills the cache and warms V8 on both ends
    await page.close();
  }
  await browser.close();

  const live: { clients: number; p50: number; p99: number; rss: number }[] = [];
  for (const n of CLIENTS) {
    const clients = start('bench/servers/ws-clients.ts', {
      BENCH_WS_URL: `${url.replace(/^http/, 'ws')}/web/v1/events`,
      BENCH_COOKIE: cookieHeader,
      BENCH_ORIGIN: url,
      BENCH_GROUP: String(GROUP),
      BENCH_CLIENTS: String(n),
    });
    clientsProcs.push(clients.child);
    while ((await nextLine(clients.lines)) !== 'ready');
    const latencies: number[] = [];
    for (let e = 0; e < EVENTS; e++) {
      const sent = Date.now();
      await fetch(`${control}/emit`, { method: 'POST' });
      // Each event reaches all n clients before the next is sent: one event's fan-out at a time.
      let id: string | undefined;
      for (let got = 0; got < n; got++) {
        const [eventId = '', at = '0'] = (await nextLine(clients.lines)).split(' ');
        id ??= eventId;
        if (eventId !== id) throw new Error('events overlapped');
        latencies.push(Number(at) - sent);
      }
    }
    const rss = rssMb(web.child.pid, 'VmRSS');
    clients.child.kill('SIGTERM');
    live.push({ clients: n, p50: percentile(latencies, 50), p99: percentile(latencies, 99), rss });
  }

  const kb = (v: number) => `${v.toFixed(1)} KB`;
  console.log(`\n== web dashboard (Chromium ${LOADS} loads; ${EVENTS} events per client count; web, clients and Chromium each their own process)`);
  console.log(`first-load JS + CSS (gzip), sign-in, groups, members, audit  ${kb(weight.entry)}  aim <= 150 KB: ${weight.entry <= 150 ? 'yes' : 'NO'}`);
  console.log(`first-load JS + CSS (gzip), overview (with the charts)       ${kb(weight.overview)}  aim <= 150 KB: ${weight.overview <= 150 ? 'yes' : 'NO'}`);
  console.log(
    `overview first render p50 / p99           ${median(renders).toFixed(0)} / ${percentile(renders, 99).toFixed(0)} ms  aim p50 <= 300 ms: ${median(renders) <= 300 ? 'yes' : 'NO'}`,
  );
  for (const l of live) {
    const aim = l.clients >= 1000 ? `  aim p99 <= 250 ms: ${l.p99 <= 250 ? 'yes' : 'NO'}; web RSS aim <= 200 MB: ${l.rss <= 200 ? 'yes' : 'NO'}` : '';
    console.log(`live update, ${String(l.clients).padStart(4)} clients p50 / p99      ${l.p50} / ${l.p99} ms; web RSS ${l.rss.toFixed(0)} MB${aim}`);
  }
  console.log(`web peak RSS (VmHWM)                      ${rssMb(web.child.pid, 'VmHWM').toFixed(0)} MB`);
} finally {
  for (const c of clientsProcs) c.kill('SIGTERM');
  web.child.kill('SIGTERM');
}
