import { NO_CAPACITY } from './directory.ports';
import type { CommunityGroup } from './group.entity';
import { exclusionReasons } from './group-search.service';

const group = (overrides: Partial<CommunityGroup> = {}) =>
  ({
    activityTypes: ['food'],
    needsServed: ['food', 'social_connection'],
    languages: ['en', 'so'],
    deliveryMode: 'both',
    accessibility: {
      childcare: false,
      travelSupport: false,
      stepFree: true,
      womenOnly: false,
      interpreters: false,
    },
    ...overrides,
  }) as CommunityGroup;

const approved = (level: 0 | 1 | 2 | 3, g = group()) => ({
  group: g,
  vettingStatus: 'approved' as const,
  safeguardingLevel: level,
});

describe('exclusionReasons', () => {
  it('offers an approved group that meets every filter', () => {
    expect(
      exclusionReasons(
        approved(2),
        NO_CAPACITY,
        { need: 'food', language: 'so', deliveryMode: 'remote', stepFree: true },
        2,
      ),
    ).toEqual([]);
  });

  it('leaves out a group whose intake is paused', () => {
    expect(exclusionReasons(approved(3), { ...NO_CAPACITY, intakePaused: true }, {}, 1)).toEqual([
      'intake_paused',
    ]);
  });

  it('gives every reason at once, status first', () => {
    const s = {
      group: group({ accessibility: { ...group().accessibility, stepFree: false } }),
      vettingStatus: 'expired' as const,
      safeguardingLevel: 0 as const,
    };
    expect(
      exclusionReasons(s, NO_CAPACITY, { need: 'housing', language: 'ar', stepFree: true }, 1),
    ).toEqual([
      'vetting_expired',
      'level_too_low',
      'need_not_served',
      'language_not_offered',
      'not_step_free',
    ]);
  });

  it('treats a group that works with interpreters as offering any language', () => {
    const g = group({ accessibility: { ...group().accessibility, interpreters: true } });
    expect(exclusionReasons(approved(1, g), NO_CAPACITY, { language: 'ti' }, 1)).toEqual([]);
  });

  it('needs a "both" group when both ways are asked for', () => {
    expect(
      exclusionReasons(
        approved(1, group({ deliveryMode: 'in_person' })),
        NO_CAPACITY,
        { deliveryMode: 'both' },
        1,
      ),
    ).toEqual(['delivery_mode_not_offered']);
  });

  it('leaves out a lapsed listing, whatever else it offers', () => {
    expect(exclusionReasons({ ...approved(3), listingLapsed: true }, NO_CAPACITY, {}, 1)).toEqual([
      'listing_lapsed',
    ]);
  });

  it('asks for a session at the days and times searched for, and says when times are unknown', () => {
    const evening = {
      weekday: 'tuesday',
      start: '18:00',
      end: null,
      recurrence: 'weekly',
    } as const;
    const q = { when: ['weekday_evening' as const, 'weekend' as const] };
    expect(exclusionReasons({ ...approved(1), sessions: [evening] }, NO_CAPACITY, q, 1)).toEqual(
      [],
    );
    expect(
      exclusionReasons(
        { ...approved(1), sessions: [{ ...evening, start: '10:00' }] },
        NO_CAPACITY,
        q,
        1,
      ),
    ).toEqual(['no_session_at_time']);
    expect(exclusionReasons({ ...approved(1), sessions: [] }, NO_CAPACITY, q, 1)).toEqual([
      'times_not_recorded',
    ]);
    expect(
      exclusionReasons(
        { ...approved(1), sessions: [evening] },
        NO_CAPACITY,
        { day: ['monday'] },
        1,
      ),
    ).toEqual(['no_session_at_time']);
  });
});
