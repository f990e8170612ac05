import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFerretDB, type MongoServer } from './ferretdb.js';
import { startKube, type KubeControlPlane } from './kube.js';
import { tempDir } from './process.js';
import { startRedis, type RedisServer } from './redis.js';

/**
 * Real servers for tests, started lazily on first use so a run starts only what its
 * suites need, and stopped by the root hook. MONGODB_URI, REDIS_URL or KUBECONFIG in
 * the environment win: then the harness uses that server and never stops it.
 */
export interface TestEnv {
  redis(): Promise<RedisServer>;
  mongo(): Promise<MongoServer>;
  kube(): Promise<Pick<KubeControlPlane, 'kubeconfig'> & Partial<KubeControlPlane>>;
  stopAll(): Promise<void>;
}

type Stoppable = { stop(): Promise<void> };

function external(stopMessage: string): Stoppable & { start(): Promise<void> } {
  const refuse = () => Promise.reject(new Error(stopMessage));
  return { stop: refuse, start: refuse };
}

function createTestEnv(env: NodeJS.ProcessEnv): TestEnv {
  const started: Stoppable[] = [];
  const once = <T extends Stoppable>(start: () => Promise<T>) => {
    let p: Promise<T> | undefined;
    return () =>
      (p ??= start().then((s) => {
        started.push(s);
        return s;
      }));
  };
  const redisFromEnv = env.REDIS_URL;
  const mongoFromEnv = env.MONGODB_URI;
  const kubeFromEnv = env.KUBECONFIG;
  return {
    redis: redisFromEnv
      ? () =>
          Promise.resolve({ url: redisFromEnv, port: Number(new URL(redisFromEnv).port || 6379), ...external('REDIS_URL is external: tests cannot stop it') })
      : once(startRedis),
    mongo: mongoFromEnv ? () => Promise.resolve({ uri: mongoFromEnv, ...external('MONGODB_URI is external: tests cannot stop it') }) : once(startFerretDB),
    kube: kubeFromEnv ? () => Promise.resolve({ kubeconfig: kubeFromEnv }) : once(startKube),
    async stopAll() {
      await Promise.allSettled(
        started
          .splice(0)
          .reverse()
          .map((s) => s.stop()),
      );
    },
  };
}

export const testEnv = createTestEnv(process.env);

/** A unique name per test, so tests never see each other's data. */
let seq = 0;
export function uniqueName(prefix: string): string {
  seq += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${seq}`;
}

/** Writes `content` to a fresh temp file and returns its path. */
export function tempFile(name: string, content: string): string {
  const path = join(tempDir('file'), name);
  writeFileSync(path, content);
  return path;
}
