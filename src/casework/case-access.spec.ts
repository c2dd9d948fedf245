import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import type { Role } from '../common/vocabulary';
import { canReadCase, canWorkOnCase, caseloadOwner } from './case-access';

const user = (role: Role, id = 'u1'): AuthenticatedUser => ({
  id,
  role,
  email: `${id}@x.example`,
  name: id,
  organisationId: null,
});
const theCase = { linkWorkerId: 'lw1' };

describe('case access', () => {
  it('lets the assigned link worker read and work on the case', () => {
    expect(canReadCase(user('link_worker', 'lw1'), theCase)).toBe(true);
    expect(canWorkOnCase(user('link_worker', 'lw1'), theCase)).toBe(true);
  });

  it('hides the case from another link worker', () => {
    expect(canReadCase(user('link_worker', 'lw2'), theCase)).toBe(false);
    expect(canWorkOnCase(user('link_worker', 'lw2'), theCase)).toBe(false);
  });

  it('lets an admin read but not do casework', () => {
    expect(canReadCase(user('admin'), theCase)).toBe(true);
    expect(canWorkOnCase(user('admin'), theCase)).toBe(false);
  });

  it.each<Role>(['referrer', 'group_coordinator', 'commissioner'])(
    'never shows a case file to a %s, even one whose id matches',
    (role) => {
      expect(canReadCase(user(role, 'lw1'), theCase)).toBe(false);
      expect(canWorkOnCase(user(role, 'lw1'), theCase)).toBe(false);
    },
  );

  it('lists every case for an admin and only their own for anyone else', () => {
    expect(caseloadOwner(user('admin'))).toBeUndefined();
    expect(caseloadOwner(user('link_worker', 'lw1'))).toBe('lw1');
    expect(caseloadOwner(user('commissioner', 'c1'))).toBe('c1');
  });
});
