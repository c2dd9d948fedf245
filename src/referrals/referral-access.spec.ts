import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { Role } from '../common/vocabulary';
import {
  canReadReferralDocument,
  canSeeReferral,
  canWorkOnReferral,
  isStaff,
} from './referral-access';

const user = (
  role: Role,
  id = 'u1',
  organisationId: string | null = null,
  serviceId: string | null = 's1',
): AuthenticatedUser => ({
  id,
  role,
  email: `${id}@x.example`,
  name: id,
  organisationId,
  serviceId: role === 'link_worker' || role === 'team_lead' ? serviceId : null,
  reportServiceIds: [],
});
const fromOrg1 = { organisationId: 'org1', serviceId: 's1' };
const unassigned = { assignedLinkWorkerId: null, serviceId: 's1' };
const toLw1 = { assignedLinkWorkerId: 'lw1', serviceId: 's1' };

describe('referral access', () => {
  it('lets link workers see every referral of their service and admins every one: they triage', () => {
    expect(canSeeReferral(user('link_worker', 'lw9'), fromOrg1)).toBe(true);
    expect(canSeeReferral(user('admin'), fromOrg1)).toBe(true);
    expect(isStaff(user('link_worker'))).toBe(true);
    expect(isStaff(user('admin'))).toBe(true);
  });

  it("hides another service's referrals from its link workers and team lead", () => {
    expect(canSeeReferral(user('link_worker', 'lw9', null, 's2'), fromOrg1)).toBe(false);
    expect(canSeeReferral(user('team_lead', 'tl2', null, 's2'), fromOrg1)).toBe(false);
    expect(canWorkOnReferral(user('link_worker', 'lw1', null, 's2'), toLw1)).toBe(false);
    expect(canWorkOnReferral(user('team_lead', 'tl2', null, 's2'), toLw1)).toBe(false);
  });

  it('lets the team lead see and work any referral of its service, as triage', () => {
    expect(canSeeReferral(user('team_lead', 'tl1'), fromOrg1)).toBe(true);
    expect(canWorkOnReferral(user('team_lead', 'tl1'), toLw1)).toBe(true);
    expect(isStaff(user('team_lead', 'tl1'))).toBe(true);
  });

  it('shows a referrer their own organisation’s referrals only, and never the staff view', () => {
    expect(canSeeReferral(user('referrer', 'r1', 'org1'), fromOrg1)).toBe(true);
    expect(canSeeReferral(user('referrer', 'r2', 'org2'), fromOrg1)).toBe(false);
    expect(
      canSeeReferral(user('referrer', 'r3', null), { organisationId: '', serviceId: 's1' }),
    ).toBe(false);
    expect(isStaff(user('referrer', 'r1', 'org1'))).toBe(false);
  });

  it.each<Role>(['group_coordinator', 'commissioner'])(
    'shows a %s no referral, even from their own organisation',
    (role) => {
      expect(canSeeReferral(user(role, 'x', 'org1'), fromOrg1)).toBe(false);
      expect(canWorkOnReferral(user(role, 'lw1', 'org1'), toLw1)).toBe(false);
    },
  );

  it('lets any link worker triage an unassigned referral, then only its assignee (and admins)', () => {
    expect(canWorkOnReferral(user('link_worker', 'lw2'), unassigned)).toBe(true);
    expect(canWorkOnReferral(user('link_worker', 'lw1'), toLw1)).toBe(true);
    expect(canWorkOnReferral(user('link_worker', 'lw2'), toLw1)).toBe(false);
    expect(canWorkOnReferral(user('admin'), toLw1)).toBe(true);
    expect(canWorkOnReferral(user('referrer', 'lw1', 'org1'), toLw1)).toBe(false);
  });

  it('gives the referrer the message back but not the person’s letter', () => {
    const referrer = user('referrer', 'r1', 'org1');
    expect(canReadReferralDocument(referrer, toLw1, 'message_back')).toBe(true);
    expect(canReadReferralDocument(referrer, toLw1, 'person_letter')).toBe(false);
    expect(canReadReferralDocument(user('link_worker', 'lw2'), toLw1, 'person_letter')).toBe(false);
    expect(canReadReferralDocument(user('link_worker', 'lw1'), toLw1, 'person_letter')).toBe(true);
    expect(canReadReferralDocument(user('commissioner'), toLw1, 'message_back')).toBe(false);
  });
});
