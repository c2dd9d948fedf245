import type { NewReferral } from '../referrals/referrals.service';

/**
 * Who sends it: the GP practice's referrer and Lina (both routed to the PCN), the council's link
 * worker (to the council), or the person themselves (routed by postcode: Rushcliffe's go to the
 * council, any other to the default service, the PCN).
 */
type DemoReferral = NewReferral & { by: 'referrer' | 'linkworker' | 'council' | 'self' };

const consent = (shareWithProviders = true) => ({
  referralDiscussed: true,
  date: '2026-11-16',
  shareWithProviders,
});

/** Invented people, typical of the referrals a migrant-focused link worker service receives. */
export const DEMO_REFERRALS: DemoReferral[] = [
  {
    by: 'referrer',
    channel: 'gp_practice',
    referrerName: 'Dr Asha Patel',
    referrerContact: '0115 000 0000',
    person: {
      givenName: 'Amina',
      familyName: 'Yusuf',
      dateOfBirth: '1990-04-02',
      postcode: 'NG7 1AA',
      phone: '07700 900123',
      preferredContact: 'phone',
      preferredLanguage: 'so',
      interpreterNeeded: true,
      gpRegistered: true,
      nhsNumber: '9434765919',
    },
    reasons: ['social_connection', 'mental_health'],
    summary: 'Isolated since moving to the area; low mood.',
    urgency: 'routine',
    consent: consent(),
  },
  {
    by: 'referrer',
    channel: 'gp_practice',
    referrerName: 'Dr Asha Patel',
    person: {
      givenName: 'Hamid',
      dateOfBirth: '1984-09-12',
      preferredLanguage: 'ps',
      interpreterNeeded: true,
    },
    reasons: ['housing', 'money', 'immigration_legal'],
    summary: 'Granted refugee status three weeks ago; asylum accommodation ends soon.',
    urgency: 'urgent',
    consent: consent(),
  },
  {
    by: 'linkworker',
    channel: 'library',
    referrerName: 'St Ann’s Library staff',
    person: {
      givenName: 'Maria',
      familyName: 'Popescu',
      preferredLanguage: 'ro',
      postcode: 'NG3 4JB',
    },
    reasons: ['language', 'employment'],
    summary: 'Asked about English classes and help finding work.',
    urgency: 'routine',
    consent: consent(),
  },
  {
    by: 'linkworker',
    channel: 'fire_service',
    referrerName: 'Safe and Well visit',
    person: {
      givenName: 'Tesfay',
      preferredLanguage: 'ti',
      interpreterNeeded: true,
      postcode: 'NG5 8PP',
    },
    reasons: ['safety', 'social_connection'],
    summary: 'Home safety visit; lives alone, no contacts in the city.',
    urgency: 'soon',
    consent: consent(false),
  },
  {
    by: 'self',
    channel: 'self',
    person: {
      givenName: 'Fatima',
      preferredLanguage: 'ar',
      email: 'fatima@example.org',
      preferredContact: 'email',
    },
    reasons: ['caring_responsibilities', 'social_connection'],
    summary: 'I look after my mother and would like to meet other women.',
    urgency: 'routine',
    consent: consent(),
  },
  {
    by: 'linkworker',
    channel: 'charity',
    referrerName: 'Refugee Action caseworker',
    person: { givenName: 'Yonas', dateOfBirth: '1999-01-20', preferredLanguage: 'am' },
    reasons: ['food', 'money', 'mental_health'],
    summary: 'Asylum claim refused; appeal lodged. No income.',
    urgency: 'urgent',
    consent: consent(),
  },
];

/** Referrals for the council's community connectors: two self-referrals from Rushcliffe, one sent by its link worker. */
export const DEMO_COUNCIL_REFERRALS: DemoReferral[] = [
  {
    by: 'self',
    channel: 'self',
    person: {
      givenName: 'Olena',
      familyName: 'Kovalenko',
      dateOfBirth: '1978-03-09',
      postcode: 'NG2 6AA',
      phone: '07700 900321',
      preferredContact: 'phone',
      preferredLanguage: 'uk',
    },
    reasons: ['language', 'employment', 'social_connection'],
    summary: 'I came from Kharkiv last year and would like to work again and meet people.',
    urgency: 'routine',
    consent: consent(),
  },
  {
    by: 'self',
    channel: 'self',
    person: {
      givenName: 'Joseph',
      familyName: 'Okoro',
      postcode: 'NG2 6AA',
      email: 'joseph@example.org',
      preferredContact: 'email',
    },
    reasons: ['mental_health', 'social_connection'],
    summary: 'Retired this spring and feel low; my wife died two years ago.',
    urgency: 'soon',
    consent: consent(),
  },
  {
    by: 'council',
    channel: 'library',
    referrerName: 'West Bridgford Library staff',
    person: { givenName: 'Halima', preferredLanguage: 'ur', interpreterNeeded: true },
    reasons: ['digital_transport', 'healthcare_access'],
    summary: 'Asked for help to book appointments online and to find a Urdu-speaking group.',
    urgency: 'routine',
    consent: consent(),
  },
];
