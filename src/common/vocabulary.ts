/**
 * The stable codes of DESIGN.md ("Vocabulary"). Labels may change; codes never do.
 * Each list is a readonly tuple so its union type and its runtime check come from one place.
 */

export const ROLES = [
  'admin',
  'team_lead',
  'link_worker',
  'group_coordinator',
  'referrer',
  'commissioner',
] as const;
export type Role = (typeof ROLES)[number];

export const REFERRAL_CHANNELS = [
  'gp_practice',
  'nhs_service',
  'charity',
  'faith_group',
  'community_group',
  'school',
  'library',
  'local_authority',
  'housing_provider',
  'police',
  'fire_service',
  'job_centre',
  'self',
  'family_or_friend',
  'other',
] as const;
export type ReferralChannel = (typeof REFERRAL_CHANNELS)[number];

/** An organisation is a referrer of some channel, or a community group that provides support. */
export const ORGANISATION_KINDS = REFERRAL_CHANNELS;
export type OrganisationKind = ReferralChannel;

export const NEEDS_DOMAINS = [
  'housing',
  'safety',
  'immigration_legal',
  'money',
  'food',
  'language',
  'employment',
  'volunteering_skills',
  'education',
  'physical_health',
  'mental_health',
  'social_connection',
  'caring_responsibilities',
  'healthcare_access',
  'digital_transport',
  'culture_faith',
] as const;
export type NeedsDomain = (typeof NEEDS_DOMAINS)[number];

/** Domains whose distress is usually situational (status, housing, money) rather than a long-term condition. */
export const SITUATIONAL_DOMAINS: readonly NeedsDomain[] = [
  'housing',
  'safety',
  'immigration_legal',
  'money',
  'food',
];

export const MIGRANT_STATUSES = [
  'uk_born',
  'settled_long_term',
  'eea_national',
  'third_country_national',
  'international_student',
  'asylum_seeker',
  'refused_asylum_seeker',
  'refugee',
  'undocumented',
  'trafficked_person',
  'unaccompanied_child',
  'not_recorded',
  'prefer_not_to_say',
] as const;
export type MigrantStatus = (typeof MIGRANT_STATUSES)[number];

export const CRISIS_TYPES = [
  'asylum_interview',
  'asylum_decision_refused',
  'status_granted_move_on',
  'eviction_or_homelessness',
  'dispersal_or_relocation',
  'detention_risk',
  'destitution',
  'loss_of_income_or_work',
  'family_separation',
  'bereavement',
  'hospital_admission',
  'exploitation_disclosure',
  'domestic_abuse_disclosure',
  'safeguarding_concern',
  'other',
] as const;
export type CrisisType = (typeof CRISIS_TYPES)[number];

export const SAFEGUARDING_FLAGS = [
  'adult_at_risk',
  'child',
  'trafficking_survivor',
  'torture_survivor',
  'gender_based_violence',
  'exploitation_risk',
  'recent_trauma_disclosure',
] as const;
export type SafeguardingFlag = (typeof SAFEGUARDING_FLAGS)[number];

export const FLAG_REQUIRED_LEVEL: Record<SafeguardingFlag, 2 | 3> = {
  adult_at_risk: 2,
  child: 2,
  trafficking_survivor: 3,
  torture_survivor: 3,
  gender_based_violence: 3,
  exploitation_risk: 3,
  recent_trauma_disclosure: 3,
};

export const VETTING_CHECKS_BY_LEVEL = {
  1: ['safeguarding_policy', 'safeguarding_lead', 'insurance', 'basic_safeguarding_training'],
  2: ['dbs_enhanced', 'safeguarding_adults_training', 'incident_procedure', 'boundaries_policy'],
  3: [
    'trauma_informed_training',
    'modern_slavery_awareness',
    'professional_support_pathway',
    'interpreter_policy',
  ],
} as const;
export const VETTING_CHECKS = [
  ...VETTING_CHECKS_BY_LEVEL[1],
  ...VETTING_CHECKS_BY_LEVEL[2],
  ...VETTING_CHECKS_BY_LEVEL[3],
] as const;
export type VettingCheck = (typeof VETTING_CHECKS)[number];

