import { assertAnswers, type AnswerSpec } from './answers';

export const SWEMWBS_COPYRIGHT =
  'SWEMWBS © NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved.';

export const SWEMWBS_SPEC: AnswerSpec = { instrument: 'SWEMWBS', count: 7, min: 1, max: 5 };

/** A change of at least this many metric points is commonly treated as meaningful. */
export const SWEMWBS_MEANINGFUL_CHANGE = 3;

/** The published Rasch conversion from raw score (index + 7) to metric score. */
const METRIC_BY_RAW: readonly number[] = [
  7.0, 9.51, 11.25, 12.4, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98, 18.59,
  19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.7, 32.55,
  35.0,
];

export const SWEMWBS_RAW_MIN = 7;
export const SWEMWBS_RAW_MAX = 35;

export interface SwemwbsScore {
  readonly raw: number;
  readonly metric: number;
}

export type SwemwbsChange = 'improved' | 'no_meaningful_change' | 'declined';

export function swemwbsMetric(raw: number): number {
  if (!Number.isInteger(raw) || raw < SWEMWBS_RAW_MIN || raw > SWEMWBS_RAW_MAX) {
    throw new RangeError(
      `SWEMWBS raw score must be a whole number from ${SWEMWBS_RAW_MIN} to ${SWEMWBS_RAW_MAX}`,
    );
  }
  return METRIC_BY_RAW[raw - SWEMWBS_RAW_MIN];
}

/** Throws a RangeError on invalid answers; check them first with `checkAnswers`. */
export function scoreSwemwbs(answers: readonly number[]): SwemwbsScore {
  const raw = assertAnswers(answers, SWEMWBS_SPEC).reduce((sum, a) => sum + a, 0);
  return { raw, metric: swemwbsMetric(raw) };
}

/** Compares two metric scores, earlier first. */
export function swemwbsChange(before: number, after: number): SwemwbsChange {
  // Rounded so that differences of table values (e.g. 17.43 - 14.43) are not lost to float error.
  const delta = Math.round((after - before) * 100) / 100;
  if (delta >= SWEMWBS_MEANINGFUL_CHANGE) return 'improved';
  if (delta <= -SWEMWBS_MEANINGFUL_CHANGE) return 'declined';
  return 'no_meaningful_change';
}
