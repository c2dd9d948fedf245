export { ukDate } from '../common/uk-date';

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const earlierDate = (a: string | null, b: string): string => (a && a < b ? a : b);
