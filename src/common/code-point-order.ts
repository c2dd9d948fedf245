/**
 * Code-point order: the same on every machine, unlike `localeCompare` or a database collation.
 * Reports sort with it wherever the order decides which figures are suppressed.
 */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
