import loadHighs from 'highs';

/**
 * The intruder of the disclosure tests: a reader who knows everything one response publishes and
 * how its figures are tied together, and solves for each suppressed cell's smallest and largest
 * possible value over whole-number tables (integer programming, HiGHS' branch and cut run to a
 * zero gap). Written apart from the app's own audit (src/reports/statistics), from the tables'
 * meaning rather than from the relations the app derives, so that a mistake in one is not
 * repeated in the other.
 */

export interface IntruderCell {
  readonly name: string;
  /** The published figure; null when suppressed. */
  readonly value: number | null;
  /** What the reader knows of a suppressed cell before any arithmetic (1 when zeros are shown). */
  readonly atLeast: number;
}

/** Σ plus = Σ minus. */
export interface Equation {
  readonly plus: readonly string[];
  readonly minus: readonly string[];
}

/** Σ small ≤ Σ large. */
export interface Inequality {
  readonly small: readonly string[];
  readonly large: readonly string[];
}

/** low ≤ Σ part / Σ whole ≤ high, as a published share rounded to two places tells. */
export interface Ratio {
  readonly part: readonly string[];
  readonly whole: readonly string[];
  readonly low: number;
  readonly high: number;
}

export interface IntruderView {
  readonly cells: readonly IntruderCell[];
  readonly equations: readonly Equation[];
  readonly inequalities?: readonly Inequality[];
  readonly ratios?: readonly Ratio[];
}

export interface FeasibleRange {
  readonly min: number;
  readonly max: number;
}

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highs: Promise<Highs> | undefined;

/** Each suppressed cell's feasible range; max is Infinity when nothing bounds it. */
export async function feasibleRanges(view: IntruderView): Promise<Map<string, FeasibleRange>> {
  const solver = await (highs ??= loadHighs());
  const byName = new Map(view.cells.map((c) => [c.name, c]));
  const hidden = view.cells.filter((c) => c.value === null);
  const variable = new Map(hidden.map((c, i) => [c.name, `x${i}`]));
  const cell = (name: string) => {
    const found = byName.get(name);
    if (found === undefined) throw new Error(`no cell named ${name}`);
    return found;
  };
  /** Σ coefficient·cell as LP text with the published part folded into a constant. */
  const linear = (terms: readonly (readonly [string, number])[]) => {
    const coefficients = new Map<string, number>();
    let constant = 0;
    for (const [name, coefficient] of terms) {
      const c = cell(name);
      if (c.value !== null) constant += coefficient * c.value;
      else {
        const x = variable.get(name) as string;
        coefficients.set(x, (coefficients.get(x) ?? 0) + coefficient);
      }
    }
    const text = [...coefficients]
      .filter(([, k]) => Math.abs(k) > 1e-12)
      .map(([x, k]) => `${k >= 0 ? '+' : '-'} ${Math.abs(k)} ${x}`)
      .join(' ');
    return { text, constant };
  };
  const rows: string[] = [];
  const row = (terms: (readonly [string, number])[], sense: '=' | '<=' | '>=') => {
    const { text, constant } = linear(terms);
    if (text === '') {
      const ok =
        sense === '='
          ? Math.abs(constant) < 1e-9
          : sense === '<='
            ? constant <= 1e-9
            : constant >= -1e-9;
      if (!ok) throw new Error('the published figures contradict each other');
      return;
    }
    rows.push(` c${rows.length}: ${text} ${sense} ${-constant}`);
  };
  for (const e of view.equations) {
    row([...e.plus.map((n) => [n, 1] as const), ...e.minus.map((n) => [n, -1] as const)], '=');
  }
  for (const i of view.inequalities ?? []) {
    row([...i.small.map((n) => [n, 1] as const), ...i.large.map((n) => [n, -1] as const)], '<=');
  }
  for (const r of view.ratios ?? []) {
    row(
      [...r.part.map((n) => [n, 1] as const), ...r.whole.map((n) => [n, -r.high] as const)],
      '<=',
    );
    row([...r.part.map((n) => [n, 1] as const), ...r.whole.map((n) => [n, -r.low] as const)], '>=');
  }
  const bounds = hidden.map((c) => ` ${variable.get(c.name)} >= ${c.atLeast}`);
  const names = [...variable.values()];
  const ranges = new Map<string, FeasibleRange>();
  for (const c of hidden) {
    const x = variable.get(c.name) as string;
    const solve = (sense: 'Maximize' | 'Minimize') => {
      const text = (integer: boolean) =>
        [
          sense,
          ` obj: ${x}`,
          'Subject To',
          ...(rows.length > 0 ? rows : [` c0: ${x} >= 0`]),
          'Bounds',
          ...bounds,
          ...(integer ? ['Generals', ` ${names.join(' ')}`] : []),
          'End',
        ].join('\n');
      // The relaxation's optimum is the integer optimum when its optimal point is integral (as
      // it is for most tables); otherwise branch and cut decides.
      const relaxed = solver.solve(text(false), { output_flag: false });
      if (/unbounded/i.test(relaxed.Status)) return sense === 'Maximize' ? Infinity : -Infinity;
      if (relaxed.Status !== 'Optimal') throw new Error(`intruder's programme: ${relaxed.Status}`);
      const integral = Object.values(relaxed.Columns).every(
        (column) => Math.abs(column.Primal - Math.round(column.Primal)) < 1e-7,
      );
      if (integral) return Math.round(relaxed.ObjectiveValue);
      const result = solver.solve(text(true), {
        output_flag: false,
        mip_rel_gap: 0,
        mip_abs_gap: 0,
      });
      // The true table is always feasible, so "infeasible or unbounded" means unbounded.
      if (/unbounded/i.test(result.Status)) return sense === 'Maximize' ? Infinity : -Infinity;
      if (result.Status !== 'Optimal') throw new Error(`intruder's programme: ${result.Status}`);
      return Math.round(result.ObjectiveValue);
    };
    ranges.set(c.name, { min: solve('Minimize'), max: solve('Maximize') });
  }
  return ranges;
}

/** Suppressed cells whose range is narrower than `width`, with their ranges, for messages. */
export function narrowerThan(
  ranges: ReadonlyMap<string, FeasibleRange>,
  width: number,
): { name: string; min: number; max: number }[] {
  return [...ranges].filter(([, r]) => r.max - r.min < width).map(([name, r]) => ({ name, ...r }));
}
