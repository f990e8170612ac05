import { expect } from 'chai';
import mongoose from 'mongoose';
import { testEnv, uniqueName } from '../../../test/harness/env.js';
import type { Store } from '../../domain/store.js';
import { isAppError } from '../../shared/errors.js';
import { silentLogger } from '../../shared/logger.js';
import { defineStoreContract } from '../contract.js';
import { group, log, nextGroupId, userDefaults } from '../contract/fixtures.js';
import { LOG_RETENTION_MS } from '../../domain/audit/audit.schema.js';
import { createMongoStore } from './mongo.store.js';

const logger = silentLogger();

async function freshStore(
  dbName = uniqueName('store').replace(/[^A-Za-z0-9_-]/g, '_'),
  retentionSweepMs = 200,
): Promise<{ store: Store; uri: string; dbName: string }> {
  const { uri } = await testEnv.mongo();
  return { store: await createMongoStore({ uri, dbName, logger, retentionSweepMs }), uri, dbName };
}

defineStoreContract('mongo (FerretDB)', async () => (await freshStore()).store);

describe('mongo store specifics', function () {
  this.timeout(60_000);

  it('when telegram ids are stored, then they are BSON doubles, never Int32', async () => {
    const { store, uri, dbName } = await freshStore();
    const client = new mongoose.mongo.MongoClient(uri);
    try {
      const g = nextGroupId();
      await store.groups.insert(group(g));
      await store.users.upsert(g, 42, {}, userDefaults, new Date());
      await client.connect();
      const raw = await client.db(dbName).collection('users').findOne({ user_id: 42 }, { promoteValues: false });
      expect(raw?.user_id).to.be.instanceOf(mongoose.mongo.Double);
      expect(raw?.group_id).to.be.instanceOf(mongoose.mongo.Double);
    } finally {
      await client.close();
      await store.close();
    }
  });

  it('when the unique indexes are listed, then every key of the data model has one', async () => {
    const { store, uri, dbName } = await freshStore();
    const client = new mongoose.mongo.MongoClient(uri);
    try {
      await client.connect();
      const db = client.db(dbName);
      const unique = async (coll: string) => (await db.collection(coll).indexes()).filter((i) => i.unique).map((i) => Object.keys(i.key).join('+'));
      expect(await unique('groups')).to.deep.equal(['group_id']);
      expect(await unique('users')).to.deep.equal(['group_id+user_id']);
      expect(await unique('roles')).to.deep.equal(['group_id+name']);
      expect(await unique('rules')).to.deep.equal(['group_id+rule_name']);
      expect(await unique('settings')).to.deep.equal(['group_id']);
      expect(await unique('stats')).to.deep.equal(['group_id+day']);
      const logIdx = (await db.collection('logs').indexes()).map((i) => Object.keys(i.key).join('+'));
      expect(logIdx).to.include.members(['group_id+timestamp', 'event_type']);
    } finally {
      await client.close();
      await store.close();
    }
  });

  it('when logs pass 30 days on FerretDB, then the sweeper deletes them from the collection', async () => {
    const { store, uri, dbName } = await freshStore(undefined, 100);
    const client = new mongoose.mongo.MongoClient(uri);
    try {
      const g = nextGroupId();
      const old = log(g, { timestamp: new Date(Date.now() - LOG_RETENTION_MS - 1000) });
      const fresh = log(g, { timestamp: new Date() });
      await store.logs.insert(old);
      await store.logs.insert(fresh);
      await client.connect();
      const coll = client.db(dbName).collection<{ _id: string }>('logs');
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && (await coll.countDocuments({ _id: old.id })) > 0) await new Promise((r) => setTimeout(r, 100));
      expect(await coll.countDocuments({ _id: old.id })).to.equal(0);
      expect(await coll.countDocuments({ _id: fresh.id })).to.equal(1);
    } finally {
      await client.close();
      await store.close();
    }
  });

  it('when the server is unreachable at start, then createMongoStore rejects with DEPENDENCY_UNAVAILABLE', async () => {
    const err = await createMongoStore({ uri: 'mongodb://127.0.0.1:1/', dbName: 'x', logger, serverSelectionTimeoutMS: 500 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAppError(err) && err.code).to.equal('DEPENDENCY_UNAVAILABLE');
  });

  // Last: it stops the shared FerretDB, and restarts it whatever happens.
  it('when the database stops, then operations fail fast with DEPENDENCY_UNAVAILABLE, and work again once it is back', async () => {
    const server = await testEnv.mongo();
    const { store } = await freshStore();
    const g = nextGroupId();
    try {
      await store.groups.insert(group(g));
      await server.stop();
      // Failing fast is bounded by this suite's timeout, not timed here (no timing assertions).
      const results = await Promise.allSettled([
        store.groups.get(g),
        store.groups.insert(group(nextGroupId())),
        store.stats.inc(g, '2026-01-01', { messages: 1 }),
      ]);
      for (const r of results) {
        expect(r.status).to.equal('rejected');
        if (r.status === 'rejected') expect(isAppError(r.reason) && r.reason.code, String(r.reason)).to.equal('DEPENDENCY_UNAVAILABLE');
      }
      expect(await store.ping()).to.equal(false);
    } finally {
      await server.start();
    }
    try {
      let back = false;
      const deadline = Date.now() + 20_000;
      while (!back && Date.now() < deadline) {
        back = await store.groups.get(g).then(
          (x) => x?.group_id === g,
          () => false,
        );
        if (!back) await new Promise((r) => setTimeout(r, 200));
      }
      expect(back, 'store did not recover').to.equal(true);
      expect(await store.ping()).to.equal(true);
    } finally {
      await store.close();
    }
  });
});
