import { invalid } from '../common/domain-error';
import { ukDate } from '../common/uk-date';
import { DIMENSIONS, parseDimensions, type Dimension } from './service-access/dimensions';
import { EQUITY_DIMENSIONS, type EquityDimension } from './equity/equity.types';

const isRealDate = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
};

/**
 * The report period from optional `from`/`to` dates: by default the year up to today (in the UK).
 * Throws a 422 for an impossible date or a period that ends before it starts.
 */
export function resolvePeriod(
  query: { from?: string; to?: string },
  today: Date = new Date(),
): { from: string; to: string } {
  const to = query.to ?? ukDate(today);
  const defaultFrom = new Date(`${to}T00:00:00Z`);
  defaultFrom.setUTCFullYear(defaultFrom.getUTCFullYear() - 1);
  defaultFrom.setUTCDate(defaultFrom.getUTCDate() + 1);
  const from = query.from ?? (isRealDate(to) ? defaultFrom.toISOString().slice(0, 10) : to);
  const errors = [
    ...(isRealDate(from) ? [] : [{ field: 'from', message: 'must be a real date' }]),
    ...(isRealDate(to) ? [] : [{ field: 'to', message: 'must be a real date' }]),
  ];
  if (errors.length > 0) throw invalid('invalid_period', 'The period is not valid', errors);
  if (from > to) {
    throw invalid('invalid_period', 'The period ends before it starts', [
      { field: 'to', message: 'must be on or after from' },
    ]);
  }
  return { from, to };
}

export function resolveDimensions(by: string | undefined): Dimension[] {
  const { dimensions, unknown } = parseDimensions(by);
  if (unknown.length > 0) {
    throw invalid('unknown_dimension', `Unknown breakdown: ${unknown.join(', ')}`, [
      { field: 'by', message: `must be a comma list of ${DIMENSIONS.join(', ')}` },
    ]);
  }
  return dimensions;
}

/** The equity report's one breakdown: ethnicity unless another is named. */
export function resolveEquityDimension(by: string | undefined): EquityDimension {
  const name = (by ?? '').trim() || 'ethnicity';
  if (!(EQUITY_DIMENSIONS as readonly string[]).includes(name)) {
    throw invalid('unknown_dimension', `Unknown breakdown: ${name}`, [
      { field: 'by', message: `must be one of ${EQUITY_DIMENSIONS.join(', ')}` },
    ]);
  }
  return name as EquityDimension;
}
