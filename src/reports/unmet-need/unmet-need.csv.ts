import { countCell, toCsv } from '../output/csv-writer';
import { UNMET_MEASURES, type UnmetNeedReport, type UnmetRow } from './unmet-need.service';

/** Domains, languages and areas in one table with a `table` column, then the total. */
export function unmetNeedCsv(report: UnmetNeedReport): string {
  const line = (table: string, value: string, r: Pick<UnmetRow, 'counts'>) => [
    table,
    value,
    ...UNMET_MEASURES.map((m) => countCell(r.counts[m])),
  ];
  return toCsv(
    ['table', 'category', ...UNMET_MEASURES],
    [
      ...report.byDomain.map((r) => line('domain', r.key.domain, r)),
      ...report.byLanguage.map((r) => line('language', r.key.language, r)),
      ...report.byArea.map((r) => line('area', r.key.area, r)),
      line('total', 'Total', { counts: report.totals }),
    ],
  );
}
