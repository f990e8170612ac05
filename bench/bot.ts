// Benchmark of the bot (issue 5): updates per second through the webhook route, the
// platform's bot (antiflood and locks on, member tracking, api in-process on the memory
// store, state in Redis) side by side with a bare telegraf bot with a no-op handler on the
// same route, in the same run; p99 handling latency; each process's peak RSS. Then the
// platform bot once more with the api over HTTP (connection method rest) behind the api's
// rate limit at its defaults: the bench's traffic must never meet a 429.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { toError } from '../internal/shared/errors.js';
import { startFakeTelegram } from '../internal/sandbox/telegram/index.js';
import { freePort } from '../test/harness/process.js';
import { startRedis } from '../test/harness/redis.js';
import { pairedRounds } from './paired-rounds.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECRET = 'bench-webhook-secret';
const GROUPS = Array.from({ length: 10 }, (_, i) => -1_001_000_000_000 - i);
const USERS = 500;

const peakRssMb = (pid: number | undefined) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function startSide(side: 'full' | 'bare' | 'rest', env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/servers/bot-server.ts'], {
    env: { ...process.env, NODE_ENV: 'production', ...env, BENCH_SIDE: side, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, child };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${side} side did not start`);
}

let updateId = 1;
let messageId = 1;
/** A plain group text message from one of USERS members of one of the groups. */
function update(): string {
  const n = updateId++;
  const user = 5_000_000 + (n % USERS);
  const chat = GROUPS[n % GROUPS.length] ?? -1;
  return JSON.stringify({
    update_id: n,
    message: {
      message_id: messageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chat, type: 'supergroup', title: `Bench ${chat}` },
      from: { id: user, is_bot: false, first_name: `U${user}`, username: `user_${user}` },
      text: `hello number ${n}, how is everyone`,
    },
  });
}

async function load(url: string) {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        path: '/telegram/webhook',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        setupRequest: (req) => ({ ...req, body: update() }),
      },
    ],
  });
  if (r.non2xx || r.errors) throw new Error(`${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

/** The api's answers with status 429, from its /metrics (http_requests_total by status). */
async function apiAnswers(apiUrl: string): Promise<{ total: number; refused: number }> {
  const text = await (await fetch(`${apiUrl}/metrics`)).text();
  let total = 0;
  let refused = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('http_requests_total{') || !line.includes('route="/api/v2/')) continue;
    const n = Number(line.slice(line.lastIndexOf(' ') + 1));
    total += n;
    if (line.includes('status="429"')) refused += n;
  }
  return { total, refused };
}

const redis = await startRedis();
const fake = await startFakeTelegram();
const env = { BENCH_TOKEN: fake.token, BENCH_API_ROOT: fake.apiRoot, BENCH_SECRET: SECRET, REDIS_URL: redis.url, BENCH_GROUPS: GROUPS.join(',') };
const full = await startSide('full', env);
const bare = await startSide('bare', env);
let rest: Awaited<ReturnType<typeof startSide>> | undefined;
try {
  // The warm-up runs also register the groups and create the member records.
  const paired = await pairedRounds(
    ROUNDS,
    () => load(bare.url),
    () => load(full.url),
  );
  const { baseline: b, subject: f, ratio } = paired;
  const rows: [string, string, string, string][] = [
    ['updates/s, platform bot', f.rps.toFixed(0), '', ''],
    ['updates/s, bare telegraf (no-op)', b.rps.toFixed(0), '', ''],
    ['ratio platform/bare', ratio.toFixed(2), '>= 0.5', ratio >= 0.5 ? 'ok' : 'MISS'],
    ['  per round', paired.perRound.map((r) => r.toFixed(2)).join(' '), '', ''],
    ['p50 / p99 handling ms, platform', `${f.p50} / ${f.p99}`, '', ''],
    ['p50 / p99 handling ms, bare', `${b.p50} / ${b.p99}`, '', ''],
    ['peak RSS MB, platform bot', peakRssMb(full.child.pid).toFixed(0), '', ''],
    ['peak RSS MB, bare telegraf', peakRssMb(bare.child.pid).toFixed(0), '', ''],
  ];
  // Started only now, so it takes no memory or CPU from the two sides measured above. One
  // cold run: its first seconds hold the burst of group lookups and member records.
  // A refused call fails its update (a non-2xx): count what the api refused either way.
  const apiPort = await freePort();
  rest = await startSide('rest', { ...env, BENCH_API_PORT: String(apiPort) });
  const r = await load(rest.url).catch((err: unknown) => toError(err));
  // The activity recorder flushes every 2 s: let its last flush reach the api first.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  const answers = await apiAnswers(`http://127.0.0.1:${apiPort}`);
  rows.push(
    ['updates/s, platform bot, REST api', r instanceof Error ? `failed: ${r.message}` : r.rps.toFixed(0), '', ''],
    ['api calls from the bot (REST)', String(answers.total), '', ''],
    ['api 429s seen by the bot (REST)', String(answers.refused), '= 0', answers.refused === 0 ? 'ok' : 'MISS'],
  );
  console.log(
    `bot webhook bench: ${CONNECTIONS} connections, median of ${ROUNDS} rounds of bare-bot-bot-bare x ${DURATION_S} s, ${GROUPS.length} groups, ${USERS} members, antiflood + locks on (every side runs under tsx)`,
  );
  for (const [name, value, target, ok] of rows) console.log(`${name.padEnd(36)} ${value.padStart(14)} ${target.padStart(8)} ${ok}`);
} finally {
  full.child.kill('SIGTERM');
  bare.child.kill('SIGTERM');
  rest?.child.kill('SIGTERM');
  await fake.stop();
  await redis.stop();
}
