import {
  clockTime,
  describeSession,
  inWindow,
  normaliseSessions,
  scheduleText,
  sessionMatches,
  type Session,
} from './schedule';

const s = (weekday: Session['weekday'], start: string, end: string | null = null): Session => ({
  weekday,
  start,
  end,
  recurrence: 'weekly',
});

describe('time windows', () => {
  it('puts a weekday session starting at 5pm or later in the evening, and one before in the day', () => {
    expect(inWindow(s('friday', '17:00'), 'weekday_evening')).toBe(true);
    expect(inWindow(s('friday', '17:00'), 'weekday_daytime')).toBe(false);
    expect(inWindow(s('friday', '16:59'), 'weekday_daytime')).toBe(true);
    expect(inWindow(s('friday', '16:59', '19:00'), 'weekday_evening')).toBe(false);
  });

  it('counts Saturday and Sunday, at any time, as the weekend only', () => {
    for (const day of ['saturday', 'sunday'] as const) {
      expect(inWindow(s(day, '10:00'), 'weekend')).toBe(true);
      expect(inWindow(s(day, '19:00'), 'weekday_evening')).toBe(false);
      expect(inWindow(s(day, '10:00'), 'weekday_daytime')).toBe(false);
    }
    expect(inWindow(s('monday', '10:00'), 'weekend')).toBe(false);
  });

  it('matches "evenings or weekends" and a day, together', () => {
    const q = { when: ['weekday_evening', 'weekend'] as const };
    expect(sessionMatches(s('tuesday', '18:30'), { when: [...q.when] })).toBe(true);
    expect(sessionMatches(s('sunday', '11:00'), { when: [...q.when] })).toBe(true);
    expect(sessionMatches(s('tuesday', '10:00'), { when: [...q.when] })).toBe(false);
    expect(
      sessionMatches(s('tuesday', '18:30'), { day: ['tuesday'], when: ['weekday_evening'] }),
    ).toBe(true);
    expect(sessionMatches(s('tuesday', '18:30'), { day: ['wednesday'] })).toBe(false);
    expect(sessionMatches(s('tuesday', '18:30'), {})).toBe(true);
  });
});

describe('words', () => {
  it('writes times the GOV.UK way', () => {
    expect(clockTime('10:00')).toBe('10am');
    expect(clockTime('17:30')).toBe('5:30pm');
    expect(clockTime('12:00')).toBe('midday');
    expect(clockTime('00:00')).toBe('midnight');
    expect(clockTime('00:15')).toBe('12:15am');
  });

  it('describes sessions and the whole schedule', () => {
    expect(describeSession(s('tuesday', '10:00', '12:00'))).toBe('Tuesdays, 10am to midday');
    expect(describeSession({ ...s('friday', '18:00', '20:00'), recurrence: 'fortnightly' })).toBe(
      'Every other Friday, 6pm to 8pm',
    );
    expect(describeSession({ ...s('monday', '19:00'), recurrence: 'monthly_first' })).toBe(
      'First Monday of the month, from 7pm',
    );
    expect(scheduleText([s('monday', '13:00', '15:00')], 'Term time only')).toBe(
      'Mondays, 1pm to 3pm; Term time only',
    );
    expect(scheduleText([], null)).toBeNull();
  });

  it('orders sessions by day and time, once each', () => {
    expect(
      normaliseSessions([
        s('friday', '10:00'),
        s('monday', '18:00'),
        s('monday', '09:00'),
        s('friday', '10:00'),
      ]),
    ).toEqual([s('monday', '09:00'), s('monday', '18:00'), s('friday', '10:00')]);
  });
});
