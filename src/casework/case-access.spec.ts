import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { Role } from '../common/vocabulary';
import { canReadCase, canReadSensitiveDetail, canWorkOnCase, caseloadOwner } from './case-access';

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
