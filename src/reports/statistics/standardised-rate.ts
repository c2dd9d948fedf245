import { BYAR_MINIMUM_COUNT, byarInterval } from './population-rates';

/**
 * The 2013 European Standard Population (Eurostat, "Revision of the European Standard
 * Population", 2013 edition), in its 19 five-year bands: 0–4, 5–9, …, 85–89, 90+. It sums to
 * 100,000.
 */
export const ESP2013_BANDS = [
  '0-4',
  '5-9',
  '10-14',
  '15-19',
  '20-24',
  '25-29',
  '30-34',
  '35-39',
  '40-44',
  '45-49',
  '50-54',
  '55-59',
  '60-64',
  '65-69',
  '70-74',
  '75-79',
  '80-84',
  '85-89',
  '90+',
] as const;
export type Esp2013Band = (typeof ESP2013_BANDS)[number];

export const ESP2013: Readonly<Record<Esp2013Band, number>> = {
  '0-4': 5000,
  '5-9': 5500,
  '10-14': 5500,
  '15-19': 5500,
  '20-24': 6000,
  '25-29': 6000,
  '30-34': 6500,
  '35-39': 7000,
  '40-44': 7000,
  '45-49': 7000,
  '50-54': 7000,
  '55-59': 6500,
  '60-64': 6000,
  '65-69': 5500,
  '70-74': 5000,
  '75-79': 4000,
  '80-84': 2500,
  '85-89': 1500,
  '90+': 1000,
};

/** The 18-band form, where population figures stop at 85+ (as many Census tables do). */
export const ESP2013_18_BANDS = [...ESP2013_BANDS.slice(0, 17), '85+'] as const;
export type Esp2013Band18 = (typeof ESP2013_18_BANDS)[number];
export const ESP2013_18: Readonly<Record<Esp2013Band18, number>> = {
  ...(Object.fromEntries(ESP2013_BANDS.slice(0, 17).map((b) => [b, ESP2013[b]])) as Record<
    Exclude<Esp2013Band18, '85+'>,
    number
  >),
  '85+': ESP2013['85-89'] + ESP2013['90+'],
};

export interface AgeBandCount {
  /** Events in the band. */
  readonly count: number;
  /** The band's population (the denominator). */
  readonly population: number;
  /** The band's standard population weight. */
  readonly standard: number;
}

export interface StandardisedRate {
  readonly value: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly count: number;
  /** Why there is no value: fewer than 10 events, as the guidance advises. */
  readonly reason: 'fewer_than_10_events' | null;
}

/**
 * A directly standardised rate per `per` people, with its 95% interval by Dobson's method
 * (Dobson et al., 1991): the interval of the total count O (Byar's method) carried over to the
 * rate through DSR ± √(var(DSR)/O)·(O_limit − O), with var(DSR) = Σ wᵢ²·Oᵢ/nᵢ² / (Σ wᵢ)².
 * Not given for fewer than 10 events in all (Fingertips guidance; Morris et al., 2018).
 */
export function directlyStandardisedRate(
  bands: readonly AgeBandCount[],
  per = 1000,
): StandardisedRate {
  for (const b of bands) {
    if (!Number.isSafeInteger(b.count) || b.count < 0) {
      throw new RangeError(`a band's count must be a non-negative integer, got ${b.count}`);
    }
    if (!(b.population > 0)) {
      throw new RangeError(`a band's population must be positive, got ${b.population}`);
    }
    if (!(b.standard >= 0)) {
      throw new RangeError(`a band's standard weight must not be negative, got ${b.standard}`);
    }
  }
  const count = bands.reduce((sum, b) => sum + b.count, 0);
  if (count < BYAR_MINIMUM_COUNT) {
    return { value: null, lower: null, upper: null, count, reason: 'fewer_than_10_events' };
  }
  const totalWeight = bands.reduce((sum, b) => sum + b.standard, 0);
  const dsr =
    bands.reduce((sum, b) => sum + (b.standard * b.count) / b.population, 0) / totalWeight;
  const variance =
    bands.reduce((sum, b) => sum + (b.standard / b.population) ** 2 * b.count, 0) /
    totalWeight ** 2;
  const limits = byarInterval(count);
  const scale = Math.sqrt(variance / count);
  return {
    value: dsr * per,
    lower: (dsr + scale * (limits.lower - count)) * per,
    upper: (dsr + scale * (limits.upper - count)) * per,
    count,
    reason: null,
  };
}
