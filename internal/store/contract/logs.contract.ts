import { expect } from 'chai';
import { LOG_RETENTION_MS } from '../../domain/audit/audit.schema.js';
import type { Store } from '../../domain/store.js';
import { drain, log, nextGroupId, waitFor } from './fixtures.js';

export function logsContract(store: () => Store): void {
  describe('logs', () => {
    it('when logs are listed with filters across pages, then they come newest first, once each', async () => {
      const g = nextGroupId();
      const base = Date.now() - 60_000;
      const all = Array.from({ length: 13 }, (_, i) =>
        log(g, {
          event_type: i % 2 ? 'user.updated' : 'group.updated',
          timestamp: new Date(base + Math.floor(i / 2) * 1000),
          actor_id: 4_503_599_627_370_495,
          data: { i },
        }),
      );
      for (const e of all) await store().logs.insert(e);
      const got = await drain((cursor) => store().logs.list(g, {}, { limit: 4, cursor }));
      expect(got.items.map((e) => e.id)).to.deep.equal(
        [...all].sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime() || (a.id < b.id ? 1 : -1)).map((e) => e.id),
      );
      expect(got.items[0]).to.deep.equal(all.find((e) => e.id === got.items[0]?.id));
      const users = await drain((cursor) => store().logs.list(g, { event_type: 'user.updated' }, { limit: 4, cursor }));
      expect(users.items).to.have.length(6);
      const since = await store().logs.list(g, { since: new Date(base + 5000) }, { limit: 100 });
      expect(since.items.map((e) => e.id).sort()).to.deep.equal(
        all
          .filter((e) => e.timestamp.getTime() >= base + 5000)
          .map((e) => e.id)
          .sort(),
      );
    });

    it('when logs are filtered by actor, member and a date range together, then only the entries matching all of them come back', async () => {
      const g = nextGroupId();
      const base = Date.now() - 60_000;
      const entries = [
        log(g, { event_type: 'action.ban', actor_id: 11, data: { user_id: 21 }, timestamp: new Date(base) }),
        log(g, { event_type: 'action.ban', actor_id: 11, data: { user_id: 22 }, timestamp: new Date(base + 1000) }),
        log(g, { event_type: 'action.warn', actor_id: 12, data: { user_id: 21 }, timestamp: new Date(base + 2000) }),
        log(g, { event_type: 'action.warn', actor_id: 11, data: { user_id: 21 }, timestamp: new Date(base + 3000) }),
        log(g, { event_type: 'settings.updated', actor_id: 11, data: {}, timestamp: new Date(base + 4000) }),
      ];
      for (const e of entries) await store().logs.insert(e);
      const ids = async (filter: Parameters<Store['logs']['list']>[1]) => (await store().logs.list(g, filter, { limit: 100 })).items.map((e) => e.id);
      const id = (i: number) => entries[i]?.id;
      expect(await ids({ actor_id: 11 })).to.deep.equal([id(4), id(3), id(1), id(0)]);
      expect(await ids({ user_id: 21 })).to.deep.equal([id(3), id(2), id(0)]);
      expect(await ids({ actor_id: 11, user_id: 21 })).to.deep.equal([id(3), id(0)]);
      // since is inclusive and until exclusive, so consecutive ranges never count an entry twice.
      expect(await ids({ since: new Date(base + 1000), until: new Date(base + 3000) })).to.deep.equal([id(2), id(1)]);
      expect(await ids({ user_id: 21, event_type: 'action.warn', until: new Date(base + 3000) })).to.deep.equal([id(2)]);
    });

    it('when a log entry is older than 30 days, then retention removes it and keeps newer ones', async () => {
      const g = nextGroupId();
      const old = log(g, { timestamp: new Date(Date.now() - LOG_RETENTION_MS - 60_000) });
      const fresh = log(g, { timestamp: new Date(Date.now() - LOG_RETENTION_MS + 3_600_000) });
      await store().logs.insert(old);
      await store().logs.insert(fresh);
      const gone = await waitFor(async () => {
        const page = await store().logs.list(g, {}, { limit: 10 });
        return page.items.length === 1;
      }, 5000);
      expect(gone, 'old entry still listed after 5 s').to.equal(true);
      expect((await store().logs.list(g, {}, { limit: 10 })).items.map((e) => e.id)).to.deep.equal([fresh.id]);
    });

    it('when deleteOlderThan runs, then it answers how many went', async () => {
      const g = nextGroupId();
      await store().logs.insert(log(g, { timestamp: new Date(Date.now() - 10_000) }));
      await store().logs.insert(log(g, { timestamp: new Date(Date.now() - 20_000) }));
      await store().logs.insert(log(g, { timestamp: new Date() }));
      expect(await store().logs.deleteOlderThan(new Date(Date.now() - 5_000))).to.be.at.least(2);
      expect((await store().logs.list(g, {}, { limit: 10 })).items).to.have.length(1);
    });
  });
}
