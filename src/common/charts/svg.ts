/** Server-side inline SVG charts for printable reports: no scripts, no CSS, text escaped. */
export { barChart, type BarChartInput } from './bar-chart';
export { funnelChart, type FunnelChartInput } from './funnel-chart';
export { intervalChart, type IntervalChartInput, type IntervalDatum } from './interval-chart';
export { lineChart, niceTicks, type LineChartInput } from './line-chart';
export {
  escapeXml,
  formatValue,
  SUPPRESSED_LABEL,
  type ChartDatum,
  type ChartOptions,
} from './svg-parts';
