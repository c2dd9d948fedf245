import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { PostcodeImportService } from '../src/services/postcodes/postcode-import.service';
import { feasibleRanges, narrowerThan } from './support/intruder';
import { ReportsFactory } from './support/reports-factory';
import { serviceAccessIntruderView } from './support/service-access-intruder';
import { TestContext, type TestUser } from './support/test-app';

const PERIOD = 'from=2026-01-01&to=2026-12-31';

describe('Reports: service access', () => {
  let ctx: TestContext;
  let make: ReportsFactory;
  let commissioner: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    make = new ReportsFactory(ctx.db);
    commissioner = await ctx.newUser('commissioner');
    await ctx.app
      .get(PostcodeImportService)
      .import(createReadStream(join(__dirname, 'fixtures', 'onspd-sample.csv')));
    // 20 GP referrals, 12 from charities, 3 from the police; one outside the period.
    await make.journeys(8, {
      channel: 'gp_practice',
      sex: 'Female',
      dateOfBirth: '1990-04-02',
      postcode: 'ng7 1aa',
      migrantStatus: 'refugee',
      countryOfBirth: 'SO',
      yearOfArrival: 2022,
      firstContactAfterDays: 2,
      placedAfterDays: 10,
      attended: true,
      completed: true,
      swemwbs: [18, 22],
      reasons: ['social_connection', 'mental_health'],
    });
    await make.journeys(12, {
      channel: 'gp_practice',
      sex: 'male',
      dateOfBirth: '1960-01-01',
      postcode: 'NG9 1AA',
      migrantStatus: 'not_recorded',
      firstContactAfterDays: 4,
      accepted: true,
      reasons: ['housing'],
    });
    await make.journeys(12, {
      channel: 'charity',
      postcode: 'NG7 5GX',
      migrantStatus: 'asylum_seeker',
      firstContactAfterDays: 1,
      placedAfterDays: 20,
      swemwbs: [20, 21],
      reasons: ['housing', 'money'],
    });
    await make.journeys(3, { channel: 'police', postcode: 'ZZ1 1ZZ', reasons: ['safety'] });
    await make.journey({ channel: 'police', receivedAt: '2025-06-01T10:00:00Z' });
  });

  afterAll(async () => {
    await ctx.close();
  });

  const get = (query: string, user: TestUser = commissioner) =>
    ctx.http.get(`/api/reports/service-access?${query}`).set('Authorization', user.auth);

  it('is for commissioners and admins only', async () => {
    await ctx.http.get(`/api/reports/service-access?${PERIOD}`).expect(401);
    for (const role of ['link_worker', 'referrer', 'group_coordinator'] as const) {
      await get(PERIOD, await ctx.newUser(role)).expect(403);
    }
    await get(PERIOD, await ctx.newUser('admin')).expect(200);
    await get(PERIOD).expect(200);
  });

  it('counts the funnel for referrals received in the period', async () => {
    const { body } = await get(PERIOD).expect(200);
    expect(body.period).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(body.threshold).toBe(5);
    expect(new Date(body.generatedAt).getTime()).not.toBeNaN();
    expect(body.rows).toEqual([]);
    expect(body.totals).toMatchObject({
      referrals: 35,
      accepted: 32,
      placed: 20,
      attended: 8,
      completed: 8,
      medianDaysToFirstContact: 2,
      medianDaysToPlacement: 20,
    });
    // 20/35 with its Wilson interval: (2s + z² ± z√(z² + 4s(n−s)/n)) / 2(n + z²).
    expect(body.totals.uptakeRate.value).toBeCloseTo(0.5714, 4);
    expect(body.totals.uptakeRate.lower).toBeCloseTo(0.4086, 3);
    expect(body.totals.uptakeRate.upper).toBeCloseTo(0.7201, 3);
    // 8 cases +4 and 12 cases +1: mean 2.2.
    expect(body.totals.swemwbsChange.n).toBe(20);
    expect(body.totals.swemwbsChange.mean).toBeCloseTo(2.2, 5);
    expect(body.totals.swemwbsChange.lower).toBeLessThan(2.2);
    expect(body.totals.swemwbsChange.upper).toBeGreaterThan(2.2);
  });

  it('suppresses a small channel and the partner that would reveal it', async () => {
    const { body } = await get(`${PERIOD}&by=channel`).expect(200);
    const byChannel = Object.fromEntries(
      body.rows.map((r: { key: { channel: string } }) => [r.key.channel, r]),
    );
    expect(byChannel.police.referrals).toBeNull();
    expect(byChannel.police.uptakeRate).toMatchObject({ value: null, status: 'suppressed' });
    // The total (35) is shown, so a partner is hidden with police: GP practice (20) rather than
    // charity (12), as charity's 12 accepted and placed would have to go with it.
    expect(byChannel.gp_practice.referrals).toBeNull();
    expect(byChannel.charity.referrals).toBe(12);
    expect(body.totals.referrals).toBe(35);
    expect(body.suppressed).toContainEqual({
      section: 'rows',
      row: { channel: 'police' },
      measure: 'referrals',
    });
    expect(body.suppressed).toContainEqual({
      section: 'rows',
      row: { channel: 'gp_practice' },
      measure: 'referrals',
    });
    // Not why: "primary" would say 1 to 4 and "secondary" at least 5.
    for (const entry of body.suppressed) expect(entry).not.toHaveProperty('reason');
    // The later stages of a hidden funnel are hidden too: "0 accepted" beside the hidden police
    // referrals would bound them, as would the 20 GP acceptances the GP referrals.
    expect(byChannel.police.accepted).toBeNull();
    expect(byChannel.police.completed).toBeNull();
    expect(byChannel.gp_practice.accepted).toBeNull();
    // Zero is a count too, and shown.
    const byStatus = (await get(`${PERIOD}&by=migrantStatus`).expect(200)).body.rows;
    const notRecorded = byStatus.find(
      (r: { key: { migrantStatus: string } }) => r.key.migrantStatus === 'not_recorded',
    );
    expect(notRecorded).toMatchObject({ referrals: 15, placed: 0, completed: 0 });
  });

  it('never shows a count from 1 to threshold − 1 anywhere', async () => {
    const { body } = await get(
      `${PERIOD}&by=channel,migrantStatus,sex,ageBand,area,need,yearOfArrivalBand`,
    ).expect(200);
    const counts: number[] = [];
    const walk = (value: unknown, name = ''): void => {
      if (Array.isArray(value)) value.forEach((v) => walk(v, name));
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) if (k !== 'suppressed') walk(v, k);
      } else if (
        typeof value === 'number' &&
        ['referrals', 'accepted', 'placed', 'attended', 'completed', 'n'].includes(name)
      ) {
        counts.push(value);
      }
    };
    walk(body);
    expect(counts.length).toBeGreaterThan(20);
    expect(counts.filter((n) => n >= 1 && n < 5)).toEqual([]);
  });

  it('breaks down by area from the postcode lookup, unknown when not found', async () => {
    const { body } = await get(`${PERIOD}&by=area`).expect(200);
    const areas = body.rows.map((r: { key: { area: string }; referrals: number | null }) => [
      r.key.area,
      r.referrals,
    ]);
    expect(areas).toEqual([
      ['Broxtowe', null], // hidden so that unknown (3) cannot be worked out from the total
      ['Nottingham', 20],
      ['unknown', null],
    ]);
  });

  it('counts a referral under each of its needs, against the true total', async () => {
    const { body } = await get(`${PERIOD}&by=need`).expect(200);
    const needs = Object.fromEntries(
      body.rows.map((r: { key: { need: string }; referrals: number | null }) => [
        r.key.need,
        r.referrals,
      ]),
    );
    expect(needs).toMatchObject({ housing: 24, money: 12, social_connection: 8, mental_health: 8 });
    expect(needs.safety).toBeNull();
    expect(body.totals.referrals).toBe(35);
  });

  it('crosses two breakdowns so that no hidden cell can be worked out from a margin', async () => {
    const { body } = await get(`${PERIOD}&by=channel,migrantStatus`).expect(200);
    type Row = { key: Record<string, string>; referrals: number | null };
    // Every combination is listed, so whether a row appears says nothing.
    expect(body.rows).toHaveLength(9);
    for (const dimension of ['channel', 'migrantStatus']) {
      for (const margin of body.breakdowns[dimension] as Row[]) {
        const cells = body.rows.filter((r: Row) => r.key[dimension] === margin.key[dimension]);
        const hidden = [margin, ...cells].filter((r: Row) => r.referrals === null);
        expect(hidden).not.toHaveLength(1);
      }
    }
    const ranges = await feasibleRanges(serviceAccessIntruderView(body));
    expect(narrowerThan(ranges, 5)).toEqual([]);
    expect(body.totals.referrals).toBe(35);
    expect(body.trend).toEqual([
      expect.objectContaining({ key: { month: '2026-03' }, referrals: 35 }),
    ]);
  });

  it('leaves no suppressed count narrower than the threshold, medians and needs included', async () => {
    // Crossed with need, a channel's margin is not the sum of its need rows, but a reader knows
    // each is at most the margin and that together they count all of it (each referral gives at
    // least one need): without that, police's hidden 3 came out as 1 to 3, GP practice's as 20 to 22.
    for (const by of ['channel', 'need', 'need,channel', 'channel,need']) {
      const { body } = await get(`${PERIOD}&by=${by}`).expect(200);
      const ranges = await feasibleRanges(serviceAccessIntruderView(body));
      expect({ by, narrow: narrowerThan(ranges, 5) }).toEqual({ by, narrow: [] });
    }
  });

  it('states the completeness of migration fields and the notes', async () => {
    const { body } = await get(PERIOD).expect(200);
    // 35 people: 8 refugees, 12 asylum seekers have a status; 12 not recorded; 3 have no profile.
    expect(body.completeness).toEqual({
      countryOfBirth: 0.23,
      nationality: 0,
      yearOfArrival: 0.23,
      mainLanguage: 0,
      migrantStatus: 0.57,
      interpreterNeeded: 0,
    });
    const notes = body.notes.join(' ');
    expect(notes).toContain('at least a year');
    expect(notes).toContain('threshold is 5');
    expect(notes).toContain('2026-01-01');
  });

  it('shows completeness beside a breakdown whose own not-recorded row is published', async () => {
    // The 15 not recorded are published: the share tells nothing that the table does not.
    const { body } = await get(`${PERIOD}&by=migrantStatus`).expect(200);
    expect(body.completeness.migrantStatus).toBe(0.57);
    expect(body.completeness.countryOfBirth).toBe(0.23);
  });

  it('withholds completeness beside a cross-tabulation whose not-recorded margin is suppressed', async () => {
    // Crossed with channel, police's 3 not recorded take the 15 not recorded in all with them;
    // the share would give the 15 back.
    const { body } = await get(`${PERIOD}&by=channel,migrantStatus`).expect(200);
    const notRecorded = body.breakdowns.migrantStatus.find(
      (r: { key: { migrantStatus: string } }) => r.key.migrantStatus === 'not_recorded',
    );
    expect(notRecorded.referrals).toBeNull();
    expect(body.completeness.migrantStatus).toBeNull();
    expect(body.completeness.countryOfBirth).toBe(0.23);
  });

  it('refuses unknown breakdowns and impossible periods, changing nothing', async () => {
    const before = await ctx.snapshot();
    const res = await get(`${PERIOD}&by=channel,religion`).expect(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'by' })]);
    await get('from=2026-05-01&to=2026-04-01').expect(422);
    await get('from=2026-02-30').expect(422);
    await get('from=yesterday').expect(422);
    await get(`${PERIOD}&format=pdf`).expect(422);
    await get(`${PERIOD}&personId=1`).expect(422);
    expect(await ctx.snapshot()).toEqual(before);
  });

  it('exports CSV with [c] for suppressed cells', async () => {
    const res = await get(`${PERIOD}&by=channel&format=csv`).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^channel,referrals,accepted,placed,attended,completed,uptake_rate/);
    expect(lines.find((l) => l.startsWith('police,'))).toMatch(/^police,\[c\],/);
    expect(lines.find((l) => l.startsWith('charity,'))).toMatch(/^charity,12,12,12,0,0,/);
    expect(lines[lines.length - 1]).toMatch(/^Total,35,32,20,8,8,/);
  });

  it('prints an HTML report with charts, definitions and completeness', async () => {
    const res = await get(`${PERIOD}&by=channel,migrantStatus&format=html`).expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('<svg');
    expect(res.text).toContain('[c]');
    expect(res.text).toContain('completeness of migration data');
    expect(res.text).toContain('at least a year');
    expect(res.text).not.toContain('<script>');
  });

  it('imports the ONS postcode directory again without duplicating it, with progress', async () => {
    const progress: { read: number; imported: number; skipped: number }[] = [];
    const result = await ctx.app
      .get(PostcodeImportService)
      .import(createReadStream(join(__dirname, 'fixtures', 'onspd-sample.csv')), (p) =>
        progress.push(p),
      );
    // 25 records; every one has a valid postcode, so none is skipped (the terminated one keeps
    // its postcode with no geography).
    expect(result).toEqual({ read: 25, imported: 25, skipped: 0 });
    expect(progress[progress.length - 1]).toEqual(result);
    expect(await ctx.count('postcode_area')).toBe(25);
    const { rows } = await ctx.db.query(
      `SELECT ward_name, lsoa_code, local_authority_code, local_authority_name
         FROM postcode_area WHERE postcode IN ('NG71AA', 'NG99ZZ') ORDER BY postcode`,
    );
    expect(rows).toEqual([
      {
        ward_name: 'Lenton & Wollaton East',
        lsoa_code: 'E01033407',
        local_authority_code: 'E06000018',
        local_authority_name: 'Nottingham',
      },
      { ward_name: null, lsoa_code: null, local_authority_code: null, local_authority_name: null },
    ]);
  });

  it('shows no person-level data', async () => {
    const { rows } = await ctx.db.query<{ id: string }>('SELECT id FROM person LIMIT 5');
    for (const format of ['json', 'csv', 'html']) {
      const res = await get(
        `${PERIOD}&by=channel,sex,ageBand,countryOfBirth&format=${format}`,
      ).expect(200);
      for (const { id } of rows) expect(res.text).not.toContain(id);
      expect(res.text).not.toContain('1990-04-02');
      expect(res.text).not.toContain('NG7 1AA');
    }
  });
});

