import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { binPath } from './bins.js';
import { freePort, startProcess, tempDir, waitUntil, type ManagedProcess } from './process.js';

export interface MongoServer {
  /** Connection string without a database; tests pick their own database names. */
  readonly uri: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** FerretDB v1 (MongoDB wire protocol) on SQLite in a temp dir, on a free loopback port. */
export async function startFerretDB(): Promise<MongoServer> {
  const port = await freePort();
  const dir = tempDir('ferretdb');
  const data = join(dir, 'data');
  mkdirSync(data);
  let proc: ManagedProcess | undefined;
  const server: MongoServer = {
    uri: `mongodb://127.0.0.1:${port}/`,
    async start() {
      proc = startProcess('ferretdb', binPath('ferretdb'), [
        '--handler=sqlite',
        `--sqlite-url=file:${data}/`,
        `--listen-addr=127.0.0.1:${port}`,
        `--state-dir=${dir}`,
        '--telemetry=disable',
        '--debug-addr=-',
        '--log-level=warn',
      ]);
      const p = proc;
      await waitUntil(p, () => ping(server.uri), 30_000);
    },
    async stop() {
      await proc?.stop();
      proc = undefined;
    },
  };
  await server.start();
  return server;
}

async function ping(uri: string): Promise<boolean> {
  const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
  try {
    await client.connect();
    const res = await client.db('admin').command({ ping: 1 });
    return res.ok === 1;
  } finally {
    await client.close();
  }
}
