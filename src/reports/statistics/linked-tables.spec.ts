import { suppressTables } from './linked-tables';

type M = 'needs' | 'unmet';

describe('suppressTables', () => {
  it('protects a small count through every table that shares the totals', () => {
    const result = suppressTables<M>(
      [
        {
          name: 'domain',
          additive: true,
          rows: [
            { key: { domain: 'housing' }, counts: { needs: 3, unmet: 0 } },
            { key: { domain: 'money' }, counts: { needs: 20, unmet: 10 } },
            { key: { domain: 'food' }, counts: { needs: 30, unmet: 12 } },
          ],
        },
        {
          name: 'area',
          additive: true,
          rows: [{ key: { area: 'Nottingham' }, counts: { needs: 53, unmet: 22 } }],
        },
      ],
      ['needs', 'unmet'],
      { needs: 53, unmet: 22 },
      5,
    );
    const domain = result.tables[0].rows.map((r) => r.counts.needs);
    expect(domain).toEqual([null, null, 30]);
    expect(result.tables[0].rows[0].counts.unmet).toBe(0);
    expect(result.totals).toEqual({ needs: 53, unmet: 22 });
    expect(result.suppressed).toContainEqual({
      table: 'domain',
      row: { domain: 'housing' },
      measure: 'needs',
      reason: 'primary',
    });
  });

  it('protects the parts of a row that add up to another measure', () => {
    type R = 'unmet' | 'language' | 'level';
    const result = suppressTables<R>(
      [
        {
          name: 'domain',
          additive: false,
          rows: [{ key: { domain: 'housing' }, counts: { unmet: 12, language: 2, level: 10 } }],
        },
      ],
      ['unmet', 'language', 'level'],
      { unmet: 40, language: 20, level: 20 },
      5,
      [{ parts: ['language', 'level'], whole: 'unmet' }],
    );
    // 2 is small; 10 (smaller than the whole, 12) is hidden with it.
    expect(result.tables[0].rows[0].counts).toEqual({ unmet: 12, language: null, level: null });
  });

  it('hides only small counts in a table whose rows overlap', () => {
    const result = suppressTables<'n'>(
      [
        {
          name: 'activity',
          additive: false,
          rows: [
            { key: { a: 'arts' }, counts: { n: 2 } },
            { key: { a: 'food' }, counts: { n: 9 } },
          ],
        },
      ],
      ['n'],
      { n: 9 },
      5,
    );
    expect(result.tables[0].rows.map((r) => r.counts.n)).toEqual([null, 9]);
  });
});
