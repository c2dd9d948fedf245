import {
  assertValues,
  BAR_FILL,
  CHART_WIDTH,
  chartDescription,
  chartId,
  element,
  fitText,
  hatchPattern,
  INK,
  round,
  suppressedBox,
  svgDocument,
  text,
  textWidth,
  valueLabel,
  type ChartDatum,
  type ChartOptions,
} from './svg-parts';

export interface BarChartInput extends ChartOptions {
  readonly bars: readonly ChartDatum[];
}

const TOP = 44;
const ROW = 28;
const BAR_HEIGHT = 18;
const FONT = 13;
const LABEL_RIGHT = 200;
const BAR_LEFT = 210;

/** Horizontal bars, one per category, each labelled with its value; null is drawn as [c]. */
export function barChart(input: BarChartInput): string {
  const { bars, unit } = input;
  assertValues(bars);
  const id = chartId('bar', input, bars);
  const patternId = `${id}-hatch`;
  const max = Math.max(0, ...bars.map((b) => b.value ?? 0));
  const widestValue = Math.max(0, ...bars.map((b) => textWidth(valueLabel(b.value, unit), FONT)));
  // Leave room after the longest bar for its value label.
  const barMax = Math.max(120, CHART_WIDTH - 8 - 6 - widestValue - BAR_LEFT);
  const height = TOP + Math.max(bars.length, 1) * ROW + 12;

  const rows = bars.map(({ label, value }, i) => {
    const y = TOP + i * ROW;
    const barY = y + (ROW - BAR_HEIGHT) / 2;
    const middle = y + ROW / 2 + 4.5;
    const width = value === null || max === 0 ? 0 : (value / max) * barMax;
    let mark = '';
    if (value === null) mark = suppressedBox(BAR_LEFT, barY, patternId, BAR_HEIGHT);
    else if (width > 0) {
      mark = element('rect', {
        x: BAR_LEFT,
        y: round(barY),
        width: round(width),
        height: BAR_HEIGHT,
        fill: BAR_FILL,
      });
    }
    const valueX = BAR_LEFT + (value === null ? 24 : width) + 6;
    return (
      text(LABEL_RIGHT, middle, fitText(label, LABEL_RIGHT - 8, FONT), { 'text-anchor': 'end' }) +
      mark +
      text(valueX, middle, valueLabel(value, unit))
    );
  });

  const axis = element('line', {
    x1: BAR_LEFT,
    y1: TOP,
    x2: BAR_LEFT,
    y2: height - 12,
    stroke: INK,
    'stroke-width': 1,
  });
  const empty = bars.length === 0 ? text(BAR_LEFT + 6, TOP + 18, 'No data') : '';

  return svgDocument({
    id,
    height,
    title: input.title,
    description: chartDescription('Horizontal bar chart', input, bars),
    defs: bars.some((b) => b.value === null) ? hatchPattern(patternId) : undefined,
    body: rows.join('') + axis + empty,
  });
}
