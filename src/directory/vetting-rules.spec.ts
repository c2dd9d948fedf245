import { VETTING_CHECKS_BY_LEVEL, type VettingCheck } from '../common/vocabulary';
import {
  deriveLevel,
  deriveStatus,
  expiresWithinNoticePeriod,
  outwardCode,
  proximity,
  type CheckRecord,
} from './vetting-rules';

const now = new Date('2026-03-01T12:00:00Z');
const day = 86_400_000;
const past = (days: number) => new Date(now.getTime() - days * day);
const future = (days: number) => new Date(now.getTime() + days * day);

const valid = (checks: readonly VettingCheck[]): CheckRecord[] =>
  checks.map((check) => ({ check, verifiedAt: past(10), expiresAt: future(300) }));
const L1 = VETTING_CHECKS_BY_LEVEL[1];
const L2 = VETTING_CHECKS_BY_LEVEL[2];
const L3 = VETTING_CHECKS_BY_LEVEL[3];
const open = { suspendedAt: null, removedAt: null };

describe('deriveLevel', () => {
  it('is 0 with no checks', () => expect(deriveLevel([], now)).toBe(0));

  it('is 0 with all of level 1 but one', () =>
    expect(deriveLevel(valid(L1.slice(1)), now)).toBe(0));

  it('is 1 with exactly the level-1 checks', () => expect(deriveLevel(valid(L1), now)).toBe(1));

  it('is 0 with level-2 and level-3 checks but no level 1', () =>
    expect(deriveLevel(valid([...L2, ...L3]), now)).toBe(0));

  it('is 1 with level 1 and all of level 2 but one', () =>
    expect(deriveLevel(valid([...L1, ...L2.slice(0, 3)]), now)).toBe(1));

  it('is 2 with levels 1 and 2', () => expect(deriveLevel(valid([...L1, ...L2]), now)).toBe(2));

  it('is 1 when level 3 is complete but level 2 misses one check', () =>
    expect(deriveLevel(valid([...L1, ...L2.slice(1), ...L3]), now)).toBe(1));

  it('is 3 with every check', () => expect(deriveLevel(valid([...L1, ...L2, ...L3]), now)).toBe(3));

  it('drops to 1 when one level-2 check has expired', () => {
    const records = valid([...L1, ...L2, ...L3]);
    records.find((r) => r.check === 'dbs_enhanced')!.expiresAt = past(1);
    expect(deriveLevel(records, now)).toBe(1);
  });

  it('counts a check expiring exactly now as lapsed', () => {
    const records = valid(L1);
    records[0].expiresAt = now;
    expect(deriveLevel(records, now)).toBe(0);
  });

  it('counts a renewed check: the latest record holds even if an older one lapsed', () => {
    const records = valid(L1);
    records.push({ check: L1[0], verifiedAt: past(400), expiresAt: past(40) });
    expect(deriveLevel(records, now)).toBe(1);
  });

  it('does not count a check verified in the future', () => {
    const records = valid(L1);
    records[0].verifiedAt = future(1);
    expect(deriveLevel(records, now)).toBe(0);
  });
});

describe('deriveStatus', () => {
  it('is pending with no checks', () =>
    expect(deriveStatus(open, [], now)).toEqual({
      safeguardingLevel: 0,
      vettingStatus: 'pending',
    }));

  it('is pending with some level-1 checks, none lapsed', () =>
    expect(deriveStatus(open, valid(L1.slice(2)), now).vettingStatus).toBe('pending'));

  it('is approved once level 1 is reached', () =>
    expect(deriveStatus(open, valid(L1), now)).toEqual({
      safeguardingLevel: 1,
      vettingStatus: 'approved',
    }));

  it('is expired when a level-1 check lapses', () => {
    const records = valid([...L1, ...L2]);
    records[0].expiresAt = past(1);
    expect(deriveStatus(open, records, now)).toEqual({
      safeguardingLevel: 0,
      vettingStatus: 'expired',
    });
  });

  it('stays approved at level 1 when only a level-2 check lapses', () => {
    const records = valid([...L1, ...L2]);
    records[5].expiresAt = past(1);
    expect(deriveStatus(open, records, now)).toEqual({
      safeguardingLevel: 1,
      vettingStatus: 'approved',
    });
  });

  it('puts suspended above approved and removed above suspended', () => {
    expect(
      deriveStatus({ suspendedAt: past(1), removedAt: null }, valid(L1), now).vettingStatus,
    ).toBe('suspended');
    expect(
      deriveStatus({ suspendedAt: past(1), removedAt: past(1) }, valid(L1), now).vettingStatus,
    ).toBe('removed');
  });
});

describe('postcode helpers', () => {
  it('derives the outward code', () => {
    expect(outwardCode('NG7 1AA')).toBe('NG7');
    expect(outwardCode('sw1a1aa')).toBe('SW1A');
    expect(outwardCode(null)).toBeNull();
  });

  it('ranks the same district before the same area before further away', () => {
    expect(proximity('NG7 2BB', 'NG7 1AA')).toBe('same_district');
    expect(proximity('NG1 2BB', 'NG7 1AA')).toBe('same_area');
    expect(proximity('LE1 2BB', 'NG7 1AA')).toBe('further');
    expect(proximity('NG7', 'NG7 1AA')).toBe('same_district');
    expect(proximity(null, 'NG7 1AA')).toBe('unknown');
  });
});

describe('expiresWithinNoticePeriod', () => {
  it('is true within 30 days and false after or once lapsed', () => {
    expect(expiresWithinNoticePeriod(future(29), now)).toBe(true);
    expect(expiresWithinNoticePeriod(future(31), now)).toBe(false);
    expect(expiresWithinNoticePeriod(past(1), now)).toBe(false);
  });
});
