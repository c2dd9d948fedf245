import { loadLpSolver } from '../statistics/lp-solver';
import { buildEquityReport, type EquityInput } from './equity.report';

const base: Omit<EquityInput, 'by' | 'population' | 'referrals' | 'kind'> = {
  period: { from: '2026-01-01', to: '2026-12-31' },
  threshold: 5,
  generatedAt: new Date('2027-01-02T00:00:00Z'),
  people: { people: 100, sex: 100, ethnicity: 90, religion: 50 },
  sources: ['TS007A'],
  censusDate: '2021-03-21',
};

describe('buildEquityReport', () => {
  it('puts five-year bands together into the report age bands, referrals by their age', async () => {
    const report = buildEquityReport(
      {
        ...base,
        by: 'ageBand',
        kind: 'ageBand',
        population: ['15-19', '20-24', '25-29'].map((band) => ({
          areaCode: 'E06000018',
          areaName: 'Nottingham',
          category: band,
          ageBand: band,
          count: 1000,
        })),
        referrals: [
          { key: '15', ageFloor: 15, referrals: 7 },
          { key: '20', ageFloor: 20, referrals: 8 },
          { key: '25', ageFloor: 25, referrals: 10 },
          { key: null, ageFloor: null, referrals: 4 },
        ],
      },
      await loadLpSolver(),
    );
    expect(report.rows.map((r) => [r.key, r.referrals, r.population])).toEqual([
      ['15-24', 15, 2000],
      ['25-34', 10, 1000],
    ]);
    expect(report.rows[0].ratePer1000.value).toBe(7.5);
    // No age-standardised rate by age.
    expect(report.rows[0].ageStandardisedRate.value).toBeNull();
  });

  it('hides a small total with every row, zeros too, and every rate and ratio with them', async () => {
    const report = buildEquityReport(
      {
        ...base,
        by: 'sex',
        kind: 'sex',
        population: ['female', 'male'].map((category) => ({
          areaCode: 'E06000018',
          areaName: 'Nottingham',
          category,
          ageBand: 'all',
          count: 5000,
        })),
        referrals: [{ key: 'female', ageFloor: 30, referrals: 3 }],
      },
      await loadLpSolver(),
    );
    expect(report.totals.referrals).toBeNull();
    const male = report.rows.find((r) => r.key === 'male');
    // "0 men" beside a hidden total of 3 would say all 3 are women.
    expect(male?.referrals).toBeNull();
    expect(male?.ratePer1000.value).toBeNull();
    expect(male?.rateRatio).toEqual({ value: null, lower: null, upper: null });
    expect(report.totals.ratePer1000.value).toBeNull();
  });

  it('names the areas covered in the same order whatever order the population rows come in', async () => {
    const population = [
      ['E07000176', 'Rushcliffe'],
      ['E06000018', 'Nottingham'],
    ].flatMap(([areaCode, areaName]) =>
      ['female', 'male'].map((category) => ({
        areaCode,
        areaName,
        category,
        ageBand: 'all',
        count: 5000,
      })),
    );
    const notes = async (rows: typeof population) =>
      buildEquityReport(
        {
          ...base,
          by: 'sex',
          kind: 'sex',
          population: rows,
          referrals: [{ key: 'female', ageFloor: 30, referrals: 30 }],
        },
        await loadLpSolver(),
      ).notes.find((n) => n.includes('Areas covered'));
    expect(await notes(population)).toContain('Areas covered: Nottingham, Rushcliffe.');
    expect(await notes([...population].reverse())).toBe(await notes(population));
  });
});

describe('buildEquityReport by area', () => {
  const build = async () =>
    buildEquityReport(
      {
        ...base,
        by: 'area',
        kind: 'sex',
        population: [
          ['E07000176', 'Rushcliffe'],
          ['E06000018', 'Nottingham'],
          ['E07000172', 'broxtowe'],
        ].flatMap(([areaCode, areaName]) =>
          ['female', 'male'].map((category) => ({
            areaCode,
            areaName,
            category,
            ageBand: 'all',
            count: 2500,
          })),
        ),
        referrals: [
          { key: 'E07000176', ageFloor: 30, referrals: 3 },
          { key: 'E06000018', ageFloor: 30, referrals: 40 },
          { key: 'E07000172', ageFloor: 30, referrals: 12 },
        ],
      },
      await loadLpSolver(),
    );

  it('orders areas by code point, so neither the rows nor the suppression follow the locale', async () => {
    const report = await build();
    expect(report.rows.map((r) => r.label)).toEqual(['Nottingham', 'Rushcliffe', 'broxtowe']);
    const reversed = jest.spyOn(String.prototype, 'localeCompare').mockImplementation(function (
      this: string,
      that: string,
    ) {
      return this < that ? 1 : this > that ? -1 : 0;
    });
    try {
      expect({ ...(await build()), generatedAt: report.generatedAt }).toEqual(report);
    } finally {
      reversed.mockRestore();
    }
  });
});
