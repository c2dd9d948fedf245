import type { Page } from 'playwright-core';
import {
  clickAndLoad,
  closePage,
  describeInBrowser,
  pageSignedInAs,
  PHONE,
  seriousAccessibilityViolations,
  startBrowserHarness,
  type BrowserHarness,
} from './support/browser';
import { seedBrowserWorld, type BrowserWorld } from './support/world';

const path = (page: Page) => new URL(page.url()).pathname;

/**
 * A referral becomes a placement, entirely in the browser with JavaScript switched off: every
 * step is a link or a form that posts and redirects.
 */
describeInBrowser('From referral to placement, without JavaScript, in Chromium', () => {
  let h: BrowserHarness;
  let world: BrowserWorld;
  let page: Page | undefined;
  let placementPath = '';

  beforeAll(async () => {
    h = await startBrowserHarness();
    world = await seedBrowserWorld(h.ctx);
  });
  afterAll(() => h.close());
  afterEach(async () => {
    await closePage(page);
    page = undefined;
  });

  it('a link worker assigns a referral, accepts it into a case and offers a place in a group', async () => {
    page = await pageSignedInAs(h, world.linkWorker, { javaScriptEnabled: false });
    expect(path(page)).toBe('/today');
    await page.goto(`${h.baseUrl}/referrals`);

    const row = page.getByRole('row', { name: /Tesfay Haile/ });
    await clickAndLoad(page, row.getByRole('button', { name: /Assign to me/ }));
    expect(path(page)).toBe(`/referrals/${world.newReferral.id}`);
    expect(await page.locator('main').textContent()).toContain('The referral is assigned to you');

    await clickAndLoad(page, page.getByRole('button', { name: 'Accept and open a case' }));
    expect(path(page)).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Tesfay');
    expect(await page.locator('main').textContent()).toContain('Referral accepted');

    await clickAndLoad(page, page.getByRole('link', { name: 'Find a group and offer a place' }));
    expect(path(page)).toBe('/directory');
    const card = page.locator('.govuk-summary-card', { hasText: world.group.name });
    expect(await card.textContent()).toMatch(/4 available/);
    expect(await page.locator('main').textContent()).not.toContain(world.pendingGroup.name);

    await clickAndLoad(page, card.getByRole('link', { name: /Offer a place/ }));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      `Offer a place in ${world.group.name}`,
    );
    await page.getByLabel('Note for the group (optional)').fill('Prefers morning sessions.');
    await clickAndLoad(page, page.getByRole('button', { name: 'Offer a place' }));
    expect(path(page)).toMatch(/^\/placements\/[0-9a-f-]{36}$/);
    placementPath = path(page);
    const main = await page.locator('main').textContent();
    expect(main).toContain('Place offered');
    expect(main).toContain('Prefers morning sessions.');
    expect(main).toMatch(/Offered/);
  });

  it('the group coordinator sees the offer in their inbox, accepts it and records attendance', async () => {
    expect(placementPath).not.toBe('');
    page = await pageSignedInAs(h, world.coordinator, { javaScriptEnabled: false });
    expect(path(page)).toBe('/placements');
    const row = page.getByRole('row', { name: /Tesfay/ });
    expect(await row.textContent()).toContain(world.group.name);
    // The coordinator sees what the group needs, never the case file.
    const inbox = await page.locator('main').textContent();
    expect(inbox).not.toContain('Haile');

    // On a phone the offer's answers are on screen, not off to the right of a scrolling table.
    const phone = await pageSignedInAs(h, world.coordinator, PHONE);
    try {
      const offer = phone.getByRole('row', { name: /Tesfay/ });
      for (const answer of [
        offer.getByRole('button', { name: /Accept/ }),
        offer.getByRole('link', { name: /Decline/ }),
      ]) {
        const box = await answer.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= PHONE.viewport!.width).toBe(true);
      }
      expect(await seriousAccessibilityViolations(phone)).toEqual([]);
    } finally {
      await closePage(phone);
    }

    await clickAndLoad(page, row.getByRole('button', { name: /Accept/ }));
    await page.goto(`${h.baseUrl}${placementPath}`);
    expect(await page.locator('main').textContent()).toMatch(/Accepted/);

    // A form sent with a missing date explains itself and keeps what was chosen.
    const attendance = page.locator('form[action$="/attendance"]');
    await attendance.getByLabel('Attended', { exact: true }).check();
    await clickAndLoad(page, attendance.getByRole('button', { name: 'Record attendance' }));
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('.govuk-error-summary').isVisible()).toBe(true);
    expect(
      await page
        .locator('form[action$="/attendance"]')
        .getByLabel('Attended', { exact: true })
        .isChecked(),
    ).toBe(true);

    const today = new Date();
    const form = page.locator('form[action$="/attendance"]');
    await form.getByLabel('Day').fill(String(today.getDate()));
    await form.getByLabel('Month').fill(String(today.getMonth() + 1));
    await form.getByLabel('Year').fill(String(today.getFullYear()));
    await form.getByLabel('Attended', { exact: true }).check();
    await clickAndLoad(page, form.getByRole('button', { name: 'Record attendance' }));
    expect(path(page)).toBe(placementPath);
    const sessions = page.getByRole('table', { name: 'Sessions recorded' });
    expect(await sessions.textContent()).toContain('Yes');
    expect(await page.locator('main').textContent()).toContain('Attendance recorded');
  });

  it('the link worker sees the group’s answer on the placement', async () => {
    expect(placementPath).not.toBe('');
    page = await pageSignedInAs(h, world.linkWorker, { javaScriptEnabled: false });
    await page.goto(`${h.baseUrl}${placementPath}`);
    const main = await page.locator('main').textContent();
    expect(main).toMatch(/Accepted/);
    expect(main).toContain(world.group.name);
  });
});
