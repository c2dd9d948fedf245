import type { Role } from '../common/vocabulary';

export interface NavItem {
  href: string;
  text: string;
  current?: boolean;
}

/** Each role's home and the pages it uses most, in the order the header shows them. */
const NAV_BY_ROLE: Record<Role, NavItem[]> = {
  // The directory's pages are for those who offer places (link workers) and run groups.
  team_lead: [
    { href: '/team', text: 'Service dashboard' },
    { href: '/referrals', text: 'Referral inbox' },
    { href: '/cases', text: 'Cases' },
  ],
  link_worker: [
    { href: '/referrals', text: 'Referral inbox' },
    { href: '/cases', text: 'My caseload' },
    { href: '/directory', text: 'Directory' },
    { href: '/placements', text: 'Placements' },
    { href: '/notifications', text: 'Notifications' },
  ],
  group_coordinator: [
    { href: '/placements', text: 'Offers' },
    { href: '/groups/mine', text: 'My groups' },
    { href: '/notifications', text: 'Notifications' },
  ],
  referrer: [
    { href: '/referrals/new', text: 'Send a referral' },
    { href: '/referrals/mine', text: 'My referrals' },
  ],
  commissioner: [{ href: '/reports', text: 'Reports' }],
  admin: [
    { href: '/admin/users', text: 'Users' },
    { href: '/admin/organisations', text: 'Organisations' },
    { href: '/admin/services', text: 'Services' },
    { href: '/admin/vetting', text: 'Vetting' },
    { href: '/admin/incidents', text: 'Incidents' },
    { href: '/admin/data-protection', text: 'Data protection' },
    { href: '/admin/retention', text: 'Retention' },
    { href: '/admin/notifications', text: 'Messages' },
    { href: '/admin/languages', text: 'Languages' },
    { href: '/referrals', text: 'Referrals' },
    { href: '/reports', text: 'Reports' },
  ],
};

export function navigationFor(role: Role, currentPath: string): NavItem[] {
  return NAV_BY_ROLE[role].map((item) => ({
    ...item,
    current: currentPath === item.href || currentPath.startsWith(`${item.href}/`),
  }));
}

export function homeFor(role: Role): string {
  return NAV_BY_ROLE[role][0].href;
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  team_lead: 'Team lead',
  link_worker: 'Link worker',
  group_coordinator: 'Group coordinator',
  referrer: 'Referrer',
  commissioner: 'Commissioner',
};
