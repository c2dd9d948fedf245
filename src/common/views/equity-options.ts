import {
  ETHNICITIES,
  ETHNICITY_LABELS,
  RELIGION_LABELS,
  RELIGIONS,
  SEX_LABELS,
  SEXES,
} from '../vocabulary';

/**
 * The choices staff forms offer for the equity fields, in English. Each is optional: the first
 * choice of the selects is "Not recorded", and no answer is ever required.
 */
export function equityOptions() {
  return {
    sexes: SEXES.map((value) => ({ value, text: SEX_LABELS[value] })),
    ethnicities: [
      { value: '', text: 'Not recorded' },
      ...ETHNICITIES.map((value) => ({ value, text: ETHNICITY_LABELS[value] })),
    ],
    religions: [
      { value: '', text: 'Not recorded' },
      ...RELIGIONS.map((value) => ({ value, text: RELIGION_LABELS[value] })),
    ],
  };
}
