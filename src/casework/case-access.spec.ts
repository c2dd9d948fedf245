import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { Role } from '../common/vocabulary';
import {
  canReadCase,
  canReadSensitiveDetail,
  canReassignCase,
  canWorkOnCase,
  caseloadOwner,
  caseloadOwners,
  coverInForce,
  isCovering,
} from './case-access';

const user = (role: Role, id = 'u1', serviceId: string | null = 's1'): AuthenticatedUser => ({
  id,
  role,
  email: `${id}@x.example`,
  name: id,
  organisationId: null,
  serviceId,
  reportServiceIds: [],
});
const theCase = { linkWorkerId: 'lw1', serviceId: 's1' };

describe('case access', () => {
  it('lets the assigned link worker read and work on the case, sensitive detail included', () => {
    expect(canReadCase(user('link_worker', 'lw1'), theCase)).toBe(true);
    expect(canReadSensitiveDetail(user('link_worker', 'lw1'), theCase)).toBe(true);
    expect(canWorkOnCase(user('link_worker', 'lw1'), theCase)).toBe(true);
  });

  it('hides the case from another link worker', () => {
    expect(canReadCase(user('link_worker', 'lw2'), theCase)).toBe(false);
    expect(canWorkOnCase(user('link_worker', 'lw2'), theCase)).toBe(false);
  });

  it('hides the case from its link worker once they are in another service', () => {
    expect(canReadCase(user('link_worker', 'lw1', 's2'), theCase)).toBe(false);
    expect(canWorkOnCase(user('link_worker', 'lw1', 's2'), theCase)).toBe(false);
  });

  it('lets the team lead of its service read it, without sensitive detail or casework', () => {
    expect(canReadCase(user('team_lead', 'tl1'), theCase)).toBe(true);
    expect(canReadSensitiveDetail(user('team_lead', 'tl1'), theCase)).toBe(false);
    expect(canWorkOnCase(user('team_lead', 'tl1'), theCase)).toBe(false);
  });

  it("hides the case from another service's team lead", () => {
    expect(canReadCase(user('team_lead', 'tl2', 's2'), theCase)).toBe(false);
  });

  it('lets an admin read but not do casework', () => {
    expect(canReadCase(user('admin'), theCase)).toBe(true);
    expect(canReadSensitiveDetail(user('admin'), theCase)).toBe(true);
    expect(canWorkOnCase(user('admin'), theCase)).toBe(false);
  });

  it.each<Role>(['referrer', 'group_coordinator', 'commissioner'])(
    'never shows a case file to a %s, even one whose id matches',
    (role) => {
      expect(canReadCase(user(role, 'lw1'), theCase)).toBe(false);
      expect(canReadSensitiveDetail(user(role, 'lw1'), theCase)).toBe(false);
      expect(canWorkOnCase(user(role, 'lw1'), theCase)).toBe(false);
    },
  );

  it('lists every case for an admin and only their own for anyone else', () => {
    expect(caseloadOwner(user('admin'))).toBeUndefined();
    expect(caseloadOwner(user('link_worker', 'lw1'))).toBe('lw1');
    expect(caseloadOwner(user('commissioner', 'c1'))).toBe('c1');
  });

  it('lists every case for an admin or a team lead, else only the reader’s own', () => {
    expect(caseloadOwner(user('admin'))).toBeUndefined();
    expect(caseloadOwner(user('team_lead', 'tl1'))).toBeUndefined();
    expect(caseloadOwner(user('link_worker', 'lw1'))).toBe('lw1');
    expect(caseloadOwner(user('commissioner', 'c1'))).toBe('c1');
  });
});

describe('case access under cover', () => {
  const cover = {
    id: 'cv1',
    coverUserId: 'lw2',
    linkWorkerId: 'lw1',
    from: '2026-06-01',
    to: '2026-06-30',
  };
  const covered = { ...theCase, cover };
  // 30 June ends at 23:00 UTC in British Summer Time.
  const lastMoment = new Date('2026-06-30T22:59:59.999Z');
  const dayAfter = new Date('2026-06-30T23:00:00.000Z');

  it('is in force from the first moment of the first day to the last moment of the last, UK time', () => {
    expect(coverInForce(cover, new Date('2026-05-31T22:59:59.999Z'))).toBe(false);
    expect(coverInForce(cover, new Date('2026-05-31T23:00:00.000Z'))).toBe(true);
    expect(coverInForce(cover, lastMoment)).toBe(true);
    expect(coverInForce(cover, dayAfter)).toBe(false);
  });

  it('lets the colleague read and work the case as its link worker while it is in force', () => {
    jest.useFakeTimers({ now: lastMoment });
    try {
      expect(canReadCase(user('link_worker', 'lw2'), covered)).toBe(true);
      expect(canReadSensitiveDetail(user('link_worker', 'lw2'), covered)).toBe(true);
      expect(canWorkOnCase(user('link_worker', 'lw2'), covered)).toBe(true);
      expect(isCovering(user('link_worker', 'lw2'), covered)).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  it('hides the case again from the first moment after the last day', () => {
    jest.useFakeTimers({ now: dayAfter });
    try {
      expect(canReadCase(user('link_worker', 'lw2'), covered)).toBe(false);
      expect(canWorkOnCase(user('link_worker', 'lw2'), covered)).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });

  it('gives nothing to anyone but the named colleague of the same service, for that link worker', () => {
    const at = new Date('2026-06-15T12:00:00Z');
    expect(isCovering(user('link_worker', 'lw3'), covered, at)).toBe(false);
    expect(isCovering(user('link_worker', 'lw2', 's2'), covered, at)).toBe(false);
    expect(isCovering(user('team_lead', 'lw2'), covered, at)).toBe(false);
    // A grant found for another link worker's caseload does not open this case.
    expect(isCovering(user('link_worker', 'lw2'), { ...covered, linkWorkerId: 'lw9' }, at)).toBe(
      false,
    );
  });

  it('lists the covered colleagues’ cases beside the reader’s own', () => {
    expect(caseloadOwners(user('link_worker', 'lw2'), ['lw1'])).toEqual(['lw2', 'lw1']);
    expect(caseloadOwners(user('team_lead', 'tl1'), ['lw1'])).toBeUndefined();
  });

  it('lets only the team lead of the case’s service, or an admin, reassign it', () => {
    expect(canReassignCase(user('team_lead', 'tl1'), theCase)).toBe(true);
    expect(canReassignCase(user('team_lead', 'tl2', 's2'), theCase)).toBe(false);
    expect(canReassignCase(user('admin'), theCase)).toBe(true);
    expect(canReassignCase(user('link_worker', 'lw1'), theCase)).toBe(false);
  });
});
