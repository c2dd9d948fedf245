import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { PostcodeImportService } from '../src/services/postcodes/postcode-import.service';
import { feasibleRanges, narrowerThan } from './support/intruder';
import { ReportsFactory } from './support/reports-factory';
import { TestContext, type TestUser } from './support/test-app';
import { unmetNeedIntruderView } from './support/unmet-need-intruder';

const PERIOD = 'from=2026-01-01&to=2026-12-31';

describe('Reports: group utilisation and unmet need', () => {
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
    const kitchen = await make.group({
      name: 'Community kitchen',
      activityTypes: ['food'],
      needsServed: ['food', 'social_connection'],
      languages: ['en', 'so'],
      level: 2,
      places: 20,
      reserved: 12,
      waitlist: 6,
    });
    const walking = await make.group({
      name: 'Walking group',
      activityTypes: ['physical_activity', 'nature'],
      needsServed: ['physical_health'],
      places: 10,
      reserved: 3,
      level: 1,
    });
    for (let i = 0; i < 9; i++) await make.offer(kitchen, 'accepted');
    for (let i = 0; i < 6; i++) await make.offer(kitchen, 'declined', 'no_capacity');
    await make.offer(kitchen, 'declined', 'language_barrier');
    for (let i = 0; i < 5; i++) await make.offer(kitchen, 'declined', 'not_suitable_time');
    for (let i = 0; i < 7; i++) await make.offer(walking, 'accepted');
    await make.group({ name: 'Art studio', activityTypes: ['arts'], places: 10, reserved: 8 });

    // Food needs in Somali are met; housing has no group; social connection needs level 3.
    await make.journeys(6, {
      accepted: true,
      preferredLanguage: 'so',
      postcode: 'NG7 5GX',
      needs: [{ domain: 'food', severity: 3 }],
    });
    await make.journeys(7, {
      accepted: true,
      preferredLanguage: 'en',
      needs: [{ domain: 'housing', severity: 4 }],
    });
    await make.journeys(5, {
      accepted: true,
      requiredLevel: 3,
      needs: [
        { domain: 'social_connection', severity: 2 },
        { domain: 'food', severity: 0 },
      ],
    });
    await make.journeys(2, {
      accepted: true,
      preferredLanguage: 'ti',
      needs: [{ domain: 'food', severity: 2 }],
    });
  });

  afterAll(async () => {
    await ctx.close();
  });

  const get = (path: string, user: TestUser = commissioner) =>
    ctx.http.get(`/api/reports/${path}`).set('Authorization', user.auth);

  it('is for commissioners and admins only', async () => {
    for (const path of ['group-utilisation', 'unmet-need']) {
      await ctx.http.get(`/api/reports/${path}`).expect(401);
      await get(path, await ctx.newUser('link_worker')).expect(403);
      await get(path, await ctx.newUser('group_coordinator')).expect(403);
      await get(path, await ctx.newUser('admin')).expect(200);
    }
  });

  it('shows reserved places against capacity, waitlists and declines by reason', async () => {
    const { body } = await get(`group-utilisation?${PERIOD}`).expect(200);
    const kitchen = body.groups.find(
      (g: { key: { group: string } }) => g.key.group === 'Community kitchen',
    );
    expect(kitchen).toMatchObject({ places: 20, utilisation: 0.6 });
    // 9 accepted + 6 no capacity + 1 language barrier + 5 not a suitable time = 21 offers.
    expect(kitchen.counts).toMatchObject({
      reserved: 12,
      waitlisted: 6,
      offered: 21,
      accepted: 9,
      declined: 12,
      // The single language-barrier decline is hidden with enough of its row that it could be
      // anything from 1 to 6 or more: the 5 not-a-suitable-time alone would leave it 1 to 5.
      declined_no_capacity: null,
      declined_language_barrier: null,
      declined_not_suitable_time: null,
    });
    const walking = body.groups.find(
      (g: { key: { group: string } }) => g.key.group === 'Walking group',
    );
    // 3 reserved is small, and so is the kitchen's 1 language-barrier decline.
    expect(walking.counts.reserved).toBeNull();
    expect(walking.utilisation).toBeNull();
    // The art studio's 8 reserved places are hidden too: 23 − 12 − 8 would give the walking group's 3.
    const art = body.groups.find((g: { key: { group: string } }) => g.key.group === 'Art studio');
    expect(art.counts.reserved).toBeNull();
    expect(body.suppressed).toContainEqual({
      table: 'groups',
      row: { groupId: art.key.groupId, group: 'Art studio' },
      measure: 'reserved',
    });
    // Nor through its activity type, which is the art studio alone.
    const arts = body.activityTypes.find(
      (r: { key: { activityType: string } }) => r.key.activityType === 'arts',
    );
    expect(arts.counts.reserved).toBeNull();
    expect(arts.utilisation).toBeNull();
    expect(body.totals.places).toBe(40);
    expect(body.totals.counts.reserved).toBe(23);
    expect(body.totals.counts.declined_language_barrier).toBeNull();
    expect(body.suppressed).toContainEqual({
      table: 'groups',
      row: { groupId: walking.key.groupId, group: 'Walking group' },
      measure: 'reserved',
    });
    for (const entry of body.suppressed) expect(entry).not.toHaveProperty('reason');
    expect(
      body.activityTypes.map((r: { key: { activityType: string } }) => r.key.activityType),
    ).toEqual(['arts', 'food', 'nature', 'physical_activity']);
  });

  it('counts needs no offerable group matches on need, language or level', async () => {
    const { body } = await get(`unmet-need?${PERIOD}`).expect(200);
    // 6 food (so) + 7 housing + 5 social connection + 2 food (ti) = 20; the severity-0 food is not a need.
    // Unmet 14 = 7 for need + 2 for language + 5 for level: showing 5 would give away the hidden 2.
    // Nor is the 7 for need shown: housing is the one domain no group serves (the directory says
    // so), so it would give away housing's hidden 7 needs.
    expect(body.totals).toEqual({
      needs: 20,
      unmet: 14,
      noGroupForNeed: null,
      noGroupInLanguage: null,
      noGroupAtLevel: null,
    });
    const domain = Object.fromEntries(
      body.byDomain.map((r: { key: { domain: string }; counts: object }) => [
        r.key.domain,
        r.counts,
      ]),
    );
    // Food's 2 unmet (for language) are hidden, with enough beside them that no suppressed count
    // can be narrowed to fewer than six values from the rest of the report.
    expect(domain.food).toMatchObject({ unmet: null, noGroupInLanguage: null });
    // Only housing has no group serving it (the directory shows as much).
    const ranges = await feasibleRanges(unmetNeedIntruderView(body, ['housing']));
    expect(ranges.size).toBe(body.suppressed.length);
    expect(narrowerThan(ranges, 5)).toEqual([]);
    const areas = body.byArea.map((r: { key: { area: string } }) => r.key.area);
    expect(areas).toEqual(['Nottingham', 'unknown']);
  });

  it('exports both as CSV and printable HTML', async () => {
    for (const path of ['group-utilisation', 'unmet-need']) {
      const csv = await get(`${path}?${PERIOD}&format=csv`).expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.text).toContain('[c]');
      const html = await get(`${path}?${PERIOD}&format=html`).expect(200);
      expect(html.headers['content-type']).toContain('text/html');
      expect(html.text).toContain('<svg');
      expect(html.text).toContain('[c]');
    }
  });
});

