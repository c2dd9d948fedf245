/** Shared pieces of the chart builders: escaping, number formats and the accessible frame. */

export const CHART_WIDTH = 640;
export const SUPPRESSED_LABEL = '[c]';
export const INK = '#0b0c0c';
export const BAR_FILL = '#505a5f';
export const GRID_LINE = '#b1b4b6';
const FONT_FAMILY = 'Arial, Helvetica, sans-serif';

export interface ChartDatum {
  readonly label: string;
  /** Null when the value is suppressed. */
  readonly value: number | null;
}

export interface ChartOptions {
  readonly title: string;
  /** Prepended to the data in words, e.g. the period and the suppression threshold. */
  readonly description?: string;
  /** Unique within the page; derived from the chart's content when omitted. */
  readonly id?: string;
  /** '%' is attached to the number; any other unit follows a space. */
  readonly unit?: string;
}

export function escapeXml(text: string): string {
  return Array.from(text)
    .filter(isXmlChar)
    .join('')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** XML 1.0 cannot carry most control characters or lone surrogates, even escaped. */
function isXmlChar(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    code >= 0x10000
  );
}

/** Whole numbers with thousands separators; others to one decimal place. */
export function formatValue(value: number, unit?: string): string {
  const fixed = Number.isInteger(value) ? String(value) : value.toFixed(1);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const number = fraction === undefined ? grouped : `${grouped}.${fraction}`;
  if (unit === undefined || unit === '') return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

export function valueLabel(value: number | null, unit?: string): string {
  return value === null ? SUPPRESSED_LABEL : formatValue(value, unit);
}

export function dataInWords(data: readonly ChartDatum[], unit?: string): string {
  if (data.length === 0) return 'No data.';
  const parts = data.map(({ label, value }) =>
    value === null
      ? `${label}: suppressed ${SUPPRESSED_LABEL}`
      : `${label}: ${formatValue(value, unit)}`,
  );
  return `${parts.join('; ')}.`;
}

export function assertValues(data: readonly ChartDatum[]): void {
  const bad = data.find((d) => d.value !== null && !(Number.isFinite(d.value) && d.value >= 0));
  if (bad) throw new RangeError(`chart values must be finite and not negative: ${bad.label}`);
}

export function truncate(text: string, maxChars: number): string {
  const chars = Array.from(text);
  return chars.length <= maxChars ? text : `${chars.slice(0, maxChars - 1).join('')}…`;
}

/** Rough width of Arial text, enough to decide on layout (a little generous). */
export function textWidth(text: string, fontSize: number): number {
  return Array.from(text).length * fontSize * 0.58;
}

/** Shortens text to fit a width; the full text stays in the chart's description. */
export function fitText(text: string, maxWidth: number, fontSize: number): string {
  return truncate(text, Math.max(4, Math.floor(maxWidth / (fontSize * 0.58))));
}

type Attributes = Readonly<Record<string, string | number>>;

function attributes(attrs: Attributes): string {
  return Object.entries(attrs)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

export function element(name: string, attrs: Attributes, content?: string): string {
  return content === undefined
    ? `<${name}${attributes(attrs)}/>`
    : `<${name}${attributes(attrs)}>${content}</${name}>`;
}

/** A text element; its content is always escaped. */
export function text(x: number, y: number, content: string, attrs: Attributes = {}): string {
  return element('text', { x: round(x), y: round(y), fill: INK, ...attrs }, escapeXml(content));
}

export function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Diagonal hatching: suppressed values read as "hidden", not as small, in black and white. */
export function hatchPattern(id: string): string {
  return element(
    'pattern',
    { id, width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
    element('rect', { width: 6, height: 6, fill: '#ffffff' }) +
      element('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: INK, 'stroke-width': 2 }),
  );
}

/** The hatched box that stands where a suppressed bar would be. */
export function suppressedBox(x: number, y: number, patternId: string, height: number): string {
  return element('rect', {
    x: round(x),
    y: round(y),
    width: 24,
    height,
    fill: `url(#${patternId})`,
    stroke: INK,
    'stroke-width': 1,
  });
}

export function chartId(kind: string, options: ChartOptions, data: readonly ChartDatum[]): string {
  if (options.id !== undefined) return options.id.replace(/[^A-Za-z0-9_-]/g, '-');
  const source = JSON.stringify([kind, options.title, options.unit ?? '', data]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < source.length; i++) {
    hash = Math.imul(hash ^ source.charCodeAt(i), 0x01000193) >>> 0;
  }
  return `lw-${kind}-${hash.toString(36)}`;
}

export interface Frame {
  readonly id: string;
  readonly height: number;
  readonly title: string;
  readonly description: string;
  readonly defs?: string;
  readonly body: string;
}

/** The accessible outer SVG: role img, title and desc named by aria-labelledby. */
export function svgDocument(frame: Frame): string {
  const titleId = `${frame.id}-title`;
  const descId = `${frame.id}-desc`;
  const open = `<svg${attributes({
    xmlns: 'http://www.w3.org/2000/svg',
    viewBox: `0 0 ${CHART_WIDTH} ${round(frame.height)}`,
    role: 'img',
    'aria-labelledby': `${titleId} ${descId}`,
    'font-family': FONT_FAMILY,
    'font-size': 13,
  })}>`;
  return [
    open,
    element('title', { id: titleId }, escapeXml(frame.title)),
    element('desc', { id: descId }, escapeXml(frame.description)),
    frame.defs ? element('defs', {}, frame.defs) : '',
    element('rect', { width: CHART_WIDTH, height: round(frame.height), fill: '#ffffff' }),
    text(8, 24, fitText(frame.title, CHART_WIDTH - 16, 17), {
      'font-size': 16,
      'font-weight': 'bold',
    }),
    frame.body,
    '</svg>',
  ].join('');
}

export function chartDescription(
  kind: string,
  options: ChartOptions,
  data: readonly ChartDatum[],
): string {
  const lead = options.description ? `${options.description.trim()} ` : '';
  return `${lead}${kind}. ${dataInWords(data, options.unit)}`;
}
