import { countCell, SUPPRESSED, toCsv, type CsvValue } from '../output/csv-writer';
import {
  UTILISATION_MEASURES,
  type GroupUtilisationReport,
  type UtilisationRow,
} from './group-utilisation.service';

const cells = (r: UtilisationRow): CsvValue[] => [
  countCell(r.places),
  ...UTILISATION_MEASURES.map((m) => countCell(r.counts[m])),
  r.utilisation ?? (r.counts.reserved === null || r.places === null ? SUPPRESSED : '[z]'),
];

/** Groups, then activity types, then the total: one table with a `table` column. */
export function groupUtilisationCsv(report: GroupUtilisationReport): string {
  return toCsv(
    ['table', 'name', 'places', ...UTILISATION_MEASURES, 'utilisation'],
    [
      ...report.groups.map((r) => ['group', r.key.group, ...cells(r)]),
      ...report.activityTypes.map((r) => ['activity_type', r.key.activityType, ...cells(r)]),
      ['total', 'Total', ...cells(report.totals)],
    ],
  );
}
