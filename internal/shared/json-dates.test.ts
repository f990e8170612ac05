import { expect } from 'chai';
import { reviveDates } from './json-dates.js';

describe('shared/json-dates', () => {
  it('when an entity crossed JSON, then its _at and timestamp fields are Dates again, at any depth', () => {
    const sent = { created_at: new Date('2026-01-02T03:04:05.678Z'), log: [{ timestamp: new Date('2026-01-03T00:00:00Z') }], expires_at: null };
    const back = reviveDates(JSON.parse(JSON.stringify(sent)) as typeof sent);
    expect(back).to.deep.equal(sent);
    expect(back.created_at).to.be.instanceOf(Date);
    expect(back.log[0]?.timestamp).to.be.instanceOf(Date);
  });

  it('when a date-named field holds text that is not an ISO date-time, then it stays a string', () => {
    const back = reviveDates({ joined_at: 'yesterday', note_at: '2026-01-02', reason: '2026-01-02T03:04:05Z' });
    expect(back).to.deep.equal({ joined_at: 'yesterday', note_at: '2026-01-02', reason: '2026-01-02T03:04:05Z' });
  });

  it('when a part holds no date field, then it is returned as it is, not copied', () => {
    const settings = Object.freeze({ antiflood: Object.freeze({ limit: 5 }), locks: Object.freeze(['url']) });
    const value = { updated_at: '2026-01-02T03:04:05.000Z', settings };
    const back = reviveDates(value);
    expect(back).to.not.equal(value);
    expect(back.settings).to.equal(settings);
    expect(reviveDates(settings)).to.equal(settings);
  });
});
