import type { OutcomeInstrument } from '../../common/vocabulary';
import { checkAnswers, type AnswerError, type AnswerSpec } from './answers';
import { ONS4_SPEC, scoreOns4 } from './ons4';
import { scoreSwemwbs, SWEMWBS_SPEC } from './swemwbs';
import { scoreUcla3, UCLA3_SPEC } from './ucla3';

export type OutcomeScores = Readonly<Record<string, number | string>>;

export type ScoreOutcomeResult =
  | { readonly ok: true; readonly scores: OutcomeScores }
  | { readonly ok: false; readonly errors: readonly AnswerError[] };

export const ANSWER_SPECS: Readonly<Record<OutcomeInstrument, AnswerSpec>> = {
  SWEMWBS: SWEMWBS_SPEC,
  ONS4: ONS4_SPEC,
  UCLA3: UCLA3_SPEC,
};

/**
 * Scores one completed questionnaire. Answers are typed loosely because they usually come
 * straight from a request body; anything that is not a whole number in range is reported.
 */
export function scoreOutcome(
  instrument: OutcomeInstrument,
  answers: readonly unknown[],
): ScoreOutcomeResult {
  if (!Object.hasOwn(ANSWER_SPECS, instrument)) return assertNever(instrument as never);
  const errors = checkAnswers(answers, ANSWER_SPECS[instrument]);
  if (errors.length > 0) return { ok: false, errors };
  const valid = answers as readonly number[];
  switch (instrument) {
    case 'SWEMWBS':
      return { ok: true, scores: { ...scoreSwemwbs(valid) } };
    case 'ONS4':
      return { ok: true, scores: { ...scoreOns4(valid) } };
    case 'UCLA3':
      return { ok: true, scores: { ...scoreUcla3(valid) } };
    default:
      return assertNever(instrument);
  }
}

function assertNever(instrument: never): never {
  throw new Error(`Unknown outcome instrument: ${String(instrument)}`);
}
