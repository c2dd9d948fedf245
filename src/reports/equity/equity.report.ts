import { byCodePoint } from '../../common/code-point-order';
import {
  ETHNIC_GROUPS,
  ETHNICITY_LABELS,
  SEX_LABELS,
  type EthnicGroup,
} from '../../common/vocabulary';
import { COUNTRY_OF_BIRTH_GROUPS, type PopulationKind } from '../population/census-labels';
import { publishedShare } from '../statistics/completeness';
import type { LpSolver } from '../statistics/lp-solver';
import { crudeRate, rateRatio } from '../statistics/population-rates';
import { protectTables } from '../statistics/protected-tables';
import {
  directlyStandardisedRate,
  ESP2013_18,
  ESP2013_18_BANDS,
  type Esp2013Band18,
} from '../statistics/standardised-rate';
import { countryOfBirthGroup } from './country-of-birth-group';
import { equityNotes } from './equity.notes';
import {
  EQUITY_AGE_BANDS,
  type EquityDimension,
  type EquityReport,
  type EquityRow,
  type Interval,
} from './equity.types';

export interface ReferralCount {
  /** The breakdown's raw value (an ethnicity code, ISO country, age floor, area code), or null. */
  readonly key: string | null;
  /** The floor of the five-year age band at referral (0, 5, … 85), null when age is unknown. */
  readonly ageFloor: number | null;
  readonly referrals: number;
}

export interface PopulationFigure {
  readonly areaCode: string;
  readonly areaName: string | null;
  readonly category: string;
  /** 'all' or an ESP2013 18-band band. */
  readonly ageBand: string;
  readonly count: number;
}

export interface EquityInput {
  readonly by: EquityDimension;
  readonly period: { readonly from: string; readonly to: string };
  readonly threshold: number;
  readonly generatedAt: Date;
  /** The population kind the denominators come from; null when none is loaded. */
  readonly kind: PopulationKind | null;
  readonly population: readonly PopulationFigure[];
  readonly referrals: readonly ReferralCount[];
  readonly people: {
    readonly people: number;
    readonly sex: number;
    readonly ethnicity: number;
    readonly religion: number;
  };
  readonly sources: readonly string[];
  readonly censusDate: string | null;
}

interface Group {
  readonly key: string;
  label: string;
  population: number;
  /** Population by five-year band; null when some area or category lacks them. */
  bands: Map<Esp2013Band18, number> | null;
  referrals: number;
  referralsByBand: Map<Esp2013Band18, number>;
}

const EMPTY: Interval = { value: null, lower: null, upper: null };
const round = (v: number, places: number) => Number(v.toFixed(places));
const roundInterval = (
  i: { value: number | null; lower: number | null; upper: number | null },
  places: number,
): Interval => ({
  value: i.value === null ? null : round(i.value, places),
  lower: i.lower === null ? null : round(i.lower, places),
  upper: i.upper === null ? null : round(i.upper, places),
});

const bandOfFloor = (floor: number): Esp2013Band18 =>
  (floor >= 85 ? '85+' : `${floor}-${floor + 4}`) as Esp2013Band18;

/** A five-year band ('20-24') or age floor in the equity report's broader band ('15-24'). */
function equityAgeBand(floor: number): (typeof EQUITY_AGE_BANDS)[number] {
  if (floor < 15) return '0-14';
  if (floor < 25) return '15-24';
  if (floor < 35) return '25-34';
  if (floor < 50) return '35-49';
  if (floor < 65) return '50-64';
  return '65+';
}

/** The report's group of a referral's raw value, or null when it is outside every group. */
function groupOfReferral(by: EquityDimension, key: string | null): string | null {
  if (key === null) return null;
  switch (by) {
    case 'ethnicity':
      return (ETHNIC_GROUPS as readonly string[]).includes(key) ? key : null;
    case 'sex':
      return key === 'female' || key === 'male' ? key : null;
    case 'countryOfBirth':
      return countryOfBirthGroup(key);
    case 'ageBand':
      return /^\d+$/.test(key) ? equityAgeBand(Number(key)) : null;
    case 'area':
      return key;
  }
}

/** The report's group of a population category of the breakdown's kind. */
function groupOfCategory(by: EquityDimension, category: string): string | null {
  if (by === 'ageBand') {
    const floor = Number(category.replace('+', '').split('-')[0]);
    return Number.isInteger(floor) ? equityAgeBand(floor) : null;
  }
  return category;
}

