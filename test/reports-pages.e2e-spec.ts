import type TestAgent from 'supertest/lib/agent';
import { signInAgent } from './support/page-session';
import { ReportsFactory } from './support/reports-factory';
import { TestContext } from './support/test-app';

describe('Report pages', () => {
  let ctx: TestContext;
  let commissioner: TestAgent;

  beforeAll(async () => {
    ctx = await TestContext.create();
    const make = new ReportsFactory(ctx.db);
    await make.journeys(12, { channel: 'gp_practice', sex: 'female', placedAfterDays: 5 });
    await make.journeys(3, { channel: 'police', sex: 'male' });
    commissioner = await signInAgent(ctx, await ctx.newUser('commissioner'));
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('offers a report builder with period, breakdowns and format as a plain form', async () => {
    const page = await commissioner.get('/reports').expect(200);
    expect(page.text).toContain('<form method="get" action="/reports/service-access"');
    expect(page.text).toMatch(
      /<input[^>]+id="from"[^>]+name="from" type="date" value="\d{4}-\d{2}-\d{2}"/,
    );
    expect(page.text).toMatch(
      /<input[^>]+id="to"[^>]+name="to" type="date" value="\d{4}-\d{2}-\d{2}"/,
    );
    for (const dimension of ['channel', 'migrantStatus', 'area', 'need', 'yearOfArrivalBand']) {
      expect(page.text).toContain(`name="by" type="checkbox" value="${dimension}"`);
    }
    expect(page.text).toContain('name="format" type="radio" value="csv"');
    // The other reports take a period too, through the same kind of form.
    expect(page.text).toContain('formaction="/reports/unmet-need"');
    expect(page.text).not.toContain('<script>');
  });

  it('builds the printable report from the ticked breakdowns', async () => {
    const res = await commissioner
      .get('/reports/service-access?from=2026-01-01&to=2026-12-31&by=channel&by=sex&format=html')
      .expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('Access to social prescribing');
    expect(res.text).toContain('Referral channel, Sex');
    expect(res.text).toContain('<svg');
    expect(res.text).toContain('[c]');
    expect(res.text).toContain('class="lw-print"');
    // The link to the spreadsheet keeps the same choices.
    const html = res.text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(html).toMatch(/href="\/reports\/service-access\?[^"]*by=channel%2Csex[^"]*format=csv/);
  });

  it('downloads the same report as CSV', async () => {
    const res = await commissioner
      .get('/reports/service-access?from=2026-01-01&to=2026-12-31&by=channel&format=csv')
      .expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.text).toMatch(/^police,\[c\],/m);
    expect(res.text).toMatch(/^Total,15,/m);
  });

  it('opens the other reports for the chosen period', async () => {
    for (const path of ['group-utilisation', 'unmet-need']) {
      const res = await commissioner
        .get(`/reports/${path}?from=2026-01-01&to=2026-12-31`)
        .expect(200);
      expect(res.text).toContain('2026-01-01');
      expect(res.text).toContain('<svg');
    }
  });

  it('heads group utilisation’s columns by when they count: capacity now, offers in the period', async () => {
    const res = await commissioner
      .get('/reports/group-utilisation?from=2026-01-01&to=2026-12-31')
      .expect(200);
    const headings = (html: string) =>
      [...html.matchAll(/<th scope="(colgroup|col)"[^>]*>([^<]+)<\/th>/g)].map((m) => m[2]);
    const byGroup = res.text.slice(res.text.indexOf('By group'), res.text.indexOf('By activity'));
    expect(headings(byGroup)).toEqual([
      'Now',
      'Offers made in the period',
      'Group',
      'Places',
      'Reserved',
      'Waitlisted',
      'Utilisation',
      'Offered',
      'Accepted',
      'Declined',
    ]);
    expect(res.text).toContain('Places as they stand now, and offers made');
  });

  it('lets a keyboard user scroll every wide table: each scrolling region is focusable and named', async () => {
    for (const path of [
      'service-access?from=2026-01-01&to=2026-12-31&by=channel',
      'group-utilisation?from=2026-01-01&to=2026-12-31',
      'unmet-need?from=2026-01-01&to=2026-12-31',
      'equity?from=2026-01-01&to=2026-12-31&by=ethnicity',
    ]) {
      const res = await commissioner.get(`/reports/${path}`).expect(200);
      const regions = res.text.match(/<div class="lw-table-scroll"[^>]*>/g) ?? [];
      expect({ path, regions: regions.length > 0 }).toEqual({ path, regions: true });
      for (const region of regions)
        expect({ path, region }).toEqual({
          path,
          region: expect.stringMatching(/role="region" aria-label="[^"]+" tabindex="0"/),
        });
      // And every row of every table says what it is (a bare {{label}} once printed nothing).
      expect({ path, emptyRowHeaders: res.text.match(/<th scope="row"[^>]*>\s*<\/th>/g) }).toEqual({
        path,
        emptyRowHeaders: null,
      });
    }
  });

  it('shows the form again with the errors and the choices kept', async () => {
    const res = await commissioner
      .get('/reports/service-access?from=2026-02-30&to=2026-12-31&by=channel')
      .expect(422);
    expect(res.text).toContain('govuk-error-summary');
    expect(res.text).toContain('href="#from"');
    expect(res.text).toContain('value="2026-02-30"');
    expect(res.text).toMatch(/value="channel" checked/);
    const later = await commissioner
      .get('/reports/service-access?from=2026-05-01&to=2026-04-01')
      .expect(422);
    expect(later.text).toContain('govuk-error-summary');
  });

  it('is not open to other roles or to visitors who are not signed in', async () => {
    const linkWorker = await signInAgent(ctx, await ctx.newUser('link_worker'));
    await linkWorker.get('/reports').expect(403);
    await linkWorker.get('/reports/service-access?by=channel').expect(403);
    const visitor = await ctx.http.get('/reports').expect(303);
    expect(visitor.headers.location).toMatch(/^\/login/);
  });
});
