import { parseScheduleText } from './schedule-text';

const weekly = (weekday: string, start: string, end: string | null = null) => ({
  weekday,
  start,
  end,
  recurrence: 'weekly',
});

describe('parseScheduleText', () => {
  it.each([
    ['Tuesdays 10:00–12:00', [weekly('tuesday', '10:00', '12:00')]],
    ['Wednesdays 17:00–19:30', [weekly('wednesday', '17:00', '19:30')]],
    ['Saturdays 11:00', [weekly('saturday', '11:00')]],
    ['Saturday at 11am', [weekly('saturday', '11:00')]],
    [
      'Tuesdays and Thursdays 10:00–12:00',
      [weekly('tuesday', '10:00', '12:00'), weekly('thursday', '10:00', '12:00')],
    ],
    [
      'Mon, Wed & Fri 9.30am - 11.30am',
      [
        weekly('monday', '09:30', '11:30'),
        weekly('wednesday', '09:30', '11:30'),
        weekly('friday', '09:30', '11:30'),
      ],
    ],
    ['Thursdays 6-8pm', [weekly('thursday', '18:00', '20:00')]],
    ['Fridays 11-1pm', [weekly('friday', '11:00', '13:00')]],
    ['Sundays from 2pm to 4pm', [weekly('sunday', '14:00', '16:00')]],
    ['Mondays, 10am to midday', [weekly('monday', '10:00', '12:00')]],
    [
      'Weekends 10:00-16:00',
      [weekly('saturday', '10:00', '16:00'), weekly('sunday', '10:00', '16:00')],
    ],
  ])('reads %j', (text, sessions) => {
    expect(parseScheduleText(text)).toEqual({ sessions, notes: null });
  });

  it('reads a range of days', () => {
    const { sessions } = parseScheduleText('Mon–Fri 9:00–17:00');
    expect(sessions.map((s) => s.weekday)).toEqual([
      'monday',
      'tuesday',
      'wednesday',
      'thursday',
      'friday',
    ]);
  });

  it('reads fortnightly and monthly sessions', () => {
    expect(parseScheduleText('Every other Friday 18:00-20:00').sessions).toEqual([
      { weekday: 'friday', start: '18:00', end: '20:00', recurrence: 'fortnightly' },
    ]);
    expect(parseScheduleText('Fridays fortnightly, 18:00-20:00').sessions[0].recurrence).toBe(
      'fortnightly',
    );
    expect(parseScheduleText('First Monday of the month, 7pm-9pm').sessions).toEqual([
      { weekday: 'monday', start: '19:00', end: '21:00', recurrence: 'monthly_first' },
    ]);
    expect(parseScheduleText('Last Saturday of each month 10am').sessions[0]).toMatchObject({
      weekday: 'saturday',
      recurrence: 'monthly_last',
    });
  });

  it('keeps what it cannot read as notes, in the writer’s words', () => {
    expect(parseScheduleText('Tuesdays 10:00–12:00, term time only')).toEqual({
      sessions: [weekly('tuesday', '10:00', '12:00')],
      notes: 'term time only',
    });
    expect(parseScheduleText('Mondays 13:00-15:00; Closed in August')).toEqual({
      sessions: [weekly('monday', '13:00', '15:00')],
      notes: 'Closed in August',
    });
    expect(parseScheduleText('Monday, Wednesday and Friday, 10am-12pm, term time')).toEqual({
      sessions: [
        weekly('monday', '10:00', '12:00'),
        weekly('wednesday', '10:00', '12:00'),
        weekly('friday', '10:00', '12:00'),
      ],
      notes: 'term time',
    });
  });

  it.each([
    'Tuesdays 10-12',
    'Thursdays 7-9',
    'Mondays',
    'Every day 9-5',
    'Ring to book',
    'Mondays of the month 10:00-12:00',
    'Tuesdays 14:00-12:00',
    'Fridays 25:00',
  ])('keeps %j whole as notes (ambiguous or not a session)', (text) => {
    expect(parseScheduleText(text)).toEqual({ sessions: [], notes: text });
  });

  it('has nothing to say about an empty schedule', () => {
    expect(parseScheduleText('')).toEqual({ sessions: [], notes: null });
    expect(parseScheduleText(null)).toEqual({ sessions: [], notes: null });
  });
});