describe('Reports: unmet need counts people as well as needs', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('hides a language whose many unmet needs are one person’s', async () => {
    const make = new ReportsFactory(ctx.db);
    // No groups at all, so every need is unmet. One Tigrinya speaker has six needs; twenty
    // English speakers have one each.
    await make.journey({
      accepted: true,
      preferredLanguage: 'ti',
      needs: ['housing', 'money', 'food', 'immigration', 'language', 'work'].map((domain) => ({
        domain,
        severity: 3,
      })),
    });
    await make.journeys(20, {
      accepted: true,
      preferredLanguage: 'en',
      needs: [{ domain: 'housing', severity: 3 }],
    });
    const commissioner = await ctx.newUser('commissioner');
    const { body } = await ctx.http
      .get(`/api/reports/unmet-need?${PERIOD}`)
      .set('Authorization', commissioner.auth)
      .expect(200);
    const language = Object.fromEntries(
      body.byLanguage.map((r: { key: { language: string }; counts: object }) => [
        r.key.language,
        r.counts,
      ]),
    );
    // Six needs, but one person: "ti 6" would say that one Tigrinya speaker is here.
    // Its zero reasons stay shown: the totals show no need unmet for language or at level, so
    // "0, 0" beside its hidden unmet says nothing a reader does not know (rule 2's pinned zeros).
    expect(language.ti).toEqual({
      needs: null,
      unmet: null,
      noGroupForNeed: null,
      noGroupInLanguage: 0,
      noGroupAtLevel: 0,
    });
    expect(body.totals).toMatchObject({ noGroupInLanguage: 0, noGroupAtLevel: 0 });
    // Nor can it be worked out from the total of 26 needs.
    expect(body.totals.needs === null || language.en.needs === null).toBe(true);
    // Housing is 21 people's, but hidden: shown, it would leave the five other domains adding up
    // to 5, each at least 1, so each exactly 1 (linked suppression published it).
    const housing = body.byDomain.find(
      (r: { key: { domain: string } }) => r.key.domain === 'housing',
    );
    expect(housing.counts.needs).toBeNull();
    // There are no groups, so no domain is served.
    const uncovered = body.byDomain.map((r: { key: { domain: string } }) => r.key.domain);
    const ranges = await feasibleRanges(unmetNeedIntruderView(body, uncovered));
    expect(narrowerThan(ranges, 5)).toEqual([]);
  });
});
