import { Readable } from 'node:stream';
import { createReadStream } from 'node:fs';
import { PopulationImportService } from '../src/reports/population/population-import.service';
import { SAMPLE_POPULATION_FILES } from '../src/reports/population/sample-population';
import { ServicesService } from '../src/services/services.service';
import { feasibleRanges } from './support/intruder';
import { ReportsFactory } from './support/reports-factory';
import { TestContext, type TestUser } from './support/test-app';

const PERIOD = 'from=2026-01-01&to=2026-12-31';

/** A Nomis bulk TS021 file cut down to a few categories, with two bad rows. */
const TS021_FIXTURE = [
  'date,geography,geography code,Ethnic group: Total: All usual residents,Ethnic group: White,"Ethnic group: White: English, Welsh, Scottish, Northern Irish or British","Ethnic group: Asian, Asian British or Asian Welsh: Indian","Ethnic group: Black, Black British, Black Welsh, Caribbean or African: African",Ethnic group: Mixed or Multiple ethnic groups: White and Asian,Ethnic group: Other ethnic group: Arab',
  '2021,Nottingham,E06000018,14600,10000,10000,2000,1500,800,300',
  '2021,Rushcliffe,E07000176,5850,5000,5000,500,100,200,50',
  '2021,Nowhere,E0600001X,6,1,1,1,1,1,1',
  '2021,Gedling,E07000173,100,80,80,twelve,5,3,2',
].join('\r\n');

interface Row {
  key: string;
  referrals: number | null;
  population: number;
  ratePer1000: { value: number | null; lower: number | null; upper: number | null };
  rateRatio: { value: number | null; lower: number | null; upper: number | null };
}

