import { Redis } from 'ioredis';
import { freePort, startProcess, tempDir, waitUntil, type ManagedProcess } from './process.js';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Stops the server (to test outages); `start` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** A real Debian redis-server on a free loopback port, no persistence. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const dir = tempDir('redis');
  let proc: ManagedProcess | undefined;
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      proc = startProcess('redis-server', 'redis-server', [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'no',
        '--protected-mode',
        'yes',
      ]);
      const p = proc;
      await waitUntil(p, () => ping(port), 15_000);
    },
    async stop() {
      await proc?.stop();
      proc = undefined;
    },
  };
  await server.start();
  return server;
}

async function ping(port: number): Promise<boolean> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined); // refused while starting: the probe just answers false
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } finally {
    client.disconnect();
  }
}
