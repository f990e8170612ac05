import { expect } from 'chai';
import { actionsInPeriod, fillDays, messagesByLocalHour, type DayStats } from '../../internal/web/ui/src/stats-math.js';

const day = (d: string, over: Partial<DayStats> = {}): DayStats => ({
  day: d,
  messages: 0,
  joins: 0,
  leaves: 0,
  actions_by_type: {},
  messages_by_hour: {},
  ...over,
});

describe("dashboard: the overview's numbers", () => {
  it('when the api counts messages by UTC hour, then the viewer sees them in their own hours, every message once', () => {
    const days = [day('2026-12-03', { messages: 5, messages_by_hour: { '23': 3, '0': 2 } }), day('2026-12-04', { messages: 1, messages_by_hour: { '23': 1 } })];
    // UTC+3 (getTimezoneOffset -180): 23 UTC is 02 local, 0 UTC is 03 local.
    const moscow = messagesByLocalHour(days, -180);
    expect(moscow[2]).to.equal(4);
    expect(moscow[3]).to.equal(2);
    // UTC-5 (offset 300): 23 UTC is 18 local, 0 UTC wraps back to 19.
    const newYork = messagesByLocalHour(days, 300);
    expect([newYork[18], newYork[19]]).to.deep.equal([4, 2]);
    for (const hours of [moscow, newYork]) expect(hours.reduce((a, b) => a + b, 0)).to.equal(6);
  });

  it("when a period is shown, then the actions are the period's, not all time, most first, and quiet days are zeros", () => {
    const days = fillDays(
      [day('2026-12-02', { actions_by_type: { warn: 1, ban: 2 } }), day('2026-12-04', { actions_by_type: { warn: 2 } })],
      3,
      new Date('2026-12-04T12:00:00Z'),
    );
    expect(days.map((d) => d.day)).to.deep.equal(['2026-12-02', '2026-12-03', '2026-12-04']);
    expect(actionsInPeriod(days)).to.deep.equal([
      ['warn', 3],
      ['ban', 2],
    ]);
    expect(actionsInPeriod(days.slice(1))).to.deep.equal([['warn', 2]]);
  });
});