describe('Reports: threshold from configuration', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({ SUPPRESSION_THRESHOLD: '10' });
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('suppresses below the configured threshold', async () => {
    const make = new ReportsFactory(ctx.db);
    await make.journeys(8, { channel: 'library' });
    await make.journeys(12, { channel: 'school' });
    const commissioner = await ctx.newUser('commissioner');
    const { body } = await ctx.http
      .get(`/api/reports/service-access?${PERIOD}&by=channel`)
      .set('Authorization', commissioner.auth)
      .expect(200);
    expect(body.threshold).toBe(10);
    expect(body.rows.map((r: { referrals: number | null }) => r.referrals)).toEqual([null, null]);
    expect(body.totals.referrals).toBe(20);
  });
});

describe('Reports: age at referral', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({ SUPPRESSION_THRESHOLD: '2' });
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('bands people by their age on the London date the referral arrived', async () => {
    const make = new ReportsFactory(ctx.db);
    // 16 on the day (received 00:30 London time in summer, still the day before in UTC).
    await make.journeys(2, { dateOfBirth: '2010-07-01', receivedAt: '2026-06-30T23:30:00Z' });
    // 16 tomorrow.
    await make.journeys(3, { dateOfBirth: '2010-07-02', receivedAt: '2026-06-30T23:30:00Z' });
    await make.journeys(2, { dateOfBirth: '1961-07-01', receivedAt: '2026-07-01T10:00:00Z' });
    await make.journeys(2, { dateOfBirth: null });
    const commissioner = await ctx.newUser('commissioner');
    const { body } = await ctx.http
      .get(`/api/reports/service-access?${PERIOD}&by=ageBand`)
      .set('Authorization', commissioner.auth)
      .expect(200);
    const bands = Object.fromEntries(
      body.rows.map((r: { key: { ageBand: string }; referrals: number }) => [
        r.key.ageBand,
        r.referrals,
      ]),
    );
    expect(bands).toEqual({ '0-15': 3, '16-24': 2, '65+': 2, not_recorded: 2 });
  });
});

