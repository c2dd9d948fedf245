import type { Page } from 'playwright-core';
import {
  clickAndLoad,
  closePage,
  describeInBrowser,
  pageSignedInAs,
  seriousAccessibilityViolations,
  startBrowserHarness,
  type BrowserHarness,
} from './support/browser';
import { seedBrowserWorld, type BrowserWorld } from './support/world';

const path = (page: Page) => new URL(page.url()).pathname;

/**
 * A listing kept true, checked with axe-core on the way: the coordinator changes when the group meets (and is
 * told which line is wrong), confirms the details, the vetting officer approves the change, and a
 * link worker finds the group among those meeting in the evening or at the weekend.
 */
describeInBrowser('Directory freshness, in Chromium', () => {
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

  it('a coordinator sends a new evening session for review, and confirms the details', async () => {
    page = await pageSignedInAs(h, world.coordinator);
    await page.goto(`${h.baseUrl}/groups/${world.group.id}`);
    await clickAndLoad(page, page.getByRole('link', { name: 'Change the group’s details' }));
    expect(await page.locator('main').textContent()).toContain('The vetting team checks changes');

    const second = page.getByRole('group', { name: 'Session 2' });
    await second.getByLabel('Day').selectOption('wednesday');
    await second.getByLabel('Starts').fill('7pm');
    await clickAndLoad(page, page.getByRole('button', { name: 'Save' }));
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.textContent()).toContain(
      'Session 2: enter the start time as a 24-hour time',
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await second.getByLabel('Starts').fill('19:00');
    await second.getByLabel('Ends (optional)').fill('21:00');
    await clickAndLoad(page, page.getByRole('button', { name: 'Save' }));
    expect(path(page)).toBe(`/groups/${world.group.id}`);
    const main = await page.locator('main').textContent();
    expect(main).toContain('Your changes were sent to the vetting team');
    expect(main).toContain('are waiting for the vetting team');
    expect(main).not.toContain('Wednesdays, 7pm to 9pm');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await clickAndLoad(page, page.getByRole('link', { name: 'See the changes you sent' }));
    expect(await page.locator('main').textContent()).toContain('Wednesdays, 7pm to 9pm');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.goto(`${h.baseUrl}/groups/${world.group.id}`);
    await clickAndLoad(page, page.getByRole('button', { name: 'Confirm the details are right' }));
    expect(await page.locator('main').textContent()).toContain('are confirmed as right');
  });

  it('the vetting officer sees each detail now and proposed, and approves', async () => {
    page = await pageSignedInAs(h, world.admin);
    await page.goto(`${h.baseUrl}/admin/vetting`);
    await clickAndLoad(page, page.getByRole('link', { name: world.group.name }).first());
    const table = page.getByRole('table', { name: 'Changes waiting for review' });
    expect(await table.getByRole('row', { name: /When it meets/ }).textContent()).toContain(
      'Wednesdays, 7pm to 9pm',
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await clickAndLoad(page, page.getByRole('button', { name: 'Approve the changes' }));
    expect(await page.locator('main').textContent()).toContain('The changes were approved');
  });

  it('a link worker finds the group among those meeting in the evening or at the weekend', async () => {
    page = await pageSignedInAs(h, world.linkWorker);
    await page.goto(`${h.baseUrl}/directory`);
    await page.getByLabel('Weekday evenings').check();
    await page.getByLabel('Weekends').check();
    await clickAndLoad(page, page.getByRole('button', { name: 'Search' }));
    const card = page.locator('.govuk-summary-card', { hasText: world.group.name });
    expect(await card.textContent()).toContain('Wednesdays, 7pm to 9pm');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
