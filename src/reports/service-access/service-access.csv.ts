import { countCell, NOT_APPLICABLE, SUPPRESSED, toCsv, type CsvValue } from '../output/csv-writer';
import { MEASURES } from './dimensions';
import type { ReportRow, ServiceAccessReport } from './service-access.types';

const HEADER_MEASURES = [
  ...MEASURES,
  'uptake_rate',
  'uptake_rate_lower_95',
  'uptake_rate_upper_95',
  'median_days_to_first_contact',
  'median_days_to_placement',
  'swemwbs_change_mean',
  'swemwbs_change_lower_95',
  'swemwbs_change_upper_95',
  'swemwbs_change_n',
];

function measureCells(row: Omit<ReportRow, 'key'>): CsvValue[] {
  const rate = (v: number | null) =>
    row.uptakeRate.status === 'shown'
      ? v
      : row.uptakeRate.status === 'not_applicable'
        ? NOT_APPLICABLE
        : SUPPRESSED;
  const median = (v: number | null, denominator: number | null) =>
    v !== null ? v : denominator === 0 ? NOT_APPLICABLE : SUPPRESSED;
  const change = row.swemwbsChange;
  const mean = (v: number | null) =>
    change.n === null ? SUPPRESSED : change.n === 0 || v === null ? NOT_APPLICABLE : v;
  return [
    ...MEASURES.map((m) => countCell(row[m])),
    rate(row.uptakeRate.value),
    rate(row.uptakeRate.lower),
    rate(row.uptakeRate.upper),
    median(row.medianDaysToFirstContact, row.referrals),
    median(row.medianDaysToPlacement, row.placed),
    mean(change.mean),
    mean(change.lower),
    mean(change.upper),
    countCell(change.n),
  ];
}

/** The rows and the totals row, for the JSNA workbook: [c] suppressed, [z] not applicable. */
export function serviceAccessCsv(report: ServiceAccessReport): string {
  const keyColumns = report.by.length > 0 ? [...report.by] : ['group'];
  const rows = report.rows.map((r) => [...report.by.map((d) => r.key[d]), ...measureCells(r)]);
  const totals = [
    ...keyColumns.map((_, i) => (i === 0 ? 'Total' : '')),
    ...measureCells(report.totals),
  ];
  return toCsv([...keyColumns, ...HEADER_MEASURES], [...rows, totals]);
}
