import { countries } from 'countries-list';
import type { CountryOfBirthGroup } from '../population/census-labels';

/** The EU groups of the Census 2021 country-of-birth classification. */
const EU14 = ['AT', 'BE', 'DK', 'FI', 'FR', 'DE', 'GR', 'IE', 'IT', 'LU', 'NL', 'PT', 'ES', 'SE'];
const EU8 = ['CZ', 'EE', 'HU', 'LV', 'LT', 'PL', 'SK', 'SI'];
const EU2 = ['BG', 'RO'];
const EU_OTHER = ['CY', 'MT', 'HR'];
/** British Overseas Territories. */
const BRITISH_OVERSEAS = ['AI', 'BM', 'IO', 'VG', 'KY', 'FK', 'GI', 'MS', 'PN', 'SH', 'TC', 'GS'];
/** Classed with Europe by ONS, though the continent lists put it in Asia. */
const EUROPE_NON_EU_ASIAN = ['TR'];

const BY_CONTINENT: Readonly<Record<string, CountryOfBirthGroup>> = {
  EU: 'europe_non_eu',
  AF: 'africa',
  AS: 'middle_east_asia',
  NA: 'americas_caribbean',
  SA: 'americas_caribbean',
  OC: 'oceania_other',
  AN: 'oceania_other',
};

/**
 * The Census 2021 (TS004) country-of-birth group of an ISO 3166-1 alpha-2 code, or null for an
 * unknown code. The EU, UK and British Overseas groups are listed here; the rest follow each
 * country's continent (`countries-list`). An approximation of ONS's own classification at its
 * edges: the Channel Islands and the Isle of Man fall in "other Europe" and the Caucasus in
 * "Middle East and Asia".
 */
export function countryOfBirthGroup(iso: string | null): CountryOfBirthGroup | null {
  if (iso === null) return null;
  const code = iso.toUpperCase();
  if (code === 'GB') return 'uk';
  if (EU14.includes(code)) return 'eu14';
  if (EU8.includes(code)) return 'eu8';
  if (EU2.includes(code)) return 'eu2';
  if (EU_OTHER.includes(code)) return 'eu_other';
  if (BRITISH_OVERSEAS.includes(code)) return 'british_overseas';
  if (EUROPE_NON_EU_ASIAN.includes(code)) return 'europe_non_eu';
  const country = (countries as Record<string, { continent: string } | undefined>)[code];
  return country ? (BY_CONTINENT[country.continent] ?? null) : null;
}
