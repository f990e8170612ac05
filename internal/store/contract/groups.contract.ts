import { expect } from 'chai';
import type { Store } from '../../domain/store.js';
import { at, drain, expectAppError, group, nextGroupId } from './fixtures.js';
import { MEMBER_COUNT_MAX } from '../../domain/groups/groups.schema.js';

export function groupsContract(store: () => Store): void {
  describe('groups', () => {
    it('when a group is inserted, then get returns it with its 52-bit id intact', async () => {
      const id = -1_001_234_567_890 - Math.floor(Math.random() * 1000);
      await store().groups.insert(group(id, { name: 'My Group' }));
      const got = await store().groups.get(id);
      expect(got).to.deep.equal(group(id, { name: 'My Group' }));
    });

    it('when the same group_id is inserted twice, then the second is a CONFLICT and the first stays', async () => {
      const id = nextGroupId();
      await store().groups.insert(group(id, { name: 'first' }));
      await expectAppError(store().groups.insert(group(id, { name: 'second' })), 'CONFLICT');
      expect((await store().groups.get(id))?.name).to.equal('first');
    });

    it('when a returned group is mutated, then the stored one is unchanged', async () => {
      const id = nextGroupId();
      await store().groups.insert(group(id));
      const got = await store().groups.get(id);
      if (got) got.name = 'tampered';
      expect((await store().groups.get(id))?.name).to.equal(`group ${id}`);
    });

    it('when a group is updated, then the change is stored and a missing group answers null', async () => {
      const id = nextGroupId();
      await store().groups.insert(group(id));
      const updated = await store().groups.update(id, { name: 'renamed', updated_at: at(5) });
      expect(updated?.name).to.equal('renamed');
      expect((await store().groups.get(id))?.updated_at.getTime()).to.equal(at(5).getTime());
      expect(await store().groups.update(nextGroupId(), { name: 'x' })).to.equal(null);
    });

    it('when member_count is adjusted up and down concurrently, then every adjustment counts', async () => {
      const id = nextGroupId();
      await store().groups.insert(group(id, { member_count: 10, admin_count: 2 }));
      await Promise.all(Array.from({ length: 30 }, (_, i) => store().groups.adjustMemberCount(id, i % 3 === 0 ? -1 : 1, at(7))));
      const got = await store().groups.get(id);
      expect(got).to.deep.include({ member_count: 20, admin_count: 2 });
      expect(got?.updated_at.getTime()).to.equal(at(7).getTime());
    });

    it('when joins would push member_count past the schema bound, then it stops there, so every read still fits the schema', async () => {
      const id = nextGroupId();
      await store().groups.insert(group(id, { member_count: MEMBER_COUNT_MAX - 10 }));
      expect((await store().groups.adjustMemberCount(id, 1_000_000, at(1)))?.member_count).to.equal(MEMBER_COUNT_MAX);
      expect((await store().groups.adjustMemberCount(id, 1, at(2)))?.member_count).to.equal(MEMBER_COUNT_MAX);
      expect((await store().groups.adjustMemberCount(id, -3, at(3)))?.member_count).to.equal(MEMBER_COUNT_MAX - 3);
      expect((await store().groups.get(id))?.member_count).to.equal(MEMBER_COUNT_MAX - 3);
    });

    it('when member_count would go below 0, then it stops at 0, and a missing group answers null', async () => {
      const id = nextGroupId();
      await store().groups.insert(group(id, { member_count: 3 }));
      expect((await store().groups.adjustMemberCount(id, -5, at(1)))?.member_count).to.equal(0);
      expect((await store().groups.adjustMemberCount(id, -1, at(2)))?.member_count).to.equal(0);
      expect((await store().groups.adjustMemberCount(id, 2, at(3)))?.member_count).to.equal(2);
      expect((await store().groups.get(id))?.member_count).to.equal(2);
      expect(await store().groups.adjustMemberCount(nextGroupId(), 1, at(4))).to.equal(null);
      expect(await store().groups.adjustMemberCount(nextGroupId(), -1, at(4))).to.equal(null);
    });

    it('when a group is deleted, then it is gone and a second delete answers false', async () => {
      const id = nextGroupId();
      await store().groups.insert(group(id));
      const keep = nextGroupId();
      await store().groups.insert(group(keep));
      await store().groups.list({}, { limit: 10 });
      expect(await store().groups.delete(id)).to.equal(true);
      expect(await store().groups.get(id)).to.equal(null);
      expect((await store().groups.list({}, { limit: 10 })).items.map((g) => g.group_id)).to.deep.equal([keep]);
      expect(await store().groups.delete(id)).to.equal(false);
    });

    it('when groups are listed in pages, then every group comes once, newest first', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 23; i += 1) {
        const id = nextGroupId();
        ids.push(id);
        // Pairs share a created_at so the group_id tie-break is exercised.
        await store().groups.insert(group(id, { created_at: at(Math.floor(i / 2)) }));
      }
      const { items, pages } = await drain((cursor) => store().groups.list({}, { limit: 5, cursor }));
      expect(pages).to.equal(5);
      const got = items.map((g) => g.group_id);
      expect(new Set(got).size).to.equal(23);
      const expected = items
        .slice()
        .sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || b.group_id - a.group_id)
        .map((g) => g.group_id);
      expect(got).to.deep.equal(expected);
      expect([...got].sort()).to.deep.equal([...ids].sort());
    });

    it('when groups are filtered by active and q, then only matching names come back, case-insensitively', async () => {
      const a = nextGroupId();
      const b = nextGroupId();
      const c = nextGroupId();
      await store().groups.insert(group(a, { name: 'Crypto Traders' }));
      await store().groups.insert(group(b, { name: 'crypto news', is_active: false }));
      await store().groups.insert(group(c, { name: 'Cooking (regex chars .*)' }));
      const q = await store().groups.list({ q: 'CRYPTO' }, { limit: 10 });
      expect(q.items.map((g) => g.group_id).sort()).to.deep.equal([a, b].sort());
      const active = await store().groups.list({ q: 'crypto', active: true }, { limit: 10 });
      expect(active.items.map((g) => g.group_id)).to.deep.equal([a]);
      const special = await store().groups.list({ q: '(regex chars .*' }, { limit: 10 });
      expect(special.items.map((g) => g.group_id)).to.deep.equal([c]);
    });

    it('when a cursor is not one the store issued, then the list is a VALIDATION_FAILED', async () => {
      await expectAppError(store().groups.list({}, { limit: 5, cursor: 'bm90LWEtY3Vyc29y' }), 'VALIDATION_FAILED');
      await expectAppError(store().groups.list({}, { limit: 5, cursor: Buffer.from('["x",1]').toString('base64url') }), 'VALIDATION_FAILED');
    });
  });
}
