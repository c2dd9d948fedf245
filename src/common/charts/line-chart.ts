import {
  assertValues,
  CHART_WIDTH,
  chartDescription,
  chartId,
  element,
  formatValue,
  GRID_LINE,
  INK,
  round,
  SUPPRESSED_LABEL,
  svgDocument,
  text,
  textWidth,
  truncate,
  valueLabel,
  type ChartDatum,
  type ChartOptions,
} from './svg-parts';

export interface LineChartInput extends ChartOptions {
  readonly points: readonly ChartDatum[];
}

const LEFT = 56;
const RIGHT = CHART_WIDTH - 16;
const TOP = 64;
const PLOT_HEIGHT = 190;
const BOTTOM = TOP + PLOT_HEIGHT;
const LABEL_FONT = 11;

/**
 * A monthly trend: points in order, each labelled with its value. A suppressed month
 * breaks the line (joining across it would imply a value) and shows [c] on the axis.
 */
export function lineChart(input: LineChartInput): string {
  const { points, unit } = input;
  assertValues(points);
  const id = chartId('line', input, points);
  const ticks = niceTicks(
    Math.max(0, ...points.map((p) => p.value ?? 0)),
    points.every((p) => p.value === null || Number.isInteger(p.value)),
  );
  const top = ticks[ticks.length - 1];
  const band = (RIGHT - LEFT) / Math.max(points.length, 1);
  const x = (i: number) => LEFT + (i + 0.5) * band;
  const y = (value: number) => BOTTOM - (value / top) * PLOT_HEIGHT;
  const longest = Math.max(0, ...points.map((p) => textWidth(truncate(p.label, 14), LABEL_FONT)));
  const slanted = longest > band - 4;
  const height = BOTTOM + (slanted ? 80 : 36);

  const grid = ticks.map(
    (tick) =>
      element('line', {
        x1: LEFT,
        y1: round(y(tick)),
        x2: RIGHT,
        y2: round(y(tick)),
        stroke: tick === 0 ? INK : GRID_LINE,
        'stroke-width': 1,
      }) +
      text(LEFT - 6, y(tick) + 4, formatValue(tick), { 'text-anchor': 'end', 'font-size': 11 }),
  );

  const segments = runs(points).map((run) =>
    run.length === 1
      ? ''
      : element('polyline', {
          points: run.map((i) => `${round(x(i))},${round(y(points[i].value ?? 0))}`).join(' '),
          fill: 'none',
          stroke: INK,
          'stroke-width': 2,
        }),
  );

  const marks = points.map(({ label, value }, i) => {
    const labelY = BOTTOM + 16;
    const axisLabel = slanted
      ? text(x(i), labelY, truncate(label, 14), {
          'text-anchor': 'end',
          'font-size': LABEL_FONT,
          transform: `rotate(-45 ${round(x(i))} ${labelY})`,
        })
      : text(x(i), labelY, truncate(label, 14), {
          'text-anchor': 'middle',
          'font-size': LABEL_FONT,
        });
    if (value === null) {
      return (
        axisLabel +
        text(x(i), BOTTOM - 6, SUPPRESSED_LABEL, { 'text-anchor': 'middle', 'font-size': 11 })
      );
    }
    // Alternate label heights when points are close, so neighbouring values do not collide.
    const lift = band < 44 && i % 2 === 1 ? 20 : 8;
    return (
      axisLabel +
      element('circle', { cx: round(x(i)), cy: round(y(value)), r: 3.5, fill: INK }) +
      text(x(i), y(value) - lift, valueLabel(value, unit), {
        'text-anchor': 'middle',
        'font-size': 11,
      })
    );
  });

  return svgDocument({
    id,
    height,
    title: input.title,
    description: chartDescription('Line chart', input, points),
    body:
      grid.join('') +
      segments.join('') +
      marks.join('') +
      (points.length === 0 ? text(LEFT + 8, BOTTOM - 20, 'No data') : ''),
  });
}

/** Runs of consecutive shown points, as index lists. */
function runs(points: readonly ChartDatum[]): number[][] {
  const result: number[][] = [];
  let current: number[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length > 0) result.push(current);
      current = [];
    } else current.push(i);
  });
  if (current.length > 0) result.push(current);
  return result;
}

/**
 * Gridline values from 0 in steps of 1, 2 or 5 × 10ⁿ, reaching at least `max`;
 * whole steps only when the data are whole numbers.
 */
export function niceTicks(max: number, whole: boolean): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const found = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const step = whole ? Math.max(1, found) : found;
  const count = Math.ceil(max / step - 1e-9);
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}
