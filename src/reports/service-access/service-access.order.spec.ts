import { aggregatesOf } from '../../../test/support/service-access-intruder';
import { loadLpSolver, type LpSolver } from '../statistics/lp-solver';
import { buildServiceAccessReport } from './service-access.report';
import { emptyCompleteness } from './service-access.rows';

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadLpSolver();
});

const build = () =>
  buildServiceAccessReport(
    {
      dimensions: ['area'],
      period: { from: '2025-01-01', to: '2025-01-31' },
      threshold: 5,
      generatedAt: new Date('2025-02-01T09:00:00Z'),
      aggregates: aggregatesOf(
        ['area'],
        ['Rushcliffe', 'Broxtowe', 'Gedling', 'Nottingham'].map((area, i) => ({
          key: { area },
          month: '2025-01',
          referrals: [3, 12, 8, 40][i],
        })),
      ),
      completeness: emptyCompleteness(),
    },
    solver,
  );

it('orders categories by code point, so neither the rows nor the suppression follow the locale', () => {
  const report = build();
  expect(report.rows.map((r) => r.key.area)).toEqual([
    'Broxtowe',
    'Gedling',
    'Nottingham',
    'Rushcliffe',
  ]);
  const reversed = jest.spyOn(String.prototype, 'localeCompare').mockImplementation(function (
    this: string,
    that: string,
  ) {
    return this < that ? 1 : this > that ? -1 : 0;
  });
  try {
    expect(build()).toEqual(report);
  } finally {
    reversed.mockRestore();
  }
});
