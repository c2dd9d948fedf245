export const AGE_BANDS = ['0-15', '16-24', '25-34', '35-49', '50-64', '65+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Census 2021 length of residence in the UK, for people born abroad. */
export const YEAR_OF_ARRIVAL_BANDS = ['under_2', '2_to_5', '5_to_10', '10_plus'] as const;
export type YearOfArrivalBand = (typeof YEAR_OF_ARRIVAL_BANDS)[number];

const AGE_BAND_FLOORS: readonly [number, AgeBand][] = [
  [65, '65+'],
  [50, '50-64'],
  [35, '35-49'],
  [25, '25-34'],
  [16, '16-24'],
  [0, '0-15'],
];

/**
 * Age band on the UTC calendar date of `at`, from an ISO date of birth (YYYY-MM-DD).
 * Null when not recorded or born after `at`. A 29 February birthday counts from
 * 1 March in other years, as in UK law.
 */
export function ageBand(dateOfBirth: string | null, at: Date): AgeBand | null {
  if (dateOfBirth === null) return null;
  const born = parseIsoDate(dateOfBirth);
  const today = { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
  const hadBirthday =
    today.month > born.month || (today.month === born.month && today.day >= born.day);
  const age = today.year - born.year - (hadBirthday ? 0 : 1);
  if (age < 0) return null;
  return AGE_BAND_FLOORS.find(([floor]) => age >= floor)?.[1] ?? null;
}

/**
 * Only the year of arrival is recorded, so years in the UK are whole calendar years
 * (the UTC year of `at` minus the year of arrival): someone arriving in December counts
 * a full year by January. Null when not recorded or in the future.
 */
export function yearOfArrivalBand(
  yearOfArrival: number | null,
  at: Date,
): YearOfArrivalBand | null {
  if (yearOfArrival === null) return null;
  if (!Number.isSafeInteger(yearOfArrival)) {
    throw new RangeError(`year of arrival must be a whole year, got ${yearOfArrival}`);
  }
  const years = at.getUTCFullYear() - yearOfArrival;
  if (years < 0) return null;
  if (years < 2) return 'under_2';
  if (years < 5) return '2_to_5';
  if (years < 10) return '5_to_10';
  return '10_plus';
}

function parseIsoDate(value: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [year, month, day] = (match?.slice(1) ?? []).map(Number);
  const date = match ? new Date(Date.UTC(year, month - 1, day)) : null;
  if (date === null || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new RangeError(`date of birth must be a YYYY-MM-DD date, got ${value}`);
  }
  return { year, month, day };
}
