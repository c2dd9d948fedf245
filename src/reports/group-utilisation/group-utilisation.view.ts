import { humanLabel } from '../../common/views/labels';
import { barChart } from '../../common/charts/svg';
import {
  countCell,
  longDate,
  longDateTime,
  notApplicableCell,
  percentCell,
  suppressedCell,
  type Cell,
} from '../output/view-cells';
import {
  DECLINE_MEASURES,
  type GroupUtilisationReport,
  type UtilisationRow,
} from './group-utilisation.service';

/**
 * Capacity is as it stands now; offers are those made in the period. Shown under two headings,
 * so that a group with many offers accepted last year and no place reserved today reads as it is.
 */
const COLUMN_GROUPS = [
  { heading: 'Now', columns: ['Places', 'Reserved', 'Waitlisted', 'Utilisation'] },
  { heading: 'Offers made in the period', columns: ['Offered', 'Accepted', 'Declined'] },
];

const cells = (r: UtilisationRow): Cell[] => [
  countCell(r.places),
  countCell(r.counts.reserved),
  countCell(r.counts.waitlisted),
  r.utilisation === null
    ? r.counts.reserved === null || r.places === null
      ? suppressedCell
      : notApplicableCell
    : percentCell(r.utilisation),
  countCell(r.counts.offered),
  countCell(r.counts.accepted),
  countCell(r.counts.declined),
];

export function groupUtilisationView(report: GroupUtilisationReport) {
  const period = `${longDate(report.period.from)} to ${longDate(report.period.to)}`;
  const t = report.totals;
  return {
    title: 'Group utilisation report',
    period,
    generatedAt: longDateTime(report.generatedAt),
    threshold: report.threshold,
    csvQuery: new URLSearchParams({
      from: report.period.from,
      to: report.period.to,
      format: 'csv',
    }).toString(),
    columnGroups: COLUMN_GROUPS.map((g) => ({ ...g, span: g.columns.length })),
    groups: report.groups.map((r) => ({ name: r.key.group, cells: cells(r) })),
    activityTypes: report.activityTypes.map((r) => ({
      name: humanLabel(r.key.activityType),
      cells: cells(r),
    })),
    totals: cells(t),
    declines: DECLINE_MEASURES.map((m) => ({
      name: humanLabel(m.replace('declined_', '')),
      cell: countCell(t.counts[m]),
    })),
    declineChart: barChart({
      id: 'chart-declines',
      title: 'Offers declined by groups, by reason',
      description: `Offers made ${period}.`,
      bars: DECLINE_MEASURES.map((m) => ({
        label: humanLabel(m.replace('declined_', '')),
        value: t.counts[m],
      })),
    }),
    utilisationChart: barChart({
      id: 'chart-utilisation',
      title: 'Reserved places as a share of places now, by activity type',
      unit: '%',
      bars: report.activityTypes.map((r) => ({
        label: humanLabel(r.key.activityType),
        value: r.utilisation === null ? null : Math.round(r.utilisation * 1000) / 10,
      })),
    }),
    notes: report.notes,
  };
}
