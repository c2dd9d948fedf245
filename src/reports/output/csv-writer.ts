export const SUPPRESSED = '[c]';
export const NOT_APPLICABLE = '[z]';

export type CsvValue = string | number | null;

/** RFC 4180 text; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const cell = (value: CsvValue) => {
    if (value === null) return '';
    let text = String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** A published count: [c] when suppressed. */
export const countCell = (n: number | null): CsvValue => (n === null ? SUPPRESSED : n);
