import { countryName, languageName } from '../../common/validation/iso-codes';
import { humanLabel } from '../../common/views/labels';
import { formatValue } from '../../common/charts/svg';
import { NOT_APPLICABLE, SUPPRESSED } from './csv-writer';

/** A table cell as printed: a formatted number, [c] or [z]. */
export interface Cell {
  readonly text: string;
  /** For screen readers: what [c] and [z] mean. */
  readonly title?: string;
  readonly numeric: boolean;
}

export const suppressedCell: Cell = {
  text: SUPPRESSED,
  title: 'Suppressed to protect confidentiality',
  numeric: true,
};
export const notApplicableCell: Cell = {
  text: NOT_APPLICABLE,
  title: 'Not applicable',
  numeric: true,
};

export const countCell = (n: number | null): Cell =>
  n === null ? suppressedCell : { text: formatValue(n), numeric: true };

export const percentCell = (fraction: number | null, whenNull: Cell = suppressedCell): Cell =>
  fraction === null ? whenNull : { text: `${(fraction * 100).toFixed(1)}%`, numeric: true };

export const numberCell = (value: number | null, places: number, whenNull: Cell): Cell =>
  value === null ? whenNull : { text: value.toFixed(places), numeric: true };

/** A category code as a reader would say it: countries and languages by name. */
export function categoryLabel(dimension: string, value: string): string {
  if (value === 'not_recorded') return 'Not recorded';
  if (value === 'unknown') return 'Unknown';
  if (dimension === 'countryOfBirth') return countryName(value) ?? value;
  if (dimension === 'mainLanguage' || dimension === 'language') return languageName(value) ?? value;
  if (dimension === 'ageBand') return value === '65+' ? '65 and over' : value.replace('-', ' to ');
  if (dimension === 'yearOfArrivalBand') {
    const bands: Record<string, string> = {
      under_2: 'Under 2 years',
      '2_to_5': '2 to 5 years',
      '5_to_10': '5 to 10 years',
      '10_plus': '10 years or more',
    };
    return bands[value] ?? value;
  }
  if (dimension === 'area' || dimension === 'group') return value;
  return humanLabel(value);
}

/** Dates as 1 April 2026. */
export function longDate(iso: string): string {
  return new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export function longDateTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/London',
  });
}
