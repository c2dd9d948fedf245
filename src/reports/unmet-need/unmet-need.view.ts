import { barChart } from '../../common/charts/svg';
import { categoryLabel, countCell, longDate, longDateTime } from '../output/view-cells';
import { UNMET_MEASURES, type UnmetNeedReport, type UnmetRow } from './unmet-need.service';

const table = (dimension: string, rows: readonly UnmetRow[]) =>
  rows.map((r) => ({
    name: categoryLabel(dimension, r.key[dimension]),
    cells: UNMET_MEASURES.map((m) => countCell(r.counts[m])),
  }));

export function unmetNeedView(report: UnmetNeedReport) {
  const period = `${longDate(report.period.from)} to ${longDate(report.period.to)}`;
  return {
    title: 'Unmet need report',
    period,
    generatedAt: longDateTime(report.generatedAt),
    threshold: report.threshold,
    csvQuery: new URLSearchParams({
      from: report.period.from,
      to: report.period.to,
      format: 'csv',
    }).toString(),
    columns: [
      'Needs recorded',
      'Unmet',
      'No group for the need',
      'None in the language',
      'None at the safeguarding level',
    ],
    tables: [
      { heading: 'By need', firstColumn: 'Need', rows: table('domain', report.byDomain) },
      {
        heading: 'By language',
        firstColumn: 'Language',
        rows: table('language', report.byLanguage),
      },
      { heading: 'By area', firstColumn: 'Local authority', rows: table('area', report.byArea) },
    ],
    totals: UNMET_MEASURES.map((m) => countCell(report.totals[m])),
    chart: barChart({
      id: 'chart-unmet',
      title: 'Unmet needs by need',
      description: `Needs assessed ${period}.`,
      bars: report.byDomain.map((r) => ({
        label: categoryLabel('domain', r.key.domain),
        value: r.counts.unmet,
      })),
    }),
    notes: report.notes,
  };
}
