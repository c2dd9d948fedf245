import { assertAnswers, type AnswerSpec } from './answers';

/** Each item: 1 hardly ever, 2 some of the time, 3 often. */
export const UCLA3_SPEC: AnswerSpec = { instrument: 'UCLA3', count: 3, min: 1, max: 3 };

/** Totals from this value up are commonly classed as lonely (3–5 not lonely, 6–9 lonely). */
export const UCLA3_LONELY_FROM = 6;

export type Ucla3Band = 'not_lonely' | 'lonely';

export interface Ucla3Score {
  readonly total: number;
  readonly band: Ucla3Band;
}

export function ucla3Band(total: number): Ucla3Band {
  return total >= UCLA3_LONELY_FROM ? 'lonely' : 'not_lonely';
}

/** Throws a RangeError on invalid answers; check them first with `checkAnswers`. */
export function scoreUcla3(answers: readonly number[]): Ucla3Score {
  const total = assertAnswers(answers, UCLA3_SPEC).reduce((sum, a) => sum + a, 0);
  return { total, band: ucla3Band(total) };
}
