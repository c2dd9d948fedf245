import { NOT_APPLICABLE, SUPPRESSED, toCsv, type CsvValue } from '../output/csv-writer';
import type { EquityReport, Interval } from './equity.types';

const CRUDE = 'Referrals to social prescribing per 1,000 residents';
const STANDARDISED = `${CRUDE}, directly age-standardised (ESP2013)`;
const RATIO = 'Rate ratio to the rest of the population';

/** Fingertips-like rows: one per indicator and category, [c] suppressed, [z] not applicable. */
export function equityCsv(report: EquityReport): string {
  const area = report.areas.map((a) => a.name ?? a.code).join('; ');
  const cells = (count: number | null, value: Interval): CsvValue[] => {
    if (count === null) return [SUPPRESSED, SUPPRESSED, SUPPRESSED];
    if (value.value === null) return [NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE];
    return [value.value, value.lower, value.upper];
  };
  const line = (
    indicator: string,
    areaName: string,
    category: string,
    count: number | null,
    population: number,
    value: Interval,
  ): CsvValue[] => [
    indicator,
    areaName,
    report.by,
    category,
    count === null ? SUPPRESSED : count,
    population,
    ...cells(count, value),
  ];
  const rows = report.rows.flatMap((r) => {
    const areaName = report.by === 'area' ? r.label : area;
    const category = report.by === 'area' ? 'All' : r.label;
    return [
      line(CRUDE, areaName, category, r.referrals, r.population, r.ratePer1000),
      line(STANDARDISED, areaName, category, r.referrals, r.population, r.ageStandardisedRate),
      line(RATIO, areaName, category, r.referrals, r.population, r.rateRatio),
    ];
  });
  const t = report.totals;
  rows.push(line(CRUDE, area, 'All', t.referrals, t.population, t.ratePer1000));
  rows.push(line(STANDARDISED, area, 'All', t.referrals, t.population, t.ageStandardisedRate));
  return toCsv(
    [
      'Indicator',
      'Area',
      'Category Type',
      'Category',
      'Count',
      'Denominator',
      'Value',
      'Lower CI 95.0 limit',
      'Upper CI 95.0 limit',
    ],
    rows,
  );
}
