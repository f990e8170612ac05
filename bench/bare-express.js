// The baseline of bench/api.ts: a bare Express app answering the same JSON body the
// api's cached GET returns, with no auth, validation, metrics or cache in front.
import express from 'express';

const body = process.env.BARE_BODY ?? '{}';
const app = express();
app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
app.get('/bare', (_req, res) => res.type('application/json').send(body));
app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
