import type { Role } from '../common/vocabulary';

/** Demo accounts, printed at start and listed in the README. Only ever created by DEMO_DATA. */
export const DEMO_PASSWORD = 'linkway-demo-2026';

/**
 * The demo's two services: a city primary care network (the default service, so anything not
 * routed elsewhere lands there) and a council team taking self-referrals from Rushcliffe.
 */
export const DEMO_SERVICES = {
  pcn: { name: 'Radford and Lenton PCN social prescribing', odsCode: 'U12345' },
  council: { name: 'Rushcliffe community connectors', localAuthorityCodes: ['E07000176'] },
} as const;
export type DemoService = keyof typeof DEMO_SERVICES;

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  org?: string;
  service?: DemoService;
  languages?: string[];
}

export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@linkway.example', name: 'Ada Admin', role: 'admin' },
  {
    email: 'linkworker@linkway.example',
    name: 'Lina Worker',
    role: 'link_worker',
    service: 'pcn',
    languages: ['so', 'ar'],
  },
  {
    email: 'linkworker2@linkway.example',
    name: 'Kwame Mensah',
    role: 'link_worker',
    service: 'pcn',
    languages: ['tw', 'fr'],
  },
  { email: 'teamlead@linkway.example', name: 'Tomasz Nowak', role: 'team_lead', service: 'pcn' },
  {
    email: 'council.linkworker@linkway.example',
    name: 'Chloe Barker',
    role: 'link_worker',
    service: 'council',
    languages: ['uk', 'ru'],
  },
  {
    email: 'council.teamlead@linkway.example',
    name: 'Ruth Adeyemi',
    role: 'team_lead',
    service: 'council',
  },
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

/** The name of a demo user's service, for the sign-in page and the start-up message. */
export const demoServiceName = (u: DemoUser) =>
  u.service ? DEMO_SERVICES[u.service].name : undefined;
