import { expect } from 'chai';
import { Redis } from 'ioredis';
import { PassThrough } from 'node:stream';
import { testEnv, tempFile, uniqueName } from '../../test/harness/env.js';
import { createLogger } from '../shared/logger.js';
import { createRegistry } from '../shared/metrics.js';
import type { Connection, ServiceName } from './connections.schema.js';
import { connectionsChannel, connectionsHashKey, type PlatformRef } from './connection-keys.js';
import { ConnectionRegistry } from './registry.js';

const defaults: Record<ServiceName, Connection> = {
  api: { method: 'rest', url: 'http://127.0.0.1:8000' },
  bot: { method: 'rest', url: 'http://127.0.0.1:8001' },
  web: { method: 'rest', url: 'http://127.0.0.1:8002' },
};

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function logs() {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (c: Buffer) => lines.push(...c.toString().trim().split('\n')));
  return { logger: createLogger({ service: 'test', format: 'json', stream, level: 'info' }), lines };
}

describe('connect/registry', function () {
  this.timeout(30_000);
  let redis: Redis;
  let url: string;

  before(async () => {
    url = (await testEnv.redis()).url;
    redis = new Redis(url);
  });
  after(() => redis?.quit());

  const platform = (): PlatformRef => ({ prefix: 'botplatform', namespace: 'bots', name: uniqueName('bp') });
  const writeHash = async (p: PlatformRef, services: Partial<Record<ServiceName, Connection>>, hash: string) => {
    const fields: Record<string, string> = { _meta: JSON.stringify({ hash, generation: 1, updatedAt: new Date().toISOString() }) };
    for (const [s, c] of Object.entries(services)) fields[s] = JSON.stringify(c);
    await redis.hset(connectionsHashKey(p), fields);
    await redis.publish(connectionsChannel(p), hash);
  };

  it('when nothing is configured, then every service uses its env default', async () => {
    const reg = new ConnectionRegistry({ logger: logs().logger, metrics: createRegistry(), defaults });
    await reg.start();
    expect(reg.get('api')).to.deep.equal({ method: 'rest', url: 'http://127.0.0.1:8000', source: 'env' });
    await reg.close();
  });

  it('when redis holds the hash, then it wins over the file, and the file over env', async () => {
    const p = platform();
    const file = tempFile(
      'connections.json',
      JSON.stringify({
        platform: 'bots/x',
        generation: 2,
        hash: 'sha256:file',
        services: { api: { method: 'hybrid', url: 'http://file-api:8000' }, bot: { method: 'disabled' } },
      }),
    );
    await redis.hset(connectionsHashKey(p), { api: JSON.stringify({ method: 'disabled' }), _meta: JSON.stringify({ hash: 'sha256:redis', generation: 3 }) });
    const reg = new ConnectionRegistry({ logger: logs().logger, metrics: createRegistry(), defaults, file, redis: { url, platform: p } });
    await reg.start();
    try {
      expect(reg.get('api')).to.include({ method: 'disabled', source: 'redis' });
      expect(reg.get('bot')).to.include({ method: 'disabled', source: 'file' });
      expect(reg.get('web')).to.include({ method: 'rest', source: 'env' });
      expect(reg.snapshot().hash).to.equal('sha256:redis');
    } finally {
      await reg.close();
    }
  });

  it('when a new config is published, then the next lookup sees it within a second and the change is counted', async () => {
    const p = platform();
    const metrics = createRegistry();
    await writeHash(p, { api: { method: 'rest', url: 'http://api:8000' } }, 'sha256:a');
    const reg = new ConnectionRegistry({ logger: logs().logger, metrics, defaults, redis: { url, platform: p } });
    await reg.start();
    try {
      expect(reg.get('api').method).to.equal('rest');
      await writeHash(p, { api: { method: 'hybrid', url: 'http://api:8000' } }, 'sha256:b');
      await until(() => reg.get('api').method === 'hybrid', 1000);
      await writeHash(p, { api: { method: 'disabled' } }, 'sha256:c');
      await until(() => reg.get('api').method === 'disabled', 1000);
      expect(reg.snapshot().hash).to.equal('sha256:c');
      const text = await metrics.metrics();
      expect(text).to.match(/connect_config_changes_total \d+/);
      expect(Number(/connect_config_changes_total (\d+)/.exec(text)?.[1])).to.be.at.least(2);
    } finally {
      await reg.close();
    }
  });

  it('when redis goes down, then the last known config stays in force and one warning says so', async () => {
    const server = await testEnv.redis();
    const p = platform();
    await writeHash(p, { bot: { method: 'hybrid', url: 'http://bot:8001' } }, 'sha256:x');
    const { logger, lines } = logs();
    const reg = new ConnectionRegistry({ logger, metrics: createRegistry(), defaults, redis: { url, platform: p, reconnectMaxDelayMs: 100 } });
    await reg.start();
    try {
      await server.stop();
      await reg.refresh();
      await reg.refresh();
      expect(reg.get('bot')).to.include({ method: 'hybrid', source: 'redis' });
      expect(reg.snapshot().redis).to.equal('down');
      expect(lines.filter((l) => l.includes('redis unavailable'))).to.have.length(1);
    } finally {
      await server.start();
      await reg.close();
    }
  });

  it('when the file is broken, then the last good file read stays and env fills the rest', async () => {
    const file = tempFile('connections.json', '{not json');
    const reg = new ConnectionRegistry({ logger: logs().logger, metrics: createRegistry(), defaults, file });
    await reg.start();
    expect(reg.get('web')).to.include({ method: 'rest', source: 'env' });
    await reg.close();
  });
});
