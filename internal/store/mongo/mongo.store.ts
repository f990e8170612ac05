import mongoose from 'mongoose';
import type { Store } from '../../domain/store.js';
import type { Logger } from '../../shared/logger.js';
import { mongoActions } from './actions.mongo.js';
import { mapMongoError } from './errors.js';
import { mongoGroups } from './groups.mongo.js';
import { syncIndexes } from './indexes.js';
import { mongoLogs } from './logs.mongo.js';
import { createModels } from './models.js';
import { startRetentionSweeper } from '../retention.js';
import { mongoRoles } from './roles.mongo.js';
import { mongoRules } from './rules.mongo.js';
import { mongoSettings } from './settings.mongo.js';
import { mongoStats } from './stats.mongo.js';
import { mongoUsers } from './users.mongo.js';

export interface MongoStoreOptions {
  uri: string;
  dbName: string;
  logger: Logger;
  /** How often expired logs are swept (default 10 min). */
  retentionSweepMs?: number;
  /** How long an operation waits for a reachable server before DEPENDENCY_UNAVAILABLE (default 2 s). */
  serverSelectionTimeoutMS?: number;
}

/**
 * Connects, creates the indexes and starts log retention. Commands are never buffered
 * and server selection gives up after ~2 s, so while the database is down callers get
 * DEPENDENCY_UNAVAILABLE quickly; the driver's monitor reconnects when it is back.
 */
export async function createMongoStore(opts: MongoStoreOptions): Promise<Store> {
  const conn = mongoose.createConnection(opts.uri, {
    dbName: opts.dbName,
    bufferCommands: false,
    autoIndex: false,
    autoCreate: false,
    serverSelectionTimeoutMS: opts.serverSelectionTimeoutMS ?? 2000,
    connectTimeoutMS: 2000,
    heartbeatFrequencyMS: 1000,
  });
  try {
    await conn.asPromise();
    const models = createModels(conn);
    const report = await syncIndexes(models, opts.logger);
    opts.logger.debug('mongo indexes ready', report);

    const logs = mongoLogs(models.logs);
    const sweeper = startRetentionSweeper(logs, opts.logger, opts.retentionSweepMs ?? 10 * 60_000);
    return {
      groups: mongoGroups(models.groups),
      users: mongoUsers(models.users),
      roles: mongoRoles(models.roles),
      rules: mongoRules(models.rules),
      settings: mongoSettings(models.settings),
      actions: mongoActions(models.actions),
      logs,
      stats: mongoStats(models.stats),
      async ping() {
        try {
          const db = conn.db;
          if (!db) return false;
          const res = await db.admin().command({ ping: 1 });
          return res.ok === 1;
        } catch {
          return false;
        }
      },
      async close() {
        sweeper.stop();
        await conn.close();
      },
    };
  } catch (err) {
    await conn.close().catch(() => undefined);
    throw mapMongoError(err, 'database');
  }
}
