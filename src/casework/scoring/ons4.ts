import { assertAnswers, type AnswerSpec } from './answers';

export const ONS4_SPEC: AnswerSpec = { instrument: 'ONS4', count: 4, min: 0, max: 10 };

export type Ons4PositiveBand = 'low' | 'medium' | 'high' | 'very_high';
export type Ons4AnxietyBand = 'very_low' | 'low' | 'medium' | 'high';

export interface Ons4Score {
  readonly lifeSatisfaction: number;
  readonly lifeSatisfactionBand: Ons4PositiveBand;
  readonly worthwhile: number;
  readonly worthwhileBand: Ons4PositiveBand;
  readonly happiness: number;
  readonly happinessBand: Ons4PositiveBand;
  readonly anxiety: number;
  readonly anxietyBand: Ons4AnxietyBand;
}

/** ONS thresholds for life satisfaction, worthwhile and happiness. */
export function ons4PositiveBand(score: number): Ons4PositiveBand {
  if (score <= 4) return 'low';
  if (score <= 6) return 'medium';
  if (score <= 8) return 'high';
  return 'very_high';
}

/** ONS thresholds for anxiety, where a higher score is worse. */
export function ons4AnxietyBand(score: number): Ons4AnxietyBand {
  if (score <= 1) return 'very_low';
  if (score <= 3) return 'low';
  if (score <= 5) return 'medium';
  return 'high';
}

/**
 * Answers in questionnaire order: life satisfaction, worthwhile, happiness, anxiety.
 * Throws a RangeError on invalid answers; check them first with `checkAnswers`.
 */
export function scoreOns4(answers: readonly number[]): Ons4Score {
  const [lifeSatisfaction, worthwhile, happiness, anxiety] = assertAnswers(answers, ONS4_SPEC);
  return {
    lifeSatisfaction,
    lifeSatisfactionBand: ons4PositiveBand(lifeSatisfaction),
    worthwhile,
    worthwhileBand: ons4PositiveBand(worthwhile),
    happiness,
    happinessBand: ons4PositiveBand(happiness),
    anxiety,
    anxietyBand: ons4AnxietyBand(anxiety),
  };
}
