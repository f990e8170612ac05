import { expect } from 'chai';
import type { Redis } from 'ioredis';
import { CONNECTIONS_META_FIELD, connectionsChannel, connectionsHashKey, healthKey, type PlatformRef } from '../../internal/connect/connection-keys.js';
import type { Connection } from '../../internal/connect/connections.schema.js';
import { uniqueName } from '../harness/env.js';
import { within } from '../harness/process.js';
import { startService, type ServiceProcess } from './service-process.js';

// DESIGN.md section 5 wants a switch live within a second; that is a latency goal, not
// something to time here (a loaded machine would fail it). This only bounds a hang.
export const SWITCH_MS = 10_000;

export const ADMIN_KEY = 'admin-key-for-connect-tests-000';
export const WEB_KEY = 'web-key-for-connect-tests-00000';

export interface ApiWithGroup {
  api: ServiceProcess;
  platform: PlatformRef;
  groupId: number;
  /** The env both services of the platform share: its Redis names, database and keys; not MONGODB_URI. */
  env: Record<string, string>;
}

/** An api process of a fresh platform, holding one group, once its health key is in Redis. */
export async function startApiWithGroup(o: { redis: Redis; redisUrl: string; mongoUri: string; groupName: string }): Promise<ApiWithGroup> {
  const platform = { prefix: 'botplatform', namespace: 'bots', name: uniqueName('cn') };
  const env = {
    MONGODB_DB: platform.name.replace(/-/g, '_'),
    REDIS_URL: o.redisUrl,
    REDIS_KEY_PREFIX: platform.prefix,
    BOTPLATFORM_NAMESPACE: platform.namespace,
    BOTPLATFORM_NAME: platform.name,
    API_KEYS: `admin:${ADMIN_KEY},web:${WEB_KEY}`,
  };
  const api = await startService('api', { ...env, MONGODB_URI: o.mongoUri });
  const groupId = -1005000000000 - Math.floor(Math.random() * 1e6);
  const created = await fetch(`${api.url}/api/v2/groups`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ group_id: groupId, name: o.groupName }),
  });
  expect(created.status).to.equal(201);
  await within(5000, async () => (await o.redis.exists(healthKey(platform, 'api'))) === 1);
  return { api, platform, groupId, env };
}

/** Writes the api's connection as the operator does (hash, then the change message). */
export async function publishApiConnection(redis: Redis, platform: PlatformRef, connection: Connection): Promise<void> {
  const hash = `sha256:${connection.method}-${Date.now()}`;
  await redis.hset(connectionsHashKey(platform), { api: JSON.stringify(connection), [CONNECTIONS_META_FIELD]: JSON.stringify({ hash, generation: 1 }) });
  await redis.publish(connectionsChannel(platform), hash);
}

export interface WebGroupAnswer {
  status: number;
  body: { success: boolean; data?: { name: string }; error?: { code: string; message: string } };
}

/** The group as web serves it to the admin key. */
export async function webGroup(web: ServiceProcess | undefined, groupId: number): Promise<WebGroupAnswer> {
  const res = await fetch(`${web?.url}/web/v1/groups/${groupId}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  return { status: res.status, body: (await res.json()) as WebGroupAnswer['body'] };
}
