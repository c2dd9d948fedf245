/** How many answers an instrument takes and the whole-number range each must fall in. */
export interface AnswerSpec {
  readonly instrument: string;
  readonly count: number;
  readonly min: number;
  readonly max: number;
}

export type AnswerField = 'answers' | `answers[${number}]`;

export interface AnswerError {
  readonly field: AnswerField;
  readonly message: string;
}

/**
 * Every problem with a set of answers, in field order; empty when they can be scored.
 * Items are checked even when the count is wrong so that one response names every fault.
 */
export function checkAnswers(answers: readonly unknown[], spec: AnswerSpec): AnswerError[] {
  const errors: AnswerError[] = [];
  if (answers.length !== spec.count) {
    errors.push({
      field: 'answers',
      message: `${spec.instrument} needs exactly ${spec.count} answers (got ${answers.length})`,
    });
  }
  answers.forEach((answer, i) => {
    if (typeof answer !== 'number' || !Number.isInteger(answer)) {
      errors.push({
        field: `answers[${i}]`,
        message: `must be a whole number from ${spec.min} to ${spec.max}`,
      });
    } else if (answer < spec.min || answer > spec.max) {
      errors.push({
        field: `answers[${i}]`,
        message: `must be from ${spec.min} to ${spec.max} (got ${answer})`,
      });
    }
  });
  return errors;
}

/** For the scoring functions, whose callers are expected to have checked first. */
export function assertAnswers(answers: readonly unknown[], spec: AnswerSpec): number[] {
  const errors = checkAnswers(answers, spec);
  if (errors.length > 0) {
    const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    throw new RangeError(`Invalid ${spec.instrument} answers: ${detail}`);
  }
  return answers as number[];
}
