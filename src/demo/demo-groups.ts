import type { CreateGroupDto } from '../directory/group.dto';

export interface DemoGroup extends CreateGroupDto {
  /** The organisation, by demo name. */
  org: string;
  /** Safeguarding level the demo vetting reaches (0 leaves the group pending). */
  level: 0 | 1 | 2 | 3;
  /** One check lapses this many days from now, so the vetting screen has something expiring. */
  expiringInDays?: number;
  capacity?: { places: number; weeklyIntakeLimit?: number; waitlistEnabled: boolean };
}

/** Invented groups of the kinds a migrant-focused link worker service works with. */
export const DEMO_GROUPS: DemoGroup[] = [
  {
    org: 'Refugee Women’s Circle',
    level: 3,
    name: 'Women’s conversation café',
    description:
      'Informal English conversation over tea for women new to Nottingham, with a crèche. ' +
      'Run by women who have been through the asylum system themselves.',
    activityTypes: ['conversation_esol', 'womens_group', 'peer_support'],
    needsServed: ['language', 'social_connection', 'mental_health'],
    languages: ['en', 'ar', 'so', 'ti', 'fa'],
    postcode: 'NG7 6HB',
    deliveryMode: 'in_person',
    accessibility: { childcare: true, stepFree: true, womenOnly: true, interpreters: true },
    schedule: 'Tuesdays and Thursdays 10:00–12:00',
    cost: 'Free',
    capacity: { places: 12, weeklyIntakeLimit: 3, waitlistEnabled: true },
  },
  {
    org: 'Refugee Women’s Circle',
    level: 2,
    name: 'Walk and talk',
    description: 'A gentle walk around the Arboretum and a hot drink afterwards.',
    activityTypes: ['physical_activity', 'nature', 'befriending'],
    needsServed: ['physical_health', 'social_connection', 'mental_health'],
    languages: ['en', 'ar'],
    postcode: 'NG1 4HB',
    deliveryMode: 'in_person',
    accessibility: { travelSupport: true },
    schedule: 'Saturdays 11:00',
    cost: 'Free',
    expiringInDays: 20,
    capacity: { places: 15, waitlistEnabled: false },
  },
  {
    org: 'Hyson Green Community Kitchen',
    level: 1,
    name: 'Cook and eat together',
    description: 'Cook a meal from a different country each week and eat together; take food home.',
    activityTypes: ['food', 'volunteering', 'skills_and_work'],
    needsServed: ['food', 'money', 'social_connection', 'volunteering_skills'],
    languages: ['en', 'ur', 'pl', 'ro'],
    postcode: 'NG7 5LL',
    deliveryMode: 'in_person',
    accessibility: { stepFree: true },
    schedule: 'Wednesdays 17:00–19:30',
    cost: 'Free',
    capacity: { places: 20, waitlistEnabled: true },
  },
  {
    org: 'Hyson Green Community Kitchen',
    level: 0,
    name: 'Job club',
    description: 'CVs, applications and interview practice, with volunteers from local employers.',
    activityTypes: ['skills_and_work', 'advice'],
    needsServed: ['employment', 'digital_transport'],
    languages: ['en'],
    postcode: 'NG7 5LL',
    deliveryMode: 'both',
    schedule: 'Mondays 13:00–15:00',
    cost: 'Free',
  },
];
