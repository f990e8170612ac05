import { expect } from 'chai';
import { isGroupEvent } from './group-events.js';

describe('shared: group events off the wire', () => {
  it('when a message is an audit entry or a stats tick, then it is one of ours', () => {
    expect(isGroupEvent({ id: '01J', group_id: -1, type: 'audit', entry: { event_type: 'action.warn' } })).to.equal(true);
    expect(isGroupEvent({ group_id: -1, type: 'stats', counters: { messages: 1, joins: 0, leaves: 0 } })).to.equal(true);
  });

  it('when another writer puts something else on the channel, then listeners never see it', () => {
    for (const junk of [
      null,
      42,
      'x',
      [],
      { type: 'audit', group_id: -1 },
      { type: 'audit', id: '1', group_id: '-1', entry: {} },
      { type: 'stats', group_id: -1 },
      { type: 'other', group_id: -1 },
    ]) {
      expect(isGroupEvent(junk), JSON.stringify(junk)).to.equal(false);
    }
  });
});
