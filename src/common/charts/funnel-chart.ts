import {
  assertValues,
  BAR_FILL,
  chartDescription,
  chartId,
  element,
  hatchPattern,
  CHART_WIDTH,
  fitText,
  round,
  suppressedBox,
  svgDocument,
  text,
  textWidth,
  valueLabel,
  type ChartDatum,
  type ChartOptions,
} from './svg-parts';

export interface FunnelChartInput extends ChartOptions {
  readonly stages: readonly ChartDatum[];
}

const TOP = 44;
const ROW = 40;
const BAR_HEIGHT = 26;
const FONT = 13;
const LABEL_RIGHT = 200;
const BAR_LEFT = 210;

/**
 * Stages as centred bars, narrowing as people drop out; each later stage also shows its
 * share of the first stage when both are shown.
 */
export function funnelChart(input: FunnelChartInput): string {
  const { stages, unit } = input;
  assertValues(stages);
  const id = chartId('funnel', input, stages);
  const patternId = `${id}-hatch`;
  const max = Math.max(0, ...stages.map((s) => s.value ?? 0));
  const first = stages[0];
  const height = TOP + Math.max(stages.length, 1) * ROW + 8;

  const percentOfFirst = (value: number | null, i: number): number | null =>
    i > 0 && value !== null && first.value !== null && first.value > 0
      ? Math.round((value / first.value) * 100)
      : null;

  const valueText = (value: number | null, i: number): string => {
    const percent = percentOfFirst(value, i);
    return valueLabel(value, unit) + (percent === null ? '' : ` (${percent}%)`);
  };
  const widestValue = Math.max(0, ...stages.map((s, i) => textWidth(valueText(s.value, i), FONT)));
  const valueLeft = Math.min(CHART_WIDTH - 8 - widestValue, CHART_WIDTH - 100);
  const barMax = Math.max(120, valueLeft - 8 - BAR_LEFT);
  const centre = BAR_LEFT + barMax / 2;

  const rows = stages.map(({ label, value }, i) => {
    const y = TOP + i * ROW;
    const barY = y + (ROW - BAR_HEIGHT) / 2;
    const middle = y + ROW / 2 + 4.5;
    const width = value === null || max === 0 ? 0 : (value / max) * barMax;
    const mark =
      value === null
        ? suppressedBox(centre - 12, barY, patternId, BAR_HEIGHT)
        : element('rect', {
            x: round(centre - width / 2),
            y: round(barY),
            width: round(width),
            height: BAR_HEIGHT,
            fill: BAR_FILL,
          });
    return (
      text(LABEL_RIGHT, middle, fitText(label, LABEL_RIGHT - 8, FONT), { 'text-anchor': 'end' }) +
      mark +
      text(Math.max(valueLeft, BAR_LEFT + barMax + 8), middle, valueText(value, i))
    );
  });

  const shares = stages.flatMap(({ label, value }, i) => {
    const percent = percentOfFirst(value, i);
    return percent === null ? [] : [`${label} is ${percent}% of ${first.label}`];
  });

  return svgDocument({
    id,
    height,
    title: input.title,
    description:
      chartDescription('Funnel chart', input, stages) +
      (shares.length > 0 ? ` ${shares.join('; ')}.` : ''),
    defs: stages.some((s) => s.value === null) ? hatchPattern(patternId) : undefined,
    body: rows.join('') + (stages.length === 0 ? text(BAR_LEFT + 6, TOP + 18, 'No data') : ''),
  });
}
