import type { PopulationKind } from '../population/census-labels';
import type { EquityDimension } from './equity.types';

const FIELD_WORDS: Readonly<Record<EquityDimension, string>> = {
  ethnicity: 'ethnic group',
  countryOfBirth: 'country of birth',
  ageBand: 'date of birth',
  sex: 'sex',
  area: 'postcode',
};

/** Source, methods, definitions and limits printed with every equity report. */
export function equityNotes(n: {
  by: EquityDimension;
  period: { from: string; to: string };
  threshold: number;
  kind: PopulationKind | null;
  sources: readonly string[];
  censusDate: string | null;
  synthetic: boolean;
  areas: readonly string[];
  gaveUp: boolean;
}): string[] {
  const notes: string[] = [];
  if (n.kind === null) {
    notes.push(
      'No population figures are loaded for this breakdown, so no rates can be given. Load the Census 2021 tables with `npm run import:population -- FILE.csv` (see src/reports/population/sample/README.md).',
    );
  }
  if (n.synthetic) {
    notes.push(
      'WARNING: the population figures are a SYNTHETIC sample shipped for the demo, invented and not real Census counts. Do not use or publish these rates; load the real Census 2021 tables instead.',
    );
  }
  notes.push(
    `Period: referrals received from ${n.period.from} to ${n.period.to} inclusive (UK time). Rates are referrals in the whole period per 1,000 residents, not per year.`,
    `Population (denominator): usual residents counted by Census 2021 (Office for National Statistics, Open Government Licence v3.0)${n.sources.length ? `, tables ${n.sources.join('; ')}` : ''}${n.censusDate ? `, census day ${n.censusDate}` : ''}. Areas covered: ${n.areas.join(', ') || 'none'}.`,
    `Referrals (numerator): referrals received in the period of people whose postcode lies in the areas covered (ONS Postcode Directory). People who chose "prefer not to say", whose ${FIELD_WORDS[n.by]} is not recorded, or whose postcode is not recorded or lies outside the areas, are outside the numerators: the rates of every group are lower than the true rates by the share of such people, which is why the completeness of each field is shown. A person referred twice counts twice.`,
    "Rate per 1,000 with a 95% confidence interval: Byar's method for 10 referrals or more, the exact Poisson limits below 10, as OHID Fingertips computes them.",
    "Rate ratio: the group's rate divided by the rate of everyone else in the report, with a 95% interval by the conditional (binomial) method with Wilson score limits; 1 means the same rate. A ratio is shown only beside a shown count and total.",
    "Age-standardised rate: directly standardised to the 2013 European Standard Population (18 five-year bands to 85+), with the 95% interval by Dobson's method; referrals whose age is not known are left out of it, and it is not given for fewer than 10 referrals, or where the population by age is not loaded for the group.",
    `Disclosure control: protection intervals with an audit (as tau-Argus does; see docs/data-protection.md): counts from 1 to ${n.threshold - 1} are suppressed ([c], null in JSON), and further counts wherever a reader could narrow a suppressed one, given the total and every other row, to fewer than ${n.threshold + 1} possible values. Zero is shown as 0. Rates, ratios and age-standardised rates are suppressed with their counts. Population figures are public and never suppressed.`,
    'Caveats: the Census counted residents on one day in March 2021; populations have changed since, most for new arrivals, whom the Census cannot count. Only people who reached social prescribing are counted; the report says nothing about why a group refers less.',
  );
  if (n.by === 'countryOfBirth') {
    notes.push(
      'Country of birth is grouped as Census 2021 table TS004 groups it (UK, EU14, EU8, EU2, other EU, other Europe, Africa, Middle East and Asia, the Americas and the Caribbean, Antarctica and Oceania, British Overseas); the grouping of a few countries at the edges (the Channel Islands, the Isle of Man, the Caucasus) is approximate.',
    );
  }
  if (n.by === 'ageBand') {
    notes.push(
      "Age bands are the Census five-year bands put together (0 to 14, 15 to 24, 25 to 34, 35 to 49, 50 to 64, 65 and over), so they differ slightly from the service-access report's (16 to 24). Age is at the date the referral was received.",
    );
  }
  if (n.by === 'sex') {
    notes.push(
      "Sex is as the person gave it (female, male, or prefer not to say); older records in a person's own words other than these are outside the numerators.",
    );
  }
  if (n.gaveUp) {
    notes.push(
      'This breakdown is too sparse to publish at this threshold: every count is suppressed. Choose a longer period or another breakdown.',
    );
  }
  return notes;
}
