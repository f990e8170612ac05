// The web side of bench/web.ts, as its own process so its RSS is its own: web with the api
// in-process on the memory store (router), sign-in and live events, one seeded group, and a
// control port that records an action (an audit entry, so a live event) on request.
import express from 'express';
import { ALL_ROUTER, connect } from '../../internal/connect/connections.js';
import { auditEvent } from '../../internal/domain/audit/audit-event.js';
import { createServices } from '../../internal/domain/index.js';
import { parseApiKeys } from '../../internal/shared/auth/index.js';
import { MemoryGroupEventBus } from '../../internal/shared/events/group-events.js';
import { createRegistry, Health, listen, silentLogger, urlOf } from '../../internal/shared/index.js';
import { createMemoryStore } from '../../internal/store/memory/memory.store.js';
import { createWebApp } from '../../internal/web/app.js';
import { MemorySessionStore, Sessions } from '../../internal/web/auth/index.js';
import { LiveEvents } from '../../internal/web/live/index.js';

const BOT_TOKEN = process.env.BENCH_BOT_TOKEN ?? '';
const JWT_SECRET = 'bench-jwt-secret-0123456789abcdef0123';
const GROUP = Number(process.env.BENCH_GROUP);
const OWNER = Number(process.env.BENCH_OWNER);

const logger = silentLogger();
const registry = createRegistry();
const events = new MemoryGroupEventBus();
const services = createServices(createMemoryStore(), { onAudit: (e) => events.publish(auditEvent(e)) });
await services.groups.create({ group_id: GROUP, name: 'Bench group' });
await services.users.upsert(GROUP, OWNER, { role: 'owner', first_name: 'Owner' });
for (let i = 0; i < 200; i++) await services.users.upsert(GROUP, 100_000 + i, { first_name: `Member ${i}` });
await services.stats.recordActivity(GROUP, { messages: 1200, joins: 40, leaves: 12 });

const connections = await connect({ logger, metrics: registry, defaults: ALL_ROUTER, apiKey: '', caller: 'web', localApi: services });
const sessions = new Sessions(new MemorySessionStore(), JWT_SECRET);
const app = createWebApp({
  telemetry: { logger, registry, health: new Health() },
  connections,
  auth: { keys: parseApiKeys('admin:bench-admin-key-000000000'), jwtSecret: JWT_SECRET },
  signIn: { botToken: BOT_TOKEN, sessions, maxAgeS: 3600 },
});
const server = await listen(app, 0);
// The bench's 1,000 clients are one signed-in person: the per-person cap (20) would refuse them.
new LiveEvents({ sessions, events, api: connections.api, apiAs: (p) => connections.apiAs(p), logger, metrics: registry, maxSocketsPerPerson: 10_000 }).attach(
  server,
);

// The control port: POST /emit records one action and answers when it is written.
const control = express();
let n = 0;
control.post('/emit', (_req, res) => {
  services.actions.create(GROUP, { user_id: 100_000 + (n++ % 200), action_type: 'warn', reason: 'bench' }, { actor_id: OWNER }).then(
    () => res.json({ ok: true }),
    (err: unknown) => res.status(500).json({ error: String(err) }),
  );
});
const controlServer = await listen(control, 0);
process.stdout.write(`${JSON.stringify({ url: urlOf(server), control: urlOf(controlServer) })}\n`);
process.on('SIGTERM', () => process.exit(0));
