import { NEEDS_DOMAINS } from '../common/vocabulary';

/** [value, weight] pairs; weights need not add up to anything. */
export type Weighted = readonly (readonly [string, number])[];

/**
 * A SQL CASE choosing a value by weight from a uniform draw in [0, 1) (`draw`, a column name).
 * Values are fixed codes from this file, never user input.
 */
export function weightedCase(draw: string, choices: Weighted): string {
  const total = choices.reduce((s, [, w]) => s + w, 0);
  let cumulative = 0;
  const whens = choices.slice(0, -1).map(([value, weight]) => {
    cumulative += weight / total;
    return `WHEN ${draw} < ${cumulative.toFixed(6)} THEN '${value}'`;
  });
  return `CASE ${whens.join(' ')} ELSE '${choices[choices.length - 1][0]}' END`;
}

/** Roughly how referrals arrive in an English city's social prescribing service. */
export const CHANNELS: Weighted = [
  ['gp_practice', 35],
  ['charity', 12],
  ['self', 10],
  ['nhs_service', 8],
  ['local_authority', 6],
  ['housing_provider', 5],
  ['community_group', 5],
  ['faith_group', 4],
  ['family_or_friend', 4],
  ['job_centre', 3],
  ['school', 2],
  ['library', 2],
  ['police', 2],
  ['fire_service', 1],
  ['other', 1],
];

export const MIGRANT_STATUSES: Weighted = [
  ['uk_born', 30],
  ['not_recorded', 22],
  ['asylum_seeker', 8],
  ['refugee', 8],
  ['third_country_national', 8],
  ['eea_national', 7],
  ['settled_long_term', 6],
  ['international_student', 2],
  ['refused_asylum_seeker', 1.5],
  ['undocumented', 1.5],
  ['prefer_not_to_say', 4],
  ['trafficked_person', 0.5],
  ['unaccompanied_child', 0.5],
];

/**
 * Countries of birth of people born abroad, each with a common main language and, for the equity
 * fields, a common ethnic group and religion (invented proportions: one of each per country).
 */
export const COUNTRIES: readonly (readonly [
  country: string,
  language: string,
  ethnicity: string,
  religion: string,
])[] = [
  ['PL', 'pl', 'white_other', 'christian'],
  ['RO', 'ro', 'white_other', 'christian'],
  ['IN', 'pa', 'asian_indian', 'sikh'],
  ['PK', 'ur', 'asian_pakistani', 'muslim'],
  ['SO', 'so', 'black_african', 'muslim'],
  ['ER', 'ti', 'black_african', 'christian'],
  ['SD', 'ar', 'black_african', 'muslim'],
  ['AF', 'ps', 'asian_other', 'muslim'],
  ['IR', 'fa', 'other_any', 'muslim'],
  ['SY', 'ar', 'other_arab', 'muslim'],
  ['UA', 'uk', 'white_other', 'christian'],
  ['NG', 'en', 'black_african', 'christian'],
  ['ZW', 'en', 'black_african', 'christian'],
  ['IQ', 'ku', 'other_any', 'muslim'],
  ['CN', 'zh', 'asian_chinese', 'no_religion'],
];

/** Ethnic groups of people born in the UK (roughly a Midlands city's; invented weights). */
export const UK_BORN_ETHNICITIES: Weighted = [
  ['white_british', 70],
  ['asian_pakistani', 5],
  ['mixed_white_black_caribbean', 4],
  ['black_caribbean', 3],
  ['asian_indian', 3],
  ['mixed_other', 2],
  ['mixed_white_asian', 2],
  ['white_irish', 1],
  ['black_other', 1],
  ['white_gypsy_or_irish_traveller', 0.5],
  ['other_any', 1],
  ['prefer_not_to_say', 2],
];

/** Religions of people born in the UK (invented weights). */
export const UK_BORN_RELIGIONS: Weighted = [
  ['no_religion', 44],
  ['christian', 40],
  ['muslim', 8],
  ['sikh', 2],
  ['hindu', 1.5],
  ['other_religion', 1],
  ['prefer_not_to_say', 3.5],
];

/** How a link worker's contacts with a person go (texts and emails are not sessions). */
export const CONTACT_MODES: Weighted = [
  ['face_to_face', 35],
  ['phone', 30],
  ['video', 8],
  ['home_visit', 7],
  ['drop_in', 5],
  ['text_message', 10],
  ['email', 5],
];