describe('Reports: completeness never gives away a small number', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('withholds the share when only one person has the field recorded', async () => {
    const make = new ReportsFactory(ctx.db);
    await make.journeys(9, { migrantStatus: 'not_recorded' });
    await make.journey({ migrantStatus: 'asylum_seeker' });
    const commissioner = await ctx.newUser('commissioner');
    for (const by of ['', '&by=migrantStatus', '&by=channel']) {
      const { body } = await ctx.http
        .get(`/api/reports/service-access?${PERIOD}${by}`)
        .set('Authorization', commissioner.auth)
        .expect(200);
      // 0.1 of 10 people would say that exactly one is an asylum seeker.
      expect(body.totals.referrals).toBe(10);
      expect(body.completeness.migrantStatus).toBeNull();
      // Nobody has a country of birth recorded: zero is not a small number, so it is shown.
      expect(body.completeness.countryOfBirth).toBe(0);
    }
  });

  it('withholds the share of a breakdown whose not-recorded category is suppressed', async () => {
    const make = new ReportsFactory(ctx.db);
    // With the 10 above: 9 not recorded, 20 refugees, 1 asylum seeker; 30 people.
    await make.journeys(20, { migrantStatus: 'refugee' });
    const commissioner = await ctx.newUser('commissioner');
    const get = async (by: string) =>
      (
        await ctx.http
          .get(`/api/reports/service-access?${PERIOD}${by}`)
          .set('Authorization', commissioner.auth)
          .expect(200)
      ).body;
    // 21 recorded and 9 not: neither is small, so without the breakdown the share is shown.
    expect((await get('')).completeness.migrantStatus).toBe(0.7);
    // By migrant status the asylum seeker is suppressed, and the 9 not recorded beside them;
    // a share of 0.7 would give back the 9, and 30 − 20 − 9 the one asylum seeker.
    const broken = await get('&by=migrantStatus');
    const hidden = broken.rows
      .filter((r: { referrals: number | null }) => r.referrals === null)
      .map((r: { key: { migrantStatus: string } }) => r.key.migrantStatus);
    expect(hidden.sort()).toEqual(['asylum_seeker', 'not_recorded']);
    expect(broken.completeness.migrantStatus).toBeNull();
  });
});
