import { hasOwn } from './values';

/**
 * Codes whose human label is not just "underscores to spaces, capital first letter". This is the
 * one place pages, letters and lists get a code's words from (`humanLabel`, `{{label}}`).
 */
export const LABEL_OVERRIDES: Readonly<Record<string, string>> = {
  // roles
  admin: 'Administrator',
  // referral channels
  gp_practice: 'GP practice',
  nhs_service: 'NHS service',
  job_centre: 'Jobcentre',
  self: 'Self-referral',
  family_or_friend: 'Family or friend',
  // needs domains
  immigration_legal: 'Immigration and legal',
  volunteering_skills: 'Volunteering and skills',
  digital_transport: 'Digital and transport',
  culture_faith: 'Culture and faith',
  healthcare_access: 'Access to healthcare',
  // migrant status
  uk_born: 'UK born',
  eea_national: 'EEA national',
  third_country_national: 'Third-country national',
  refugee: 'Refugee (including humanitarian protection)',
  // crisis points
  asylum_decision_refused: 'Asylum decision: refused',
  status_granted_move_on: 'Status granted (move-on period)',
  // vetting checks
  dbs_enhanced: 'Enhanced DBS check',
  // activities
  conversation_esol: 'Conversation and ESOL',
  womens_group: "Women's group",
  mens_group: "Men's group",
  esol: 'ESOL',
  // outcome instruments
  swemwbs: 'SWEMWBS',
  ons4: 'ONS4 personal wellbeing',
  ucla3: 'UCLA 3-item loneliness',
  // delivery, contact
  in_person: 'In person',
  sms: 'Text message',
  text_message: 'Text message',
  interpreter_call: 'Call with an interpreter',
  // onward referrals
  modern_slavery_nrm: 'Modern slavery (National Referral Mechanism)',
  food_bank: 'Food bank',
};

/** Words written in capitals wherever they appear in a code. */
const ACRONYMS = new Set([
  'gp',
  'nhs',
  'uk',
  'eea',
  'eu',
  'dbs',
  'esol',
  'ons',
  'jsna',
  'ucla',
  'lgbtq',
  'lgbtqia',
  'id',
  'csv',
  'pdf',
  'ai',
]);

/**
 * A code's human label: the override table (yours first, then `LABEL_OVERRIDES`), otherwise
 * underscores become spaces, known acronyms are capitalised and the first letter is upper case.
 */
export function humanLabel(code: unknown, overrides?: Readonly<Record<string, string>>): string {
  if (code === null || code === undefined || code === '') return '';
  const key = String(code);
  if (overrides && hasOwn(overrides, key)) return String(overrides[key]);
  const lower = key.toLowerCase();
  if (hasOwn(LABEL_OVERRIDES, key)) return LABEL_OVERRIDES[key];
  if (hasOwn(LABEL_OVERRIDES, lower)) return LABEL_OVERRIDES[lower];
  const words = key
    .split(/[_\s]+/)
    .filter((w) => w.length > 0)
    .map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