describe('Equity report: referrals against the Census population', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let defaultService: string;
  let otherService: string;
  const report = (u: TestUser, query: string) =>
    ctx.http.get(`/api/reports/equity?${PERIOD}&${query}`).set('Authorization', u.auth);

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser('admin');
    defaultService = await ctx.app.get(ServicesService).defaultServiceId();
    otherService = (
      await ctx.http.post('/api/services').set('Authorization', admin.auth).send({ name: 'Other' })
    ).body.id as string;
    await ctx.db.query(
      `INSERT INTO postcode_area (postcode, ward_code, lsoa_code, local_authority_code, local_authority_name)
       VALUES ('NG71AA', 'E05012277', 'E01033406', 'E06000018', 'Nottingham'),
              ('NG26AA', 'E05009725', 'E01028211', 'E07000176', 'Rushcliffe')
       ON CONFLICT (postcode) DO UPDATE SET local_authority_code = EXCLUDED.local_authority_code`,
    );
    const make = new ReportsFactory(ctx.db);
    const people = async (
      n: number,
      ethnicity: string | null,
      postcode: string | null,
      serviceId = defaultService,
    ) => {
      for (let i = 0; i < n; i++) {
        const { personId } = await make.journey({ postcode, serviceId, sex: 'female' });
        await ctx.db.query('UPDATE person SET ethnicity = $2, religion = $3 WHERE id = $1', [
          personId,
          ethnicity,
          i % 2 === 0 ? 'no_religion' : null,
        ]);
      }
    };
    await people(30, 'white_british', 'NG7 1AA');
    await people(10, 'white_british', 'NG2 6AA');
    await people(12, 'asian_indian', 'NG7 1AA');
    await people(3, 'black_african', 'NG7 1AA');
    await people(6, 'mixed_white_asian', 'NG2 6AA');
    // Outside every numerator: chose not to say, not recorded, no postcode.
    await people(2, 'prefer_not_to_say', 'NG7 1AA');
    await people(3, null, 'NG7 1AA');
    await people(4, 'white_british', null);
    await people(5, 'white_british', 'NG7 1AA', otherService);
  });
  afterAll(() => ctx.close());

  it('loads a Nomis bulk table, listing the rows it rejects and the totals it leaves out', async () => {
    const result = await ctx.app
      .get(PopulationImportService)
      .import(Readable.from([TS021_FIXTURE]), { source: 'TS021' });
    expect(result.rejected).toBe(2);
    expect(result.rejectedRows).toEqual([
      { line: 4, reason: '"E0600001X" is not an ONS area code' },
      {
        line: 5,
        reason:
          '"twelve" in column "Ethnic group: Asian, Asian British or Asian Welsh: Indian" is not a whole number of people',
      },
    ]);
    expect(result.leftOut).toEqual([
      'Ethnic group: Total: All usual residents',
      'Ethnic group: White',
    ]);
    expect(result.written).toBe(10);
    const { rows } = await ctx.db.query(
      `SELECT area_code, sum(count)::int AS people FROM population_count
        WHERE kind = 'ethnicity' GROUP BY area_code ORDER BY area_code`,
    );
    expect(rows).toEqual([
      { area_code: 'E06000018', people: 14600 },
      { area_code: 'E07000176', people: 5850 },
    ]);
  });

  it('gives the rate per 1,000 and its rate ratio as worked by hand, suppressing small counts', async () => {
    const res = await report(admin, `by=ethnicity&serviceId=${defaultService}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      period: { from: '2026-01-01', to: '2026-12-31' },
      threshold: 5,
    });
    const rows = res.body.rows as Row[];
    const row = (key: string) => rows.find((r) => r.key === key) as Row;
    // Indian: 12 referrals of 2,000 + 500 residents. Byar: 12·(1 − 1/108 − 1.96/(3√12))³ = 6.19
    // and 13·(1 − 1/117 + 1.96/(3√13))³ = 20.96, over 2,500, per 1,000.
    expect(row('asian_indian')).toMatchObject({ referrals: 12, population: 2500 });
    expect(row('asian_indian').ratePer1000).toEqual({ value: 4.8, lower: 2.48, upper: 8.39 });
    // Against everyone else: (12 / 2,500) ÷ (49 / 17,950) = 1.758; Wilson limits of 12/61 as odds.
    expect(row('asian_indian').rateRatio).toEqual({ value: 1.758, lower: 0.945, upper: 3.273 });
    expect(res.body.totals).toMatchObject({ referrals: 61, population: 20450 });
    // 3 is suppressed, so 6 is too (else 61 − the rest gives it back); 0 is shown.
    expect(row('black_african')).toMatchObject({
      referrals: null,
      population: 1600,
      ratePer1000: { value: null, lower: null, upper: null },
      rateRatio: { value: null, lower: null, upper: null },
    });
    expect(row('mixed_white_asian').referrals).toBeNull();
    expect(row('other_arab')).toMatchObject({ referrals: 0, population: 350 });
    expect(res.text).not.toMatch(/"referrals":\s*[1-4]\b/);
    // 67 of 70 people have an ethnic group: the share would give away the 3 without, so it is withheld.
    expect(res.body.completeness).toEqual({ sex: 1, ethnicity: null, religion: 0.51 });
    const notes = (res.body.notes as string[]).join(' ');
    expect(notes).toContain('prefer not to say');
    expect(notes).toContain('TS021');
    expect(notes).toContain("Byar's method");
    expect(notes).toContain('2013 European Standard Population');
  });

  it('leaves an intruder who knows the total and every row at least the threshold to guess from', async () => {
    const res = await report(admin, `by=ethnicity&serviceId=${defaultService}`);
    const rows = res.body.rows as Row[];
    const ranges = await feasibleRanges({
      cells: [
        ...rows.map((r) => ({ name: r.key, value: r.referrals, atLeast: 1 })),
        { name: 'total', value: res.body.totals.referrals as number | null, atLeast: 1 },
      ],
      equations: [{ plus: rows.map((r) => r.key), minus: ['total'] }],
    });
    expect(ranges.size).toBe(2);
    for (const [, range] of ranges) expect(range.max - range.min).toBeGreaterThanOrEqual(5);
  });

  it('keeps a limited commissioner to its services: 403 for another, its own by default', async () => {
    const limited = await ctx.newUser('commissioner', { serviceIds: [otherService] });
    const other = await report(limited, `by=ethnicity&serviceId=${defaultService}`);
    expect(other.status).toBe(403);
    expect(other.headers['content-type']).toContain('application/problem+json');
    const own = await report(limited, 'by=ethnicity');
    expect(own.status).toBe(200);
    expect(own.body.totals.referrals).toBe(5);
    expect((await report(admin, 'by=ethnicity')).body.totals.referrals).toBe(66);
    expect((await report(await ctx.newUser('link_worker'), 'by=ethnicity')).status).toBe(403);
  });

  it('refuses an unknown breakdown or an impossible period with 422', async () => {
    for (const by of ['religion', 'migrantStatus', 'ethnicity,sex']) {
      const res = await report(admin, `by=${by}`);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'by' })]);
    }
    const backwards = await ctx.http
      .get('/api/reports/equity?from=2026-12-31&to=2026-01-01')
      .set('Authorization', admin.auth);
    expect(backwards.status).toBe(422);
  });

  it('publishes Fingertips-like CSV and a printable page with the rates drawn with their intervals', async () => {
    const csv = await report(admin, `by=ethnicity&serviceId=${defaultService}&format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'Indicator,Area,Category Type,Category,Count,Denominator,Value,Lower CI 95.0 limit,Upper CI 95.0 limit',
    );
    expect(lines).toContain(
      '"Referrals to social prescribing per 1,000 residents",Nottingham; Rushcliffe,ethnicity,"Asian, Asian British or Asian Welsh: Indian",12,2500,4.8,2.48,8.39',
    );
    expect(lines.some((l) => l.includes('African",[c],1600,[c],[c],[c]'))).toBe(true);
    const html = await report(admin, `by=ethnicity&serviceId=${defaultService}&format=html`);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.text).toContain('<svg');
    expect(html.text).toContain('Dot chart with 95% confidence intervals');
    expect(html.text).toContain('4.80 (2.48 to 8.39)');
    expect(html.text).toContain('Completeness of the equity fields');
  });

  it('loads the SYNTHETIC sample for the demo area and says so, with age-standardised rates by sex', async () => {
    const importer = ctx.app.get(PopulationImportService);
    for (const file of SAMPLE_POPULATION_FILES) {
      const result = await importer.import(createReadStream(file), { source: 'SYNTHETIC sample' });
      expect(result.rejected).toBe(0);
      expect(result.written).toBeGreaterThan(0);
    }
    await ctx.db.query(
      `UPDATE person SET date_of_birth = DATE '1990-01-01' - (random() * 20000)::int WHERE sex = 'female'`,
    );
    const res = await report(admin, `by=sex&serviceId=${defaultService}`);
    expect(res.status).toBe(200);
    const female = (res.body.rows as (Row & { ageStandardisedRate: Row['ratePer1000'] })[]).find(
      (r) => r.key === 'female',
    );
    // Every woman referred to the default service who lives in the two areas, whatever her ethnic group.
    expect(female?.referrals).toBe(66);
    expect(female?.ageStandardisedRate.value).toEqual(expect.any(Number));
    expect(res.body.population.synthetic).toBe(true);
    expect((res.body.notes as string[])[0]).toContain('SYNTHETIC');
  });
});
