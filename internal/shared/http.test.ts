import { expect } from 'chai';
import type { Server } from 'node:http';
import { z } from 'zod';
import { AppError } from './errors.js';
import { Health } from './health.js';
import { listen, sendOk, urlOf } from './http.js';
import { silentLogger } from './logger.js';
import { createRegistry } from './metrics.js';
import { RouteTable } from './routes/index.js';
import { createServiceApp } from './service-app.js';

describe('shared/service app: envelope, errors, health, metrics', () => {
  let server: Server;
  let url: string;
  let ready = true;
  const registry = createRegistry();

  before(async () => {
    const health = new Health();
    health.register('store', () => ready);
    const telemetry = { logger: silentLogger(), registry, health };
    const table = new RouteTable();
    const open = { tag: 'test', auth: 'none' as const };
    table.raw({ ...open, method: 'get', path: '/items/:id', operationId: 'getItem', summary: 'an item' }, (req, res) => sendOk(res, { id: req.params.id }));
    table.raw({ ...open, method: 'post', path: '/items', operationId: 'createItem', summary: 'make one', jsonBody: true }, (req, res) => {
      const body = z.object({ name: z.string().min(1) }).safeParse(req.body);
      if (!body.success) throw AppError.validation('name is required', [{ path: 'name', message: 'required' }]);
      sendOk(res, body.data, 201);
    });
    table.raw({ ...open, method: 'get', path: '/boom', operationId: 'boom', summary: 'fails' }, () => {
      throw new Error('database password=hunter2 exploded');
    });
    const app = createServiceApp(telemetry, table, { bodyLimit: '1kb', info: { title: 'test', version: '0', description: 'test', tags: [] } });
    server = await listen(app, 0);
    url = urlOf(server);
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('when a route succeeds, then the body is the success envelope', async () => {
    const res = await fetch(`${url}/items/42`);
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ success: true, data: { id: '42' } });
  });

  it('when an AppError is thrown, then its status and code form the error envelope', async () => {
    const res = await fetch(`${url}/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).to.equal(400);
    expect(await res.json()).to.deep.equal({
      success: false,
      error: { code: 'VALIDATION_FAILED', message: 'name is required', details: [{ path: 'name', message: 'required' }] },
    });
  });

  it('when the body is not JSON or too large, then 400 and 413 with clear codes, not 500', async () => {
    const bad = await fetch(`${url}/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' });
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).to.equal('VALIDATION_FAILED');
    const big = await fetch(`${url}/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(4096) }),
    });
    expect(big.status).to.equal(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).to.equal('PAYLOAD_TOO_LARGE');
  });

  it('when an unexpected error is thrown, then 500 hides its message and it is counted', async () => {
    const res = await fetch(`${url}/boom`);
    expect(res.status).to.equal(500);
    const body = JSON.stringify(await res.json());
    expect(body).to.not.include('hunter2');
    const metrics = await registry.metrics();
    expect(metrics).to.match(/http_unhandled_errors_total\{route="\/boom"\} 1/);
  });

  it('when a route is unknown, then 404 NOT_FOUND in the envelope', async () => {
    const res = await fetch(`${url}/nope`);
    expect(res.status).to.equal(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('NOT_FOUND');
  });

  it('when /metrics is read, then request metrics carry route templates, not raw ids', async () => {
    await fetch(`${url}/items/777`);
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).to.match(/http_requests_total\{method="GET",route="\/items\/:id",status="200"\}/);
    expect(text).to.not.include('/items/777');
    expect(text).to.include('process_cpu_user_seconds_total');
  });

  it('when a readiness check fails, then /readyz is 503 naming it and /healthz stays 200', async () => {
    ready = false;
    const res = await fetch(`${url}/readyz`);
    expect(res.status).to.equal(503);
    expect(await res.json()).to.deep.equal({ status: 'not ready', checks: { store: false } });
    expect((await fetch(`${url}/healthz`)).status).to.equal(200);
    ready = true;
    expect((await fetch(`${url}/readyz`)).status).to.equal(200);
  });
});
