import {
  BAR_FILL,
  CHART_WIDTH,
  chartDescription,
  chartId,
  element,
  fitText,
  GRID_LINE,
  INK,
  round,
  svgDocument,
  text,
  formatValue,
  SUPPRESSED_LABEL,
  type ChartOptions,
} from './svg-parts';
import { niceTicks } from './line-chart';

/** A rate with its confidence interval; all null when suppressed. */
export interface IntervalDatum {
  readonly label: string;
  readonly value: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface IntervalChartInput extends ChartOptions {
  readonly points: readonly IntervalDatum[];
  /** A reference value drawn as a dashed line (the rate of everyone in the report). */
  readonly reference?: { readonly label: string; readonly value: number };
}

const TOP = 52;
const ROW = 28;
const FONT = 13;
const LABEL_RIGHT = 200;
const PLOT_LEFT = 214;
const PLOT_RIGHT = CHART_WIDTH - 70;

/**
 * One row per category: a dot at the value and a line from the lower to the upper limit (as
 * Fingertips draws rates), on a shared axis from zero; a suppressed value is written [c].
 */
export function intervalChart(input: IntervalChartInput): string {
  const { points, reference } = input;
  for (const p of points) {
    const values = [p.value, p.lower, p.upper].filter((v): v is number => v !== null);
    if (values.some((v) => !(Number.isFinite(v) && v >= 0))) {
      throw new RangeError(`chart values must be finite and not negative: ${p.label}`);
    }
  }
  const id = chartId('interval', input, points);
  const top = Math.max(
    reference?.value ?? 0,
    ...points.map((p) => Math.max(p.upper ?? 0, p.value ?? 0)),
  );
  const ticks = niceTicks(top > 0 ? top : 1, false);
  const axisMax = ticks[ticks.length - 1] || 1;
  const x = (v: number) => PLOT_LEFT + (v / axisMax) * (PLOT_RIGHT - PLOT_LEFT);
  const height = TOP + Math.max(points.length, 1) * ROW + 16;
  const bottom = height - 16;

  const grid = ticks
    .map(
      (t) =>
        element('line', {
          x1: round(x(t)),
          y1: TOP - 6,
          x2: round(x(t)),
          y2: bottom,
          stroke: GRID_LINE,
          'stroke-width': 1,
        }) + text(round(x(t)), TOP - 12, formatValue(t), { 'text-anchor': 'middle' }),
    )
    .join('');
  const referenceLine = reference
    ? element('line', {
        x1: round(x(reference.value)),
        y1: TOP - 6,
        x2: round(x(reference.value)),
        y2: bottom,
        stroke: INK,
        'stroke-width': 1,
        'stroke-dasharray': '4 3',
      })
    : '';
  const rows = points.map((p, i) => {
    const middle = TOP + i * ROW + ROW / 2;
    const label = text(LABEL_RIGHT, middle + 4.5, fitText(p.label, LABEL_RIGHT - 8, FONT), {
      'text-anchor': 'end',
    });
    if (p.value === null) return label + text(PLOT_LEFT + 4, middle + 4.5, SUPPRESSED_LABEL);
    const whisker =
      p.lower !== null && p.upper !== null
        ? element('line', {
            x1: round(x(p.lower)),
            y1: round(middle),
            x2: round(x(p.upper)),
            y2: round(middle),
            stroke: INK,
            'stroke-width': 2,
          })
        : '';
    const dot = element('circle', {
      cx: round(x(p.value)),
      cy: round(middle),
      r: 5,
      fill: BAR_FILL,
    });
    const valueText = text(round(x(p.upper ?? p.value)) + 8, middle + 4.5, formatValue(p.value));
    return label + whisker + dot + valueText;
  });
  const empty = points.length === 0 ? text(PLOT_LEFT + 6, TOP + 18, 'No data') : '';
  const inWords = points.map((p) => ({
    label:
      p.value === null || p.lower === null || p.upper === null
        ? p.label
        : `${p.label} (95% interval ${formatValue(p.lower)} to ${formatValue(p.upper)})`,
    value: p.value,
  }));
  return svgDocument({
    id,
    height,
    title: input.title,
    description: chartDescription('Dot chart with 95% confidence intervals', input, inWords),
    body: grid + referenceLine + rows.join('') + empty,
  });
}
