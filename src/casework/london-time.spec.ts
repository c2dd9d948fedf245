import {
  happenedAt,
  londonClock,
  londonDays,
  londonInstant,
  mondayOf,
  parseClock,
  parseInstant,
} from './london-time';

describe('London time', () => {
  it('reads a wall-clock time in winter as UTC and in summer as an hour earlier', () => {
    expect(londonInstant('2026-01-15', '10:30').toISOString()).toBe('2026-01-15T10:30:00.000Z');
    expect(londonInstant('2026-07-15', '10:30').toISOString()).toBe('2026-07-15T09:30:00.000Z');
  });

  it('gets the days the clocks change right', () => {
    // 29 March 2026: 01:00 GMT becomes 02:00 BST.
    expect(londonInstant('2026-03-29', '00:30').toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(londonInstant('2026-03-29', '03:00').toISOString()).toBe('2026-03-29T02:00:00.000Z');
    // 25 October 2026: 02:00 BST becomes 01:00 GMT.
    expect(londonInstant('2026-10-25', '12:00').toISOString()).toBe('2026-10-25T12:00:00.000Z');
    expect(londonClock(new Date('2026-10-24T23:15:00Z'))).toBe('00:15');
  });

  it('reads an API date-time with a zone as that instant, and without one as London time', () => {
    expect(parseInstant('2026-07-01T09:00:00Z')?.toISOString()).toBe('2026-07-01T09:00:00.000Z');
    expect(parseInstant('2026-07-01T09:00:00+02:00')?.toISOString()).toBe(
      '2026-07-01T07:00:00.000Z',
    );
    expect(parseInstant('2026-07-01T09:00')?.toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(parseInstant('2026-07-01')).toBeUndefined();
  });

  it('dates a contact given by its day alone at the start of that day, or now when it is today', () => {
    expect(happenedAt('2026-07-01')?.toISOString()).toBe('2026-06-30T23:00:00.000Z');
    const now = Date.now();
    const today = happenedAt(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()),
    );
    expect(Math.abs((today?.getTime() ?? 0) - now)).toBeLessThan(5_000);
  });

  it.each([
    ['9:30', '09:30'],
    ['09.30', '09:30'],
    ['14:00', '14:00'],
    ['2pm', '14:00'],
    ['2:30 pm', '14:30'],
    ['12am', '00:00'],
    ['12pm', '12:00'],
    ['midday', '12:00'],
  ])('reads the time “%s” as %s', (typed, clock) => {
    expect(parseClock(typed)).toBe(clock);
  });

  it.each(['9', '25:00', '10:75', '13pm', 'soon', ''])('does not guess at “%s”', (typed) => {
    expect(parseClock(typed)).toBeUndefined();
  });

  it('finds the Monday of a week, and the instants a run of days covers', () => {
    expect(mondayOf('2026-12-06')).toBe('2026-11-30'); // a Sunday
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    const days = londonDays('2026-07-06', '2026-07-12');
    expect(days.start.toISOString()).toBe('2026-07-05T23:00:00.000Z');
    expect(days.end.toISOString()).toBe('2026-07-12T23:00:00.000Z');
  });
});