function labelOf(by: EquityDimension, key: string, areaName: string | null): string {
  switch (by) {
    case 'ethnicity':
      return ETHNICITY_LABELS[key as EthnicGroup] ?? key;
    case 'sex':
      return SEX_LABELS[key as 'female' | 'male'] ?? key;
    case 'countryOfBirth':
      return COUNTRY_OF_BIRTH_GROUPS[key as keyof typeof COUNTRY_OF_BIRTH_GROUPS] ?? key;
    case 'ageBand':
      return key === '65+' ? '65 and over' : key.replace('-', ' to ');
    case 'area':
      return areaName ?? key;
  }
}

const ORDER: Readonly<Record<Exclude<EquityDimension, 'area'>, readonly string[]>> = {
  ethnicity: ETHNIC_GROUPS,
  countryOfBirth: Object.keys(COUNTRY_OF_BIRTH_GROUPS),
  ageBand: EQUITY_AGE_BANDS,
  sex: ['female', 'male'],
};

interface PopulationCell {
  area: string;
  name: string | null;
  category: string;
  all?: number;
  bands: Map<Esp2013Band18, number>;
}

/**
 * Denominators by group: each area's figure for a category is its all-ages row, or the sum of its
 * five-year bands; the bands are kept where every area and category has all eighteen.
 */
function populationGroups(by: EquityDimension, figures: readonly PopulationFigure[]) {
  const cells = new Map<string, PopulationCell>();
  for (const f of figures) {
    const id = `${f.areaCode}|${f.category}`;
    const cell: PopulationCell = cells.get(id) ?? {
      area: f.areaCode,
      name: f.areaName,
      category: f.category,
      bands: new Map(),
    };
    if (f.ageBand === 'all') cell.all = (cell.all ?? 0) + f.count;
    else if ((ESP2013_18_BANDS as readonly string[]).includes(f.ageBand)) {
      const band = f.ageBand as Esp2013Band18;
      cell.bands.set(band, (cell.bands.get(band) ?? 0) + f.count);
    }
    cells.set(id, cell);
  }
  const groups = new Map<string, Group>();
  const areas = new Map<string, string | null>();
  for (const cell of cells.values()) {
    areas.set(cell.area, cell.name ?? areas.get(cell.area) ?? null);
    const key = by === 'area' ? cell.area : groupOfCategory(by, cell.category);
    if (key === null) continue;
    const group = groups.get(key) ?? {
      key,
      label: labelOf(by, key, cell.name),
      population: 0,
      bands: new Map<Esp2013Band18, number>(),
      referrals: 0,
      referralsByBand: new Map<Esp2013Band18, number>(),
    };
    const bandSum = [...cell.bands.values()].reduce((s, n) => s + n, 0);
    group.population += cell.all ?? bandSum;
    if (group.bands !== null && cell.bands.size === ESP2013_18_BANDS.length) {
      for (const [band, n] of cell.bands) group.bands.set(band, (group.bands.get(band) ?? 0) + n);
    } else group.bands = null;
    groups.set(key, group);
  }
  return { groups, areas };
}

function standardised(
  bands: Map<Esp2013Band18, number> | null,
  referralsByBand: ReadonlyMap<Esp2013Band18, number>,
): Interval {
  if (bands === null || ESP2013_18_BANDS.some((b) => !((bands.get(b) ?? 0) > 0))) return EMPTY;
  const dsr = directlyStandardisedRate(
    ESP2013_18_BANDS.map((b) => ({
      count: referralsByBand.get(b) ?? 0,
      population: bands.get(b) as number,
      standard: ESP2013_18[b],
    })),
  );
  return roundInterval(dsr, 2);
}

/**
 * The equity report: referrals of the covered areas' residents per 1,000 of them, by group, with
 * Byar's (or exact) 95% limits, the ratio to everyone else's rate, and age-standardised rates
 * where the age-specific population is loaded. Counts are suppressed by protection intervals
 * (`protectTables`): rates and ratios go with their counts.
 */
