import { addMonths, listingState } from './listing-rules';

/** An instant at the given UK wall-clock time (BST in summer, GMT in winter). */
const uk = (date: string, time: string, offset: '+00:00' | '+01:00') =>
  new Date(`${date}T${time}${offset}`);

describe('addMonths', () => {
  it('keeps the day of the month', () => {
    expect(addMonths('2026-03-15', 6)).toBe('2026-09-15');
    expect(addMonths('2026-03-15', 9)).toBe('2026-12-15');
  });

  it('crosses the year', () => expect(addMonths('2026-06-30', 9)).toBe('2027-03-30'));

  it('falls back to the last day of a shorter month', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-05-31', 9)).toBe('2027-02-28');
  });
});

describe('listingState', () => {
  const confirmed = uk('2026-03-15', '16:00', '+00:00');

  it('is confirmed until the day before the 6-month mark, to the last minute', () => {
    const state = listingState(confirmed, uk('2026-09-14', '23:59', '+01:00'));
    expect(state).toEqual({
      listingStatus: 'confirmed',
      listingLapsed: false,
      confirmationDueOn: '2026-09-15',
      listingLapsesOn: '2026-12-15',
    });
  });

  it('is unconfirmed from the first minute of the 6-month mark (UK time), whatever the time confirmed', () => {
    // 00:00 on 15 September in the UK is 23:00 on the 14th in UTC.
    const at = uk('2026-09-15', '00:00', '+01:00');
    expect(at.toISOString()).toBe('2026-09-14T23:00:00.000Z');
    expect(listingState(confirmed, at)).toMatchObject({
      listingStatus: 'unconfirmed',
      listingLapsed: false,
    });
  });

  it('is still offerable the day before the 9-month mark, and lapses on it', () => {
    expect(listingState(confirmed, uk('2026-12-14', '23:59', '+00:00'))).toMatchObject({
      listingStatus: 'unconfirmed',
      listingLapsed: false,
    });
    expect(listingState(confirmed, uk('2026-12-15', '00:00', '+00:00'))).toMatchObject({
      listingStatus: 'unconfirmed',
      listingLapsed: true,
    });
  });

  it('counts from the UK date of the confirmation, not the UTC one', () => {
    // 00:30 on 1 June in the UK (BST) is still 31 May in UTC.
    const lateNight = uk('2026-06-01', '00:30', '+01:00');
    expect(listingState(lateNight, lateNight).confirmationDueOn).toBe('2026-12-01');
    expect(listingState(lateNight, lateNight).listingLapsesOn).toBe('2027-03-01');
  });

  it('uses the last day of the month when the mark has no such day', () => {
    const endOfAugust = uk('2026-08-31', '12:00', '+01:00');
    expect(listingState(endOfAugust, uk('2027-02-27', '12:00', '+00:00')).listingStatus).toBe(
      'confirmed',
    );
    expect(listingState(endOfAugust, uk('2027-02-28', '00:00', '+00:00')).listingStatus).toBe(
      'unconfirmed',
    );
  });
});
