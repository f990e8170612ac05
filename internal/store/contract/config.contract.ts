import { expect } from 'chai';
import type { Store } from '../../domain/store.js';
import { at, drain, expectAppError, nextGroupId, role, rule, settings } from './fixtures.js';

export function configContract(store: () => Store): void {
  describe('roles', () => {
    it('when roles are inserted, then they list by priority then name, and a duplicate name is a CONFLICT', async () => {
      const g = nextGroupId();
      await store().roles.insertMany([
        role(g, 'member'),
        role(g, 'owner', { priority: 100, permissions: ['ban'] }),
        role(g, 'helper', { priority: 50 }),
        role(g, 'aide', { priority: 50 }),
      ]);
      await expectAppError(store().roles.insertMany([role(g, 'owner')]), 'CONFLICT');
      const { items } = await drain((cursor) => store().roles.list(g, { limit: 3, cursor }));
      expect(items.map((r) => r.name)).to.deep.equal(['owner', 'aide', 'helper', 'member']);
      expect((await store().roles.get(g, 'owner'))?.permissions).to.deep.equal(['ban']);
    });

    it('when a role is updated or deleted, then the store reflects it', async () => {
      const g = nextGroupId();
      await store().roles.insertMany([role(g, 'helper')]);
      expect((await store().roles.update(g, 'helper', { permissions: ['warn'], updated_at: at(1) }))?.permissions).to.deep.equal(['warn']);
      expect((await store().roles.get(g, 'helper'))?.permissions).to.deep.equal(['warn']);
      expect(await store().roles.update(g, 'nobody', { priority: 1 })).to.equal(null);
      expect(await store().roles.delete(g, 'helper')).to.equal(true);
      expect(await store().roles.get(g, 'helper')).to.equal(null);
      expect(await store().roles.delete(g, 'helper')).to.equal(false);
    });
  });

  describe('rules', () => {
    it('when rules are inserted, then a duplicate name is a CONFLICT and they page by priority', async () => {
      const g = nextGroupId();
      for (let i = 0; i < 12; i += 1) await store().rules.insert(rule(g, `r${String(i).padStart(2, '0')}`, { priority: i % 4 }));
      await expectAppError(store().rules.insert(rule(g, 'r00')), 'CONFLICT');
      const { items, pages } = await drain((cursor) => store().rules.list(g, { limit: 5, cursor }));
      expect(pages).to.equal(3);
      const names = items.map((r) => r.rule_name);
      expect(new Set(names).size).to.equal(12);
      expect(items.map((r) => r.priority)).to.deep.equal([...items.map((r) => r.priority)].sort((a, b) => b - a));
    });

    it('when a rule with a trigger is stored and updated, then it reads back the same', async () => {
      const g = nextGroupId();
      await store().rules.insert(rule(g, 'links', { penalty: 'mute', penalty_duration: 3600, trigger: { type: 'link', pattern: '' } }));
      await store().rules.update(g, 'links', { is_active: false, updated_at: at(2) });
      expect(await store().rules.get(g, 'links')).to.deep.include({
        is_active: false,
        penalty: 'mute',
        penalty_duration: 3600,
        trigger: { type: 'link', pattern: '' },
      });
      expect(await store().rules.delete(g, 'links')).to.equal(true);
      expect(await store().rules.get(g, 'links')).to.equal(null);
    });
  });

  describe('settings', () => {
    it('when settings are put twice, then the second replaces the first whole', async () => {
      const g = nextGroupId();
      await store().settings.put(settings(g, { warn_limit: 5, custom_settings: { a: 1 } }));
      await store().settings.put(settings(g, { warn_limit: 2, antiflood: { enabled: true, limit: 5, window_s: 3, action: 'ban' } }));
      const s = await store().settings.get(g);
      expect(s).to.deep.equal(settings(g, { warn_limit: 2, antiflood: { enabled: true, limit: 5, window_s: 3, action: 'ban' } }));
      expect(await store().settings.get(nextGroupId())).to.equal(null);
    });

    it('when settings are replaced only if unchanged, then the version read wins once and a stale one changes nothing', async () => {
      const g = nextGroupId();
      await store().settings.put(settings(g, { warn_limit: 3, updated_at: at(1) }));
      expect(await store().settings.replaceIf(settings(g, { warn_limit: 4, updated_at: at(2) }), at(1))).to.equal(true);
      expect(await store().settings.replaceIf(settings(g, { warn_limit: 9, updated_at: at(3) }), at(1))).to.equal(false);
      expect(await store().settings.get(g)).to.deep.include({ warn_limit: 4 });
      expect(await store().settings.replaceIf(settings(nextGroupId(), { updated_at: at(3) }), at(1)), 'no settings yet').to.equal(false);
    });

    it('when settings move to a new group id, then the old id has none', async () => {
      const from = nextGroupId();
      const to = nextGroupId();
      await store().settings.put(settings(from, { warn_limit: 7 }));
      await store().settings.moveGroup(from, to);
      expect(await store().settings.get(from)).to.equal(null);
      expect(await store().settings.get(to)).to.deep.include({ group_id: to, warn_limit: 7 });
    });
  });
}
