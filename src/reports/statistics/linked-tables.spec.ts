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
    });
    for (const entry of result.suppressed) expect(entry).not.toHaveProperty('reason');
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

  it('protects a hidden row through the rows of another table that sum it', () => {
    // Walking 3 is small and art 8 hides it; the "arts" type is the art studio alone, so it
    // must be hidden too or it would give 8 back (and 23 − 12 − 8 the walking group's 3).
    const result = suppressTables<'n'>(
      [
        {
          name: 'groups',
          additive: true,
          rows: [
            { key: { g: 'walking' }, counts: { n: 3 } },
            { key: { g: 'art' }, counts: { n: 8 } },
            { key: { g: 'kitchen' }, counts: { n: 12 } },
          ],
        },
        {
          name: 'types',
          additive: false,
          rows: [
            { key: { t: 'arts' }, counts: { n: 8 } },
            { key: { t: 'outdoor' }, counts: { n: 15 } },
          ],
          sumOf: { table: 'groups', rows: [[1], [0, 2]] },
        },
      ],
      ['n'],
      { n: 23 },
      5,
    );
    const [walking, art, kitchen] = result.tables[0].rows.map((r) => r.counts.n);
    const [arts, outdoor] = result.tables[1].rows.map((r) => r.counts.n);
    expect([walking, art, arts]).toEqual([null, null, null]);
    // outdoor = walking + kitchen: 15 and 12 side by side would give the 3 back.
    expect(kitchen === null || outdoor === null).toBe(true);
    expect(result.totals.n).toBe(23);
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