export function buildEquityReport(input: EquityInput, solver: LpSolver): EquityReport {
  const { by, threshold } = input;
  const { groups, areas } = populationGroups(by, input.population);
  for (const r of input.referrals) {
    const group = groups.get(groupOfReferral(by, r.key) ?? '');
    if (!group) continue;
    group.referrals += r.referrals;
    if (r.ageFloor !== null) {
      const band = bandOfFloor(r.ageFloor);
      group.referralsByBand.set(band, (group.referralsByBand.get(band) ?? 0) + r.referrals);
    }
  }
  const order = by === 'area' ? undefined : ORDER[by];
  const list = [...groups.values()].sort((a, b) =>
    order ? order.indexOf(a.key) - order.indexOf(b.key) : byCodePoint(a.label, b.label),
  );
  const total = list.reduce((s, g) => s + g.referrals, 0);
  const totalPopulation = list.reduce((s, g) => s + g.population, 0);

  const protection = protectTables(
    [
      {
        name: 'rows',
        additive: true,
        rows: list.map((g) => ({ key: { [by]: g.key }, counts: { referrals: g.referrals } })),
      },
    ],
    ['referrals'] as const,
    { referrals: total },
    threshold,
    solver,
  );
  // A count the audit could not protect is never published: then nothing is.
  const withheld = protection.unprotected.length > 0;
  const shown = (n: number | null) => (withheld ? null : n);
  const totalShown = shown(protection.totals.referrals);

  const allBands = list.every((g) => g.bands !== null)
    ? list.reduce((sum, g) => {
        for (const [b, n] of g.bands as Map<Esp2013Band18, number>)
          sum.set(b, (sum.get(b) ?? 0) + n);
        return sum;
      }, new Map<Esp2013Band18, number>())
    : null;
  const allReferralsByBand = list.reduce((sum, g) => {
    for (const [b, n] of g.referralsByBand) sum.set(b, (sum.get(b) ?? 0) + n);
    return sum;
  }, new Map<Esp2013Band18, number>());

  const rows: EquityRow[] = list.map((g, i) => {
    const count = shown(protection.tables[0].rows[i].counts.referrals);
    const rate =
      count !== null && g.population > 0 ? roundInterval(crudeRate(count, g.population), 2) : EMPTY;
    const restPopulation = totalPopulation - g.population;
    const ratio =
      count !== null && totalShown !== null && g.population > 0 && restPopulation > 0
        ? roundInterval(rateRatio(count, g.population, totalShown - count, restPopulation), 3)
        : EMPTY;
    return {
      key: g.key,
      label: g.label,
      referrals: count,
      population: g.population,
      ratePer1000: rate,
      rateRatio: ratio,
      ageStandardisedRate:
        count !== null && by !== 'ageBand' ? standardised(g.bands, g.referralsByBand) : EMPTY,
    };
  });
  const share = (recorded: number) =>
    publishedShare(recorded, input.people.people, threshold, false);
  const synthetic = input.sources.some((s) => /synthetic/i.test(s));
  return {
    report: 'equity',
    period: input.period,
    by,
    threshold,
    generatedAt: input.generatedAt.toISOString(),
    rows,
    totals: {
      referrals: totalShown,
      population: totalPopulation,
      ratePer1000:
        totalShown !== null && totalPopulation > 0
          ? roundInterval(crudeRate(totalShown, totalPopulation), 2)
          : EMPTY,
      ageStandardisedRate:
        totalShown !== null && by !== 'ageBand'
          ? standardised(allBands, allReferralsByBand)
          : EMPTY,
    },
    areas: [...areas]
      .map(([code, name]) => ({ code, name }))
      .sort((a, b) => byCodePoint(a.code, b.code)),
    completeness: {
      sex: share(input.people.sex),
      ethnicity: share(input.people.ethnicity),
      religion: share(input.people.religion),
    },
    population: { sources: input.sources, censusDate: input.censusDate, synthetic },
    suppressed: rows
      .flatMap((r) => (r.referrals === null ? [{ row: r.key, measure: 'referrals' as const }] : []))
      .concat(totalShown === null ? [{ row: 'totals', measure: 'referrals' as const }] : []),
    notes: equityNotes({
      by,
      period: input.period,
      threshold,
      kind: input.kind,
      sources: input.sources,
      censusDate: input.censusDate,
      synthetic,
      // In the order of the report's areas (by code): the population rows come in no order.
      areas: [...areas].sort(([a], [b]) => byCodePoint(a, b)).map(([code, name]) => name ?? code),
      gaveUp: protection.gaveUp || withheld,
    }),
  };
}
