import { jobSlot } from './job-runs';

const QUARTER_HOUR = 15 * 60_000;

describe('jobSlot', () => {
  const tick = new Date('2026-11-23T10:15:00.000Z');

  it('names the same slot for ticks that fire a little early or late on different instances', () => {
    const early = jobSlot(new Date(tick.getTime() - 2_000), QUARTER_HOUR);
    const late = jobSlot(new Date(tick.getTime() + 45_000), QUARTER_HOUR);
    expect(early).toEqual(tick);
    expect(late).toEqual(tick);
  });

  it('names the next tick as a different slot', () => {
    const next = jobSlot(new Date(tick.getTime() + QUARTER_HOUR), QUARTER_HOUR);
    expect(next.getTime() - jobSlot(tick, QUARTER_HOUR).getTime()).toBe(QUARTER_HOUR);
  });
});
