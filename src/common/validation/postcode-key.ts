/** The key of postcode_area: upper case, no spaces. SQL uses the same rule (POSTCODE_KEY_SQL). */
export function postcodeKey(postcode: string): string {
  return postcode.toUpperCase().replace(/\s+/g, '');
}

/**
 * The SQL twin of postcodeKey, for a column or expression. translate() drops the whitespace
 * characters without a regular expression, which matters once per referral at a million rows.
 */
export function postcodeKeySql(expression: string): string {
  return `upper(translate(${expression}, E' \\t\\n\\r\\f', ''))`;
}
