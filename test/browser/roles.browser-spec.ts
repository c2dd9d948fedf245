import type { Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/test-app';
import {
  clickAndLoad,
  closePage,
  describeInBrowser,
  pageSignedInAs,
  startBrowserHarness,
  type BrowserHarness,
} from './support/browser';
import { seedBrowserWorld, type BrowserWorld } from './support/world';

const path = (page: Page) => new URL(page.url()).pathname;
const mainText = async (page: Page) => (await page.locator('main').textContent()) ?? '';

/** Referrers, commissioners and administrators doing their jobs in Chromium, without JavaScript. */
describeInBrowser('Referrer, commissioner and admin journeys, in Chromium', () => {
  let h: BrowserHarness;
  let world: BrowserWorld;
  let page: Page | undefined;

  beforeAll(async () => {
    h = await startBrowserHarness();
    world = await seedBrowserWorld(h.ctx);
  });
  afterAll(() => h.close());
  afterEach(async () => {
    await closePage(page);
    page = undefined;
  });

  it('a referrer sends a referral and follows its status in “my referrals”', async () => {
    page = await pageSignedInAs(h, world.referrer, { javaScriptEnabled: false });
    expect(path(page)).toBe('/referrals/new');

    // Sent without a reason: the form explains itself and keeps what was typed.
    await page.getByLabel('Where the referral comes from').selectOption('gp_practice');
    await page.getByLabel('First name').fill('Yonas');
    await page.getByLabel('Phone number (optional)').fill('07700 900789');
    await page.getByLabel('I have discussed this referral with the person').check();
    await clickAndLoad(page, page.getByRole('button', { name: 'Send referral' }));
    expect(await page.title()).toMatch(/^Error: /);
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.textContent()).toMatch(/reason/i);
    expect(await page.getByLabel('First name').inputValue()).toBe('Yonas');
    expect(await page.getByLabel('Phone number (optional)').inputValue()).toBe('07700 900789');
    const before = await h.ctx.count('referral');

    await page.getByLabel('Social connection').check();
    await page.getByLabel('I have discussed this referral with the person').check();
    await clickAndLoad(page, page.getByRole('button', { name: 'Send referral' }));
    expect(path(page)).toBe('/referrals/mine');
    expect(await h.ctx.count('referral')).toBe(before + 1);
    const sent = /Referral (\S+) sent/.exec(await mainText(page))?.[1];
    expect(sent).toBeDefined();
    const row = page.getByRole('row', { name: new RegExp(sent!) });
    expect(await row.textContent()).toContain('Received');

    // A link worker takes it on; the referrer sees that, and nothing of the case.
    const { rows } = await h.ctx.db.query<{ id: string }>(
      'SELECT id FROM referral WHERE reference = $1',
      [sent],
    );
    const id = rows[0].id;
    const lw = world.linkWorker;
    await h.ctx.http
      .post(`/api/referrals/${id}/assign`)
      .set('Authorization', lw.auth)
      .send({ linkWorkerId: lw.id })
      .expect(200);
    await h.ctx.http
      .post(`/api/referrals/${id}/accept`)
      .set('Authorization', lw.auth)
      .send({})
      .expect(201);
    await page.reload();
    expect(await page.getByRole('row', { name: new RegExp(sent!) }).textContent()).toMatch(
      /Accepted[\s\S]*Support started/,
    );
    await clickAndLoad(page, page.getByRole('link', { name: sent! }));
    const status = await mainText(page);
    expect(status).toContain('Accepted');
    expect(status).not.toContain('07700 900789');
    expect(status).not.toContain('Yonas');
  });

  it('a commissioner builds a service-access report and gets a printable page', async () => {
    page = await pageSignedInAs(h, world.commissioner, { javaScriptEnabled: false });
    expect(path(page)).toBe('/reports');
    await page.getByLabel('Channel').check();
    await clickAndLoad(page, page.getByRole('button', { name: 'Create report' }));
    expect(path(page)).toBe('/reports/service-access');
    const report = await mainText(page);
    expect(report).toMatch(/suppress/i);
    expect(report).toContain('GP practice');
    // Counts under the threshold are suppressed: two referrals from GP practices show as [c].
    expect(report).toContain('[c]');
    expect(report).not.toContain('Amina');

    // Printed, the report drops the navigation and the footer.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.govuk-service-navigation').isVisible()).toBe(false);
    expect(await page.locator('.govuk-footer').isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
  });

  it('a commissioner cannot open anyone’s case or referral', async () => {
    page = await pageSignedInAs(h, world.commissioner, { javaScriptEnabled: false });
    for (const target of [`/cases/${world.caseId}`, `/referrals/${world.acceptedReferral.id}`]) {
      const res = await page.goto(`${h.baseUrl}${target}`);
      expect(res?.status()).toBe(403);
      expect(await mainText(page)).not.toContain('Amina');
    }
  });

  it('an admin creates a user who can then sign in', async () => {
    page = await pageSignedInAs(h, world.admin, { javaScriptEnabled: false });
    expect(path(page)).toBe('/admin/users');
    await clickAndLoad(page, page.getByRole('button', { name: 'Create a user' }));
    await page.getByLabel('Full name').fill('Kwame Mensah');
    await page.getByLabel('Email address').fill('kwame@linkway.test');
    await page.getByLabel('Link worker').check();
    await page.getByLabel('Temporary password').fill('short');
    await clickAndLoad(page, page.getByRole('button', { name: 'Create user' }));
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('.govuk-error-summary').textContent()).toMatch(/12 characters/);
    expect(await page.getByLabel('Full name').inputValue()).toBe('Kwame Mensah');

    await page.getByLabel('Temporary password').fill(TEST_PASSWORD);
    await clickAndLoad(page, page.getByRole('button', { name: 'Create user' }));
    expect(path(page)).toBe('/admin/users');
    expect(await page.getByRole('row', { name: /Kwame Mensah/ }).textContent()).toContain(
      'Link worker',
    );

    const kwame = await pageSignedInAs(h, { email: 'kwame@linkway.test' });
    expect(path(kwame)).toBe('/today');
    await closePage(kwame);
  });

  it('an admin vets a pending group on the vetting screen', async () => {
    page = await pageSignedInAs(h, world.admin, { javaScriptEnabled: false });
    await page.goto(`${h.baseUrl}/admin/vetting`);
    const row = page.getByRole('row', { name: new RegExp(world.pendingGroup.name) });
    expect(await row.textContent()).toContain('Pending');
    await clickAndLoad(page, row.getByRole('link', { name: world.pendingGroup.name }));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      world.pendingGroup.name,
    );

    const form = page.locator('form[action$="/checks"]');
    await form.getByLabel('Check').selectOption('safeguarding_policy');
    await form.getByLabel('Evidence seen').fill('Policy dated March 2026, signed by the chair.');
    const now = new Date();
    const verified = form.getByRole('group', { name: 'Date verified' });
    await verified.getByLabel('Day').fill(String(now.getDate()));
    await verified.getByLabel('Month').fill(String(now.getMonth() + 1));
    await verified.getByLabel('Year').fill(String(now.getFullYear()));
    const expires = form.getByRole('group', { name: 'Date it expires' });
    await expires.getByLabel('Day').fill('1');
    await expires.getByLabel('Month').fill('1');
    await expires.getByLabel('Year').fill(String(now.getFullYear() + 2));
    await clickAndLoad(page, form.getByRole('button', { name: 'Record check' }));
    expect(await mainText(page)).toContain('Safeguarding policy was recorded');
    const checks = page.getByRole('table', { name: 'Recorded checks' });
    expect(await checks.textContent()).toContain('Policy dated March 2026, signed by the chair.');
    const { rows } = await h.ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM group_vetting_check WHERE group_id = $1',
      [world.pendingGroup.id],
    );
    expect(rows[0].n).toBe(1);
  });
});