export const CLOSE_REASONS: Weighted = [
  ['goals_met', 60],
  ['disengaged', 14],
  ['moved_away', 8],
  ['relocated', 5],
  ['declined_further_support', 6],
  ['transferred', 4],
  ['other', 3],
];

export const DECLINE_REASONS: Weighted = [
  ['no_capacity', 35],
  ['not_suitable_time', 20],
  ['not_suitable_for_group', 15],
  ['language_barrier', 12],
  ['person_declined', 10],
  ['safeguarding_concern', 3],
  ['other', 5],
];

export const DOMAINS = NEEDS_DOMAINS;

/** SWEMWBS raw score (7–35) to metric score, the published Rasch conversion. */
export const SWEMWBS_METRIC = [
  7.0, 9.51, 11.25, 12.4, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98, 18.59,
  19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.7, 32.55,
  35.0,
];

/** Synthetic community groups: what they do, the needs they serve, their languages and level. */
export const GROUPS: readonly {
  name: string;
  activities: string[];
  needs: string[];
  languages: string[];
  level: 1 | 2 | 3;
}[] = [
  {
    name: 'Conversation café',
    activities: ['conversation_esol'],
    needs: ['language', 'social_connection'],
    languages: ['en', 'ar', 'fa'],
    level: 1,
  },
  {
    name: 'Walking group',
    activities: ['physical_activity', 'nature'],
    needs: ['physical_health', 'mental_health', 'social_connection'],
    languages: ['en'],
    level: 1,
  },
  {
    name: 'Community kitchen',
    activities: ['food'],
    needs: ['food', 'social_connection'],
    languages: ['en', 'so', 'ti'],
    level: 2,
  },
  {
    name: 'Women’s circle',
    activities: ['womens_group', 'peer_support'],
    needs: ['mental_health', 'safety', 'social_connection'],
    languages: ['en', 'ar', 'ku', 'so'],
    level: 3,
  },
  {
    name: 'Advice drop-in',
    activities: ['advice'],
    needs: ['money', 'housing', 'employment'],
    languages: ['en', 'pl', 'ro'],
    level: 2,
  },
  {
    name: 'Art studio',
    activities: ['arts'],
    needs: ['mental_health', 'social_connection'],
    languages: ['en'],
    level: 1,
  },
  {
    name: 'Allotment project',
    activities: ['nature', 'volunteering'],
    needs: ['volunteering_skills', 'physical_health'],
    languages: ['en', 'pa', 'ur'],
    level: 1,
  },
  {
    name: 'Men’s shed',
    activities: ['mens_group', 'skills_and_work'],
    needs: ['social_connection', 'volunteering_skills'],
    languages: ['en'],
    level: 2,
  },
  {
    name: 'Faith welcome group',
    activities: ['faith', 'befriending'],
    needs: ['culture_faith', 'social_connection'],
    languages: ['en', 'ar', 'ur', 'ps'],
    level: 2,
  },
  {
    name: 'Digital skills class',
    activities: ['skills_and_work'],
    needs: ['digital_transport', 'education', 'employment'],
    languages: ['en', 'uk', 'pl'],
    level: 1,
  },
  {
    name: 'Parents and toddlers',
    activities: ['parenting'],
    needs: ['caring_responsibilities', 'social_connection'],
    languages: ['en', 'ro'],
    level: 2,
  },
  {
    name: 'Music for wellbeing',
    activities: ['music'],
    needs: ['mental_health'],
    languages: ['en'],
    level: 1,
  },
  {
    name: 'Refugee peer support',
    activities: ['peer_support'],
    needs: ['mental_health', 'immigration_legal', 'social_connection'],
    languages: ['ar', 'fa', 'ti', 'so', 'ps'],
    level: 3,
  },
  {
    name: 'Young people’s football',
    activities: ['young_people', 'physical_activity'],
    needs: ['physical_health', 'social_connection'],
    languages: ['en'],
    level: 2,
  },
  {
    name: 'Older people’s lunch club',
    activities: ['older_people', 'food'],
    needs: ['food', 'social_connection'],
    languages: ['en', 'zh'],
    level: 1,
  },
];