export const VETTING_STATUSES = ['pending', 'approved', 'expired', 'suspended', 'removed'] as const;
export type VettingStatus = (typeof VETTING_STATUSES)[number];

export const PLACEMENT_DECLINE_REASONS = [
  'no_capacity',
  'not_suitable_for_group',
  'not_suitable_time',
  'language_barrier',
  'safeguarding_concern',
  'person_declined',
  'other',
] as const;
export type PlacementDeclineReason = (typeof PLACEMENT_DECLINE_REASONS)[number];

export const PLACEMENT_END_REASONS = [
  'completed',
  'person_left',
  'moved_away',
  'group_closed',
  'safeguarding_concern',
  'crisis_withdrawal',
  'other',
] as const;
export type PlacementEndReason = (typeof PLACEMENT_END_REASONS)[number];

export const REFERRAL_STATUSES = ['received', 'assigned', 'accepted', 'declined'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_DECLINE_REASONS = [
  'person_declined',
  'unable_to_contact',
  'not_appropriate',
  'redirected',
] as const;
export type ReferralDeclineReason = (typeof REFERRAL_DECLINE_REASONS)[number];

export const URGENCIES = ['routine', 'soon', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const CASE_CLOSE_REASONS = [
  'goals_met',
  'moved_away',
  'relocated',
  'disengaged',
  'declined_further_support',
  'transferred',
  'deceased',
  'other',
] as const;
export type CaseCloseReason = (typeof CASE_CLOSE_REASONS)[number];

export const OUTCOME_INSTRUMENTS = ['SWEMWBS', 'ONS4', 'UCLA3'] as const;
export type OutcomeInstrument = (typeof OUTCOME_INSTRUMENTS)[number];

export const OUTCOME_TIMEPOINTS = ['baseline', 'review', 'exit'] as const;
export type OutcomeTimepoint = (typeof OUTCOME_TIMEPOINTS)[number];

export const ACTIVITY_TYPES = [
  'arts',
  'music',
  'food',
  'physical_activity',
  'nature',
  'conversation_esol',
  'befriending',
  'faith',
  'volunteering',
  'skills_and_work',
  'advice',
  'peer_support',
  'parenting',
  'womens_group',
  'mens_group',
  'young_people',
  'older_people',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** Who a person would like as their interpreter, and how the interpreter takes part. */
export const INTERPRETER_GENDERS = ['female', 'male', 'no_preference'] as const;
export type InterpreterGender = (typeof INTERPRETER_GENDERS)[number];
export const INTERPRETER_MODES = ['in_person', 'phone', 'video'] as const;
export type InterpreterMode = (typeof INTERPRETER_MODES)[number];

export const DELIVERY_MODES = ['in_person', 'remote', 'both'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export const PLACEMENT_STATUSES = [
  'offered',
  'accepted',
  'paused',
  'waitlisted',
  'declined',
  'ended',
  'expired',
  'withdrawn',
] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];
/** Placements in these statuses hold one of the group's places. */
export const RESERVING_PLACEMENT_STATUSES: readonly PlacementStatus[] = [
  'offered',
  'accepted',
  'paused',
];

/**
 * Equity fields (DESIGN.md): optional on the person, never required. Sex as the Census 2021 asks
 * it, plus "prefer not to say".
 */
export const SEXES = ['female', 'male', 'prefer_not_to_say'] as const;
export type Sex = (typeof SEXES)[number];

export const SEX_LABELS: Readonly<Record<Sex, string>> = {
  female: 'Female',
  male: 'Male',
  prefer_not_to_say: 'Prefer not to say',
};

/** The five high-level groups of the ONS 2021 ethnic group classification (England). */
export const ETHNIC_GROUP_HEADINGS = ['asian', 'black', 'mixed', 'white', 'other'] as const;
export type EthnicGroupHeading = (typeof ETHNIC_GROUP_HEADINGS)[number];

export const ETHNIC_GROUP_HEADING_LABELS: Readonly<Record<EthnicGroupHeading, string>> = {
  asian: 'Asian, Asian British or Asian Welsh',
  black: 'Black, Black British, Black Welsh, Caribbean or African',
  mixed: 'Mixed or Multiple ethnic groups',
  white: 'White',
  other: 'Other ethnic group',
};

/**
 * The 19 ethnic groups of the ONS 2021 Census (England and Wales), as codes, in the order of
 * GOV.UK's list of ethnic groups, each with its high-level group and the Census label.
 */
export const ETHNIC_GROUP_DEFINITIONS = [
  ['asian_indian', 'asian', 'Indian'],
  ['asian_pakistani', 'asian', 'Pakistani'],
  ['asian_bangladeshi', 'asian', 'Bangladeshi'],
  ['asian_chinese', 'asian', 'Chinese'],
  ['asian_other', 'asian', 'Other Asian'],
  ['black_african', 'black', 'African'],
  ['black_caribbean', 'black', 'Caribbean'],
  ['black_other', 'black', 'Other Black'],
  ['mixed_white_black_caribbean', 'mixed', 'White and Black Caribbean'],
  ['mixed_white_black_african', 'mixed', 'White and Black African'],
  ['mixed_white_asian', 'mixed', 'White and Asian'],
  ['mixed_other', 'mixed', 'Other Mixed or Multiple ethnic groups'],
  ['white_british', 'white', 'English, Welsh, Scottish, Northern Irish or British'],
  ['white_irish', 'white', 'Irish'],
  ['white_gypsy_or_irish_traveller', 'white', 'Gypsy or Irish Traveller'],
  ['white_roma', 'white', 'Roma'],
  ['white_other', 'white', 'Other White'],
  ['other_arab', 'other', 'Arab'],
  ['other_any', 'other', 'Any other ethnic group'],
] as const;
export type EthnicGroup = (typeof ETHNIC_GROUP_DEFINITIONS)[number][0];
export const ETHNIC_GROUPS: readonly EthnicGroup[] = ETHNIC_GROUP_DEFINITIONS.map(([code]) => code);

/** What the person may record: one of the 19 groups, or that they prefer not to say. */
export const ETHNICITIES = [...ETHNIC_GROUPS, 'prefer_not_to_say'] as const;
export type Ethnicity = EthnicGroup | 'prefer_not_to_say';

export const ETHNICITY_LABELS: Readonly<Record<Ethnicity, string>> = {
  ...(Object.fromEntries(
    ETHNIC_GROUP_DEFINITIONS.map(([code, heading, label]) => [
      code,
      `${ETHNIC_GROUP_HEADING_LABELS[heading]}: ${label}`,
    ]),
  ) as Record<EthnicGroup, string>),
  prefer_not_to_say: 'Prefer not to say',
};

/** Religion as the Census 2021 asks it (a voluntary question), plus "prefer not to say". */
export const RELIGIONS = [
  'no_religion',
  'christian',
  'buddhist',
  'hindu',
  'jewish',
  'muslim',
  'sikh',
  'other_religion',
  'prefer_not_to_say',
] as const;
export type Religion = (typeof RELIGIONS)[number];

export const RELIGION_LABELS: Readonly<Record<Religion, string>> = {
  no_religion: 'No religion',
  christian: 'Christian',
  buddhist: 'Buddhist',
  hindu: 'Hindu',
  jewish: 'Jewish',
  muslim: 'Muslim',
  sikh: 'Sikh',
  other_religion: 'Any other religion',
  prefer_not_to_say: 'Prefer not to say',
};
