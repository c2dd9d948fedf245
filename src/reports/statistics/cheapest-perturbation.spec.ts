import { CheapestPerturbation } from './cheapest-perturbation';
import type { Relation } from './intruder-model';
import { loadLpSolver, type LpSolver } from './lp-solver';

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadLpSolver();
});

/**
 * A 2 × 2 table with its margins: cells 0–3 (rows 0–1, 2–3), row totals 4–5, column totals 6–7,
 * grand total 8. Cell 0 (8) is hidden whatever its size, and alone it is pinned by its row.
 */
const COUNTS = [8, 20, 30, 40, 28, 70, 38, 60, 98];
const RELATIONS: Relation[] = [
  { kind: 'sum', members: [0, 1], total: 4 },
  { kind: 'sum', members: [2, 3], total: 5 },
  { kind: 'sum', members: [0, 2], total: 6 },
  { kind: 'sum', members: [1, 3], total: 7 },
  { kind: 'sum', members: [4, 5], total: 8 },
  { kind: 'sum', members: [6, 7], total: 8 },
];

describe('CheapestPerturbation', () => {
  it('moves the count itself, so that the cheapest table is the cycle of the other three cells', () => {
    const hidden = COUNTS.map((_, i) => i === 0);
    const lower = COUNTS.map((_, i) => (i === 0 ? 1 : 0));
    const perturbation = new CheapestPerturbation(COUNTS, RELATIONS, 5, 2 * 98 + 10, solver);
    try {
      // Moving cell 0 by 5 means moving 1, 2 and 3 by 5 around the cycle (cost 21 + 31 + 41);
      // any other way moves a margin, at ten times the price. A table that "moves" it up and
      // down at once moves nothing, and would say nothing needs hiding.
      expect(perturbation.cheapest(0, { low: 8, high: 8 }, hidden, lower)).toEqual([1, 2, 3]);
    } finally {
      perturbation.close();
    }
  });
});
