import type { Role } from '../common/vocabulary';

/** Demo accounts, printed at start and listed in the README. Only ever created by DEMO_DATA. */
export const DEMO_PASSWORD = 'linkway-demo-2026';

export const DEMO_USERS: { email: string; name: string; role: Role; org?: string }[] = [
  { email: 'admin@linkway.example', name: 'Ada Admin', role: 'admin' },
  { email: 'linkworker@linkway.example', name: 'Lina Worker', role: 'link_worker' },
  { email: 'linkworker2@linkway.example', name: 'Kwame Mensah', role: 'link_worker' },
  {
    email: 'coordinator@linkway.example',
    name: 'Grace Coordinator',
    role: 'group_coordinator',
    org: 'Refugee Women’s Circle',
  },
  {
    email: 'referrer@linkway.example',
    name: 'Dr Asha Patel',
    role: 'referrer',
    org: 'Radford Health Centre',
  },
  { email: 'commissioner@linkway.example', name: 'Colin Commissioner', role: 'commissioner' },
];
