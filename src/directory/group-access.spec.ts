import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { Role } from '../common/vocabulary';
import { canManageGroup, canSeeGroup, isVettingOfficer, runsGroup } from './group-access';

const user = (role: Role, organisationId: string | null = null): AuthenticatedUser => ({
  id: `${role}-1`,
  role,
  organisationId,
  email: `${role}@test.example`,
  name: role,
  serviceId: null,
  reportServiceIds: [],
});
const group = { organisationId: 'org1' };

describe('group access', () => {
  it('shows every group to link workers and admins, and a coordinator their own only', () => {
    expect(canSeeGroup(user('link_worker'), group)).toBe(true);
    expect(canSeeGroup(user('admin'), group)).toBe(true);
    expect(canSeeGroup(user('group_coordinator', 'org1'), group)).toBe(true);
    expect(canSeeGroup(user('group_coordinator', 'org2'), group)).toBe(false);
    expect(canSeeGroup(user('group_coordinator', null), group)).toBe(false);
  });

  it.each<Role>(['referrer', 'commissioner'])(
    'shows a %s no group, even of their own organisation',
    (role) => {
      expect(canSeeGroup(user(role, 'org1'), group)).toBe(false);
      expect(canManageGroup(user(role, 'org1'), group)).toBe(false);
    },
  );

  it('lets the group’s own coordinators and admins manage it, not link workers', () => {
    expect(runsGroup(user('group_coordinator', 'org1'), group)).toBe(true);
    expect(runsGroup(user('admin', 'org1'), group)).toBe(false);
    expect(canManageGroup(user('group_coordinator', 'org1'), group)).toBe(true);
    expect(canManageGroup(user('admin'), group)).toBe(true);
    expect(canManageGroup(user('link_worker'), group)).toBe(false);
    expect(canManageGroup(user('group_coordinator', 'org2'), group)).toBe(false);
    expect(canManageGroup(null, group)).toBe(false);
  });

  it('leaves vetting to admins', () => {
    expect(isVettingOfficer(user('admin'))).toBe(true);
    expect(isVettingOfficer(user('group_coordinator', 'org1'))).toBe(false);
    expect(isVettingOfficer(null)).toBe(false);
  });
});
