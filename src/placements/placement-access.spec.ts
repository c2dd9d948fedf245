import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { Role } from '../common/vocabulary';
import {
  canChangePlacement,
  canSeePlacement,
  isCaseSide,
  isGroupSide,
  placementListScope,
} from './placement-access';

const user = (role: Role, id = 'u1', organisationId: string | null = null): AuthenticatedUser => ({
  id,
  role,
  organisationId,
  email: `${id}@test.example`,
  name: id,
  serviceId: null,
  reportServiceIds: [],
});
const placement = { linkWorkerId: 'lw1', groupOrganisationId: 'org1' };

describe('placement access', () => {
  it('lets the group organisation coordinators, the case link worker and admins see it', () => {
    expect(canSeePlacement(user('group_coordinator', 'c1', 'org1'), placement)).toBe(true);
    expect(canSeePlacement(user('link_worker', 'lw1'), placement)).toBe(true);
    expect(canSeePlacement(user('admin'), placement)).toBe(true);
  });

  it('hides it from other organisations, other link workers and other roles', () => {
    expect(canSeePlacement(user('group_coordinator', 'c2', 'org2'), placement)).toBe(false);
    expect(canSeePlacement(user('group_coordinator', 'c3', null), placement)).toBe(false);
    expect(canSeePlacement(user('link_worker', 'lw2'), placement)).toBe(false);
    expect(canSeePlacement(user('referrer', 'r1', 'org1'), placement)).toBe(false);
    expect(canSeePlacement(user('commissioner', 'lw1'), placement)).toBe(false);
  });

  it('tells the two sides apart', () => {
    expect(isGroupSide(user('group_coordinator', 'c1', 'org1'), placement)).toBe(true);
    expect(isCaseSide(user('group_coordinator', 'lw1', 'org1'), placement)).toBe(false);
    expect(isGroupSide(user('admin', 'a', 'org1'), placement)).toBe(false);
  });

  it('lets only the side a change is for make it, and admins', () => {
    const coordinator = user('group_coordinator', 'c1', 'org1');
    const linkWorker = user('link_worker', 'lw1');
    expect(canChangePlacement(coordinator, placement, ['group'])).toBe(true);
    expect(canChangePlacement(linkWorker, placement, ['group'])).toBe(false);
    expect(canChangePlacement(linkWorker, placement, ['group', 'case'])).toBe(true);
    expect(canChangePlacement(user('admin'), placement, ['group'])).toBe(true);
    expect(canChangePlacement(user('link_worker', 'lw2'), placement, ['case'])).toBe(false);
    expect(canChangePlacement(user('group_coordinator', 'c2', 'org2'), placement, ['group'])).toBe(
      false,
    );
  });

  it('scopes a list to all, the link worker’s cases, the coordinator’s groups, or nothing', () => {
    expect(placementListScope(user('admin'))).toEqual({});
    expect(placementListScope(user('link_worker', 'lw1'))).toEqual({ linkWorkerId: 'lw1' });
    expect(placementListScope(user('group_coordinator', 'c1', 'org1'))).toEqual({
      groupOrganisationId: 'org1',
    });
    expect(placementListScope(user('group_coordinator', 'c3', null))).toBe('none');
    expect(placementListScope(user('referrer', 'r1', 'org1'))).toBe('none');
    expect(placementListScope(user('commissioner'))).toBe('none');
  });
});
