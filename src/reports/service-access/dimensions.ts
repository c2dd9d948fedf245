/** The breakdowns of the service-access report, as the contract names them in `by`. */
export const DIMENSIONS = [
  'channel',
  'migrantStatus',
  'countryOfBirth',
  'mainLanguage',
  'interpreterNeeded',
  'ageBand',
  'sex',
  'area',
  'need',
  'yearOfArrivalBand',
  'service',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const MEASURES = ['referrals', 'accepted', 'placed', 'attended', 'completed'] as const;
export type Measure = (typeof MEASURES)[number];

/** Measures that are suppressed as counts: the funnel, and how many SWEMWBS changes there are. */
export const COUNTED = [...MEASURES, 'swemwbsN'] as const;
export type Counted = (typeof COUNTED)[number];

/** Key values used when a field is empty, so no key is ever null. */
export const NOT_RECORDED = 'not_recorded';
export const UNKNOWN_AREA = 'unknown';

export const DIMENSION_LABELS: Readonly<Record<Dimension, string>> = {
  channel: 'Referral channel',
  migrantStatus: 'Migrant status',
  countryOfBirth: 'Country of birth',
  mainLanguage: 'Main language',
  interpreterNeeded: 'Interpreter needed',
  ageBand: 'Age band (at referral)',
  sex: 'Sex',
  area: 'Local authority area',
  need: 'Need (referral reason)',
  yearOfArrivalBand: 'Years since arrival in the UK',
  service: 'Social prescribing service',
};

export const MEASURE_LABELS: Readonly<Record<Measure, string>> = {
  referrals: 'Referrals received',
  accepted: 'Accepted (case opened)',
  placed: 'Placed with a group',
  attended: 'Attended at least once',
  completed: 'Completed (goals met)',
};

/**
 * Parses `by`: a comma list of dimension names, each at most once. Returns the unknown
 * names separately so the caller can refuse them.
 */
export function parseDimensions(by: string | undefined): {
  dimensions: Dimension[];
  unknown: string[];
} {
  const names = (by ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const unknown = names.filter((n) => !(DIMENSIONS as readonly string[]).includes(n));
  const dimensions = [...new Set(names.filter((n): n is Dimension => !unknown.includes(n)))];
  return { dimensions, unknown };
}
