import { barChart, funnelChart, lineChart } from '../../common/charts/svg';
import {
  categoryLabel,
  countCell,
  longDate,
  longDateTime,
  notApplicableCell,
  numberCell,
  percentCell,
  suppressedCell,
  type Cell,
} from '../output/view-cells';
import { DIMENSION_LABELS, MEASURE_LABELS, MEASURES, type Dimension } from './dimensions';
import type { Measures, ServiceAccessReport } from './service-access.types';

const COMPLETENESS_LABELS: Record<string, string> = {
  countryOfBirth: 'Country of birth',
  nationality: 'Nationality',
  yearOfArrival: 'Year of arrival',
  mainLanguage: 'Main language',
  migrantStatus: 'Migrant status',
  interpreterNeeded: 'Interpreter needed',
};

export const SERVICE_ACCESS_COLUMNS = [
  ...MEASURES.map((m) => MEASURE_LABELS[m]),
  'Uptake rate (95% CI)',
  'Median days to first contact',
  'Median days to placement',
  'Mean SWEMWBS change (95% CI, n)',
];

function measureCells(m: Measures): Cell[] {
  const rate: Cell =
    m.uptakeRate.status === 'suppressed'
      ? suppressedCell
      : m.uptakeRate.status === 'not_applicable'
        ? notApplicableCell
        : {
            text: `${percent(m.uptakeRate.value)} (${percent(m.uptakeRate.lower)} to ${percent(m.uptakeRate.upper)})`,
            numeric: true,
          };
  const change = m.swemwbsChange;
  const swemwbs: Cell =
    change.n === null
      ? suppressedCell
      : change.n === 0 || change.mean === null
        ? notApplicableCell
        : {
            text:
              change.lower === null
                ? `${signed(change.mean)} (n ${change.n})`
                : `${signed(change.mean)} (${signed(change.lower)} to ${signed(change.upper)}, n ${change.n})`,
            numeric: true,
          };
  return [
    ...MEASURES.map((k) => countCell(m[k])),
    rate,
    numberCell(
      m.medianDaysToFirstContact,
      1,
      m.referrals === 0 ? notApplicableCell : suppressedCell,
    ),
    numberCell(m.medianDaysToPlacement, 1, m.placed === 0 ? notApplicableCell : suppressedCell),
    swemwbs,
  ];
}

const percent = (v: number | null) => (v === null ? '' : `${(v * 100).toFixed(1)}%`);
const signed = (v: number | null) => (v === null ? '' : `${v > 0 ? '+' : ''}${v.toFixed(2)}`);

function monthLabel(month: string): string {
  return new Date(`${month}-15T12:00:00Z`).toLocaleDateString('en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The printable report's model: tables of formatted cells and inline SVG charts. */
export function serviceAccessView(report: ServiceAccessReport) {
  const period = `${longDate(report.period.from)} to ${longDate(report.period.to)}`;
  const description = `Referrals received ${period}. Counts under ${report.threshold} are suppressed.`;
  const dims = report.by;
  const breakdownCharts = dims.map((d: Dimension) =>
    barChart({
      id: `chart-${d}`,
      title: `Referrals by ${DIMENSION_LABELS[d].toLowerCase()}`,
      description,
      bars: (report.breakdowns[d] ?? []).map((r) => ({
        label: categoryLabel(d, r.key[d]),
        value: r.referrals,
      })),
    }),
  );
  const t = report.totals;
  const query = new URLSearchParams({
    from: report.period.from,
    to: report.period.to,
    ...(dims.length > 0 ? { by: dims.join(',') } : {}),
  });
  return {
    title: 'Service access report',
    period,
    periodFrom: report.period.from,
    periodTo: report.period.to,
    generatedAt: longDateTime(report.generatedAt),
    threshold: report.threshold,
    breakdownNames: dims.map((d) => DIMENSION_LABELS[d]).join(', ') || 'none (totals only)',
    csvQuery: `${query.toString()}&format=csv`,
    htmlQuery: `${query.toString()}&format=html`,
    funnelChart: funnelChart({
      id: 'chart-funnel',
      title: 'From referral to completion',
      description,
      stages: MEASURES.map((m) => ({ label: MEASURE_LABELS[m], value: t[m] })),
    }),
    trendChart: lineChart({
      id: 'chart-trend',
      title: 'Referrals received by month',
      description,
      points: report.trend.map((r) => ({ label: monthLabel(r.key.month), value: r.referrals })),
    }),
    breakdownCharts,
    keyHeadings: dims.length > 0 ? dims.map((d) => DIMENSION_LABELS[d]) : ['Group'],
    columns: SERVICE_ACCESS_COLUMNS,
    rows: report.rows.map((r) => ({
      keys: dims.map((d) => categoryLabel(d, r.key[d])),
      cells: measureCells(r),
    })),
    totals: {
      keys: dims.length > 0 ? ['Total', ...dims.slice(1).map(() => '')] : ['Total'],
      cells: measureCells(t),
    },
    hasKeys: dims.length > 0,
    // `fieldName`, not `label`: Handlebars would call the `label` helper instead of reading it.
    completeness: Object.entries(report.completeness).map(([field, value]) => ({
      fieldName: COMPLETENESS_LABELS[field] ?? field,
      cell: percentCell(value),
    })),
    suppressedCount: report.suppressed.length,
    notes: report.notes,
  };
}
