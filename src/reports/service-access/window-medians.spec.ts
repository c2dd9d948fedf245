import { aggregatesWithMedians, type StatementRow } from './window-medians';

describe('the medians of the statement’s grouping-set rows', () => {
  const columns = ['channel', 'month'];
  const cell = (
    channel: string | null,
    month: string | null,
    window: number[],
    values: number[] | null,
    source = 'fine_cells',
  ) => ({
    row_kind: 'cell',
    source,
    channel,
    month,
    window_first_contact: window.length > 0 ? window : null,
    values_first_contact: values,
    window_placement: null,
    values_placement: null,
  });
  const group = (
    channel: string | null,
    month: string | null,
    counts: { n: number; below: number; inside: number },
  ): StatementRow => ({
    row_kind: 'aggregate',
    source: month === null ? 'cells' : 'month_cells',
    g_channel: channel === null ? 1 : 0,
    g_month: month === null ? 1 : 0,
    channel,
    month,
    n_first_contact: counts.n,
    below_first_contact: counts.below,
    inside_first_contact: counts.inside,
    n_placement: 0,
    below_placement: 0,
    inside_placement: 0,
  });

  it('adds up each group from the cells whose keys it shares', () => {
    // Days to first contact, window [2, 4]. self: 1, 2, 3 in January and 4, 10 in February;
    // gp: 30 and 40 in January, a cell some missed group needs whole.
    const cells = [
      cell('self', '2026-01', [2, 3], null),
      cell('self', '2026-02', [4], null),
      cell('gp', '2026-01', [], [30, 40]),
    ];
    const groups = [
      group('self', null, { n: 5, below: 1, inside: 3 }),
      group(null, '2026-01', { n: 5, below: 1, inside: 2 }),
      group('gp', null, { n: 2, below: 0, inside: 0 }),
      { ...group(null, null, { n: 7, below: 1, inside: 3 }), source: 'month_cells' },
    ];
    const medians = aggregatesWithMedians([...cells, ...groups], columns).map((r) => [
      r.channel ?? r.month ?? 'all',
      r.median_days_to_first_contact,
      r.median_days_to_placement,
    ]);
    expect(medians).toEqual([
      ['self', 3, null],
      ['2026-01', 3, null],
      ['gp', 35, null],
      ['all', 4, null],
    ]);
  });

  it('keeps an unknown (NULL) key a category of its own, and need groups to the need cells', () => {
    const rows: StatementRow[] = [
      cell(null, '2026-01', [5, 6], null),
      cell('self', '2026-01', [7], null),
      cell('self', null, [100, 200], null, 'need_cells'),
      // Channel unknown: four values, one below the window, the middle two inside it.
      { ...group(null, null, { n: 4, below: 1, inside: 2 }), g_channel: 0 },
      // A need row by channel adds up the need cells, not the referrals' cells.
      { ...group('self', null, { n: 2, below: 0, inside: 2 }), source: 'need_cells' },
    ];
    expect(aggregatesWithMedians(rows, columns).map((r) => r.median_days_to_first_contact)).toEqual(
      [5.5, 150],
    );
  });

  it('fails loudly when a missed group’s cells did not come back whole', () => {
    // self in February: two values, 4 and 10, the second above the window, so it misses; but its
    // cell was not marked, so the statement returned only its window value.
    const rows = [
      cell('self', '2026-02', [4], null),
      group('self', '2026-02', { n: 2, below: 0, inside: 1 }),
    ];
    expect(() => aggregatesWithMedians(rows, columns)).toThrow(/0 values_first_contact values/);
  });
});
