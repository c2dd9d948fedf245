import { ETHNIC_GROUP_DEFINITIONS, ETHNIC_GROUP_HEADING_LABELS } from '../../common/vocabulary';
import { ESP2013_18_BANDS } from '../statistics/standardised-rate';

/** The kinds of category the equity report breaks population and referrals down by. */
export const POPULATION_KINDS = ['ethnicity', 'countryOfBirth', 'ageBand', 'sex'] as const;
export type PopulationKind = (typeof POPULATION_KINDS)[number];

/** A population row's age band when the figure covers every age. */
export const ALL_AGES = 'all';

/**
 * Census 2021 country-of-birth groups as TS004 publishes them (its leaf categories), and
 * Linkway's code for each.
 */
export const COUNTRY_OF_BIRTH_GROUPS = {
  uk: 'Europe: United Kingdom',
  eu14: 'Europe: EU countries: European Union EU14',
  eu8: 'Europe: EU countries: European Union EU8',
  eu2: 'Europe: EU countries: European Union EU2',
  eu_other: 'Europe: EU countries: All other EU countries',
  europe_non_eu: 'Europe: Non-EU countries: All other non-EU countries',
  africa: 'Africa',
  middle_east_asia: 'Middle East and Asia',
  americas_caribbean: 'The Americas and the Caribbean',
  oceania_other: 'Antarctica and Oceania (including Australasia) and Other',
  british_overseas: 'British Overseas',
} as const;
export type CountryOfBirthGroup = keyof typeof COUNTRY_OF_BIRTH_GROUPS;

/** One Census variable's value as a category of ours; `total` and `aggregate` are not rows. */
export type Classified =
  | { readonly kind: PopulationKind; readonly category: string }
  | { readonly total: true }
  | { readonly aggregate: true };

const normal = (label: string) => label.replace(/\s+/g, ' ').trim().toLowerCase();

const ETHNICITY_BY_LABEL = new Map<string, string>(
  ETHNIC_GROUP_DEFINITIONS.map(([code, heading, label]) => [
    normal(`${ETHNIC_GROUP_HEADING_LABELS[heading]}: ${label}`),
    code,
  ]),
);
const ETHNIC_HEADINGS = new Set(Object.values(ETHNIC_GROUP_HEADING_LABELS).map(normal));
const COUNTRY_BY_LABEL = new Map<string, string>(
  Object.entries(COUNTRY_OF_BIRTH_GROUPS).map(([code, label]) => [normal(label), code]),
);
const COUNTRY_AGGREGATES = new Set(
  ['Europe', 'Europe: EU countries', 'Europe: Non-EU countries'].map(normal),
);

/**
 * An age label as an ESP2013 band of the 18-band form ('0-4' … '85+'), `all` for the total, or
 * null for any other band (single years, 10 to 15…), which the import leaves out.
 */
export function ageBandOfLabel(label: string): string | null {
  const l = normal(label);
  if (l === 'total' || l.startsWith('total:') || l === 'all ages') return ALL_AGES;
  if (l === 'aged 4 years and under') return '0-4';
  if (l === 'aged 85 years and over') return '85+';
  const range = /^aged (\d+) to (\d+) years$/.exec(l);
  if (range) {
    const band = `${Number(range[1])}-${Number(range[2])}`;
    return (ESP2013_18_BANDS as readonly string[]).includes(band) ? band : null;
  }
  return null;
}

/**
 * A Census variable ("Ethnic group", "Country of birth", "Sex", "Age", as Nomis and ONS name
 * them, with or without "(20 categories)") and one of its labels, as a category of ours.
 * Returns null for a variable or label it does not know.
 */
export function classify(variable: string, label: string): Classified | null {
  const v = normal(variable).replace(/\s*\([^)]*\)/g, '');
  const l = normal(label);
  if (l === 'total' || l.startsWith('total:') || l === 'all persons') return { total: true };
  if (l === 'does not apply') return { aggregate: true };
  if (v.startsWith('ethnic group')) {
    const code = ETHNICITY_BY_LABEL.get(l);
    if (code) return { kind: 'ethnicity', category: code };
    return ETHNIC_HEADINGS.has(l) ? { aggregate: true } : null;
  }
  if (v.startsWith('country of birth')) {
    const code = COUNTRY_BY_LABEL.get(l);
    if (code) return { kind: 'countryOfBirth', category: code };
    return COUNTRY_AGGREGATES.has(l) ? { aggregate: true } : null;
  }
  if (v === 'sex') {
    if (l === 'female') return { kind: 'sex', category: 'female' };
    if (l === 'male') return { kind: 'sex', category: 'male' };
    return null;
  }
  if (v === 'age' || v.startsWith('age ')) {
    const band = ageBandOfLabel(label);
    if (band === ALL_AGES) return { total: true };
    return band ? { kind: 'ageBand', category: band } : { aggregate: true };
  }
  return null;
}
