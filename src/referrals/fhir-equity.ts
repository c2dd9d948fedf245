import type { Ethnicity, Sex } from '../common/vocabulary';

/** UK Core's ethnic category extension on Patient (valueCodeableConcept, binding preferred). */
export const UK_CORE_ETHNIC_CATEGORY_URL =
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory';
/** NHS Data Dictionary ethnic category (the 2001 Census groups), as UK Core's England code system. */
export const ETHNIC_CATEGORY_ENGLAND_SYSTEM =
  'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland';
export const ETHNIC_CATEGORY_WALES_SYSTEM =
  'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryWales';

/**
 * NHS England's codes (2001 groups) as ONS 2021 groups. Chinese moved from "Other" to "Asian" in
 * 2011; "Any other White background" (C) and "Any other ethnic group" (S) cannot be split into
 * Gypsy or Irish Traveller, Roma or Arab, so they become "Other White" and "Any other ethnic
 * group". Z (not stated) is the person's choice not to say; 99 (not known) records nothing.
 */
const FROM_ENGLAND: Readonly<Record<string, Ethnicity>> = {
  A: 'white_british',
  B: 'white_irish',
  C: 'white_other',
  D: 'mixed_white_black_caribbean',
  E: 'mixed_white_black_african',
  F: 'mixed_white_asian',
  G: 'mixed_other',
  H: 'asian_indian',
  J: 'asian_pakistani',
  K: 'asian_bangladeshi',
  L: 'asian_other',
  M: 'black_caribbean',
  N: 'black_african',
  P: 'black_other',
  R: 'asian_chinese',
  S: 'other_any',
  Z: 'prefer_not_to_say',
};

/** Wales's codes; A ("any White background") cannot be placed in one ONS group, so records nothing. */
const FROM_WALES: Readonly<Record<string, Ethnicity>> = {
  ...Object.fromEntries(
    Object.entries(FROM_ENGLAND).filter(([code]) => 'DEFGHJKLMNPRSZ'.includes(code)),
  ),
  B: 'white_gypsy_or_irish_traveller',
  T: 'other_arab',
};

/** The ethnicity a UK Core ethnic category coding gives, or null when it names none we can place. */
export function ethnicityOfCoding(system: unknown, code: unknown): Ethnicity | null {
  if (typeof code !== 'string') return null;
  if (system === ETHNIC_CATEGORY_ENGLAND_SYSTEM) return FROM_ENGLAND[code] ?? null;
  if (system === ETHNIC_CATEGORY_WALES_SYSTEM) return FROM_WALES[code] ?? null;
  return null;
}

/**
 * `Patient.gender` (FHIR administrative gender) as Linkway's sex: female and male carry over;
 * `other` and `unknown` record nothing (Linkway asks female, male or prefer not to say).
 */
export function sexOfGender(gender: unknown): Sex | null {
  return gender === 'female' || gender === 'male' ? gender : null;
}
