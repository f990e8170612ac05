// The clients of bench/web.ts's live-update figure, in a process of their own: BENCH_CLIENTS
// WebSockets subscribed to one group. Prints `ready` once all are subscribed, then one line per
// event received: the event id and the receive time (ms, this machine's clock, as the driver's).
import { WebSocket } from 'ws';

const url = process.env.BENCH_WS_URL ?? '';
const cookie = process.env.BENCH_COOKIE ?? '';
const origin = process.env.BENCH_ORIGIN ?? '';
const group = Number(process.env.BENCH_GROUP);
const count = Number(process.env.BENCH_CLIENTS ?? 100);

const sockets: WebSocket[] = [];
let subscribed = 0;
const out: string[] = [];
const flush = () => {
  if (out.length) process.stdout.write(out.splice(0).join(''));
};
setInterval(flush, 50).unref();

for (let i = 0; i < count; i++) {
  const ws = new WebSocket(url, { headers: { cookie, origin } });
  sockets.push(ws);
  ws.on('open', () => ws.send(JSON.stringify({ type: 'subscribe', group_id: group })));
  ws.on('message', (raw: Buffer) => {
    const at = Date.now();
    const msg = JSON.parse(raw.toString()) as { type: string; event?: { id: string } };
    if (msg.type === 'subscribed' && ++subscribed === count) process.stdout.write('ready\n');
    if (msg.type === 'event' && msg.event) out.push(`${msg.event.id} ${at}\n`);
  });
  ws.on('error', (err) => process.stderr.write(`client ${i}: ${err.message}\n`));
  // Opening 1,000 sockets at once is a storm the bench does not measure: a few at a time.
  if (i % 50 === 49) await new Promise((r) => setTimeout(r, 20));
}
process.on('SIGTERM', () => {
  flush();
  for (const ws of sockets) ws.terminate();
  process.exit(0);
});
