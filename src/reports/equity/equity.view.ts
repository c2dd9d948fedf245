import { intervalChart } from '../../common/charts/svg';
import {
  countCell,
  longDate,
  longDateTime,
  notApplicableCell,
  percentCell,
  suppressedCell,
  type Cell,
} from '../output/view-cells';
import type { EquityDimension, EquityReport, Interval } from './equity.types';

export const EQUITY_DIMENSION_LABELS: Readonly<Record<EquityDimension, string>> = {
  ethnicity: 'Ethnic group',
  countryOfBirth: 'Country of birth',
  ageBand: 'Age band (at referral)',
  sex: 'Sex',
  area: 'Area',
};

const intervalCell = (count: number | null, i: Interval, places: number): Cell =>
  count === null
    ? suppressedCell
    : i.value === null || i.lower === null || i.upper === null
      ? notApplicableCell
      : {
          text: `${i.value.toFixed(places)} (${i.lower.toFixed(places)} to ${i.upper.toFixed(places)})`,
          numeric: true,
        };

const populationCell = (n: number): Cell => countCell(n);

/** The printable equity report: a dot-and-interval chart of the rates and the table. */
export function equityView(report: EquityReport) {
  const period = `${longDate(report.period.from)} to ${longDate(report.period.to)}`;
  const query = new URLSearchParams({
    from: report.period.from,
    to: report.period.to,
    by: report.by,
  });
  const rateChart = intervalChart({
    id: 'chart-equity-rates',
    title: `Referrals per 1,000 residents by ${EQUITY_DIMENSION_LABELS[report.by].toLowerCase()}, with 95% confidence intervals`,
    description: `Referrals received ${period}. Counts under ${report.threshold} are suppressed.`,
    points: report.rows.map((r) => ({
      label: r.label,
      value: r.referrals === null ? null : r.ratePer1000.value,
      lower: r.ratePer1000.lower,
      upper: r.ratePer1000.upper,
    })),
    reference:
      report.totals.ratePer1000.value === null
        ? undefined
        : { label: 'All residents', value: report.totals.ratePer1000.value },
  });
  const t = report.totals;
  return {
    title: 'Equity report',
    period,
    generatedAt: longDateTime(report.generatedAt),
    threshold: report.threshold,
    breakdownName: EQUITY_DIMENSION_LABELS[report.by],
    synthetic: report.population.synthetic,
    csvQuery: `${query.toString()}&format=csv`,
    rateChart,
    columns: [
      'Referrals',
      'Residents (Census 2021)',
      'Rate per 1,000 (95% CI)',
      'Rate ratio (95% CI)',
      'Age-standardised rate per 1,000 (95% CI)',
    ],
    rows: report.rows.map((r) => ({
      label: r.label,
      cells: [
        countCell(r.referrals),
        populationCell(r.population),
        intervalCell(r.referrals, r.ratePer1000, 2),
        intervalCell(r.referrals, r.rateRatio, 2),
        intervalCell(r.referrals, r.ageStandardisedRate, 2),
      ],
    })),
    totals: [
      countCell(t.referrals),
      populationCell(t.population),
      intervalCell(t.referrals, t.ratePer1000, 2),
      notApplicableCell,
      intervalCell(t.referrals, t.ageStandardisedRate, 2),
    ],
    completeness: [
      { label: 'Sex', cell: percentCell(report.completeness.sex) },
      { label: 'Ethnic group', cell: percentCell(report.completeness.ethnicity) },
      { label: 'Religion', cell: percentCell(report.completeness.religion) },
    ],
    suppressedCount: report.suppressed.length,
    notes: report.notes,
  };
}
