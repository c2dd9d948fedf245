import { SERVICE_ACCESS_SETTINGS_SQL } from '../src/reports/report-settings';
import { readServiceAccessRows } from '../src/reports/service-access/service-access.rows';
import { serviceAccessSql } from '../src/reports/service-access/service-access.sql';
import type { StatementRow } from '../src/reports/service-access/window-medians';
import { TestContext } from './support/test-app';

/**
 * The medians' speed rests on most groups taking their middle from the window's values, so that
 * the statement returns all of a cell's values only for the few cells a missed group needs. The
 * figures would be the same if every cell came back whole; only this test would tell. The fact
 * rows are written directly (as the owner) to place each value exactly.
 */
describe('Service-access medians: only the cells a missed group needs come back whole', () => {
  let ctx: TestContext;
  let serviceId: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    serviceId = (await ctx.db.query<{ id: string }>('SELECT id FROM service LIMIT 1')).rows[0].id;
  });
  afterAll(() => ctx.close());

  const facts = (channel: string, days: number[]) =>
    ctx.db.query(
      `INSERT INTO report_referral_fact
         (referral_id, service_id, local_day, month, channel, sole_referral, days_to_first_contact)
       SELECT gen_random_uuid(), $1, '2026-03-10', '2026-03', $2, true, d
         FROM unnest($3::float8[]) d`,
      [serviceId, channel, days],
    );

  /** The statement's rows by channel, the window read off every page (a 100% sample). */
  const statement = async () => {
    const client = await ctx.db.connect();
    try {
      await client.query('BEGIN');
      await client.query(SERVICE_ACCESS_SETTINGS_SQL);
      const { rows } = await client.query<StatementRow>(
        serviceAccessSql(['channel'], { windowSamplePercent: 100 }),
        ['2026-03-01', '2026-03-31'],
      );
      await client.query('COMMIT');
      return rows;
    } finally {
      client.release();
    }
  };
  const wholeCells = (rows: StatementRow[]) =>
    rows
      .filter((r) => r.row_kind === 'cell' && r.values_first_contact !== null)
      .map((r) => r.channel);

  it('returns no cell whole while every group finds its middle in the window', async () => {
    await facts(
      'self',
      Array.from({ length: 41 }, (_, i) => i / 4),
    );
    const rows = await statement();
    expect(wholeCells(rows)).toEqual([]);
    const total = readServiceAccessRows(rows, ['channel', 'month']).aggregates.find(
      (a) => a.grouped.length === 0,
    );
    expect(total?.median_days_to_first_contact).toBe(5);
  });

  it('returns whole only the cells of a group whose middle lies outside the window', async () => {
    // GP referrals wait far longer than the rest: their middle is above the window.
    await facts('gp_practice', [30, 31, 32, 33]);
    const rows = await statement();
    expect(wholeCells(rows)).toEqual(['gp_practice']);
    const byChannel = readServiceAccessRows(rows, ['channel', 'month']).aggregates.filter(
      (a) => a.grouped.length === 1 && a.grouped[0] === 'channel',
    );
    expect(
      Object.fromEntries(byChannel.map((a) => [a.key.channel, a.median_days_to_first_contact])),
    ).toEqual({ self: 5, gp_practice: 31.5 });
  });
});
