import { expect } from 'chai';
import type { Store } from '../domain/store.js';
import { activityContract } from './contract/activity.contract.js';
import { configContract } from './contract/config.contract.js';
import type { StoreFactory } from './contract/fixtures.js';
import { groupsContract } from './contract/groups.contract.js';
import { logsContract } from './contract/logs.contract.js';
import { usersContract } from './contract/users.contract.js';

export type { StoreFactory } from './contract/fixtures.js';

/**
 * The one contract every Store backend must meet: unique keys as CONFLICT, sort orders,
 * keyset cursors, filters, $inc counters, moves and log retention. Each test gets a
 * fresh store from `factory` (the mongo run: a fresh database).
 */
export function defineStoreContract(name: string, factory: StoreFactory): void {
  describe(`store contract: ${name}`, function () {
    let current: Store | undefined;
    const store = (): Store => {
      if (!current) throw new Error('store not created');
      return current;
    };

    beforeEach(async () => {
      current = await factory();
    });
    afterEach(async () => {
      await current?.close();
      current = undefined;
    });

    it('when the store is up, then ping answers true', async () => {
      expect(await store().ping()).to.equal(true);
    });

    groupsContract(store);
    usersContract(store);
    configContract(store);
    activityContract(store);
    logsContract(store);
  });
}
