import type { Page } from 'playwright-core';
import { createReferral } from '../support/referrals-factory';
import {
  clickAndLoad,
  closePage,
  describeInBrowser,
  pageSignedInAs,
  PHONE,
  horizontalOverflow,
  seriousAccessibilityViolations,
  startBrowserHarness,
  type BrowserHarness,
} from './support/browser';
import { seedBrowserWorld, type BrowserWorld } from './support/world';

/**
 * One person referred twice: the admin follows the referral's possible-duplicate flag to the two
 * records side by side, chooses which given name is right, and merges them; the merged record is
 * gone. Checked with axe-core, and on a phone-sized screen for the wide comparison table.
 */
describeInBrowser('Merging two records of one person, in Chromium', () => {
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

  /** The flag raised for the same NHS number (a similar name and date of birth may flag too). */
  const compareLink = (p: Page) =>
    p
      .getByRole('listitem')
      .filter({ hasText: /NHS number/ })
      .getByRole('link', { name: /compare side by side/ });

  /** The first referral misspells her name; the second, whose record is merged, has it right. */
  const referTwice = async (nhsNumber: string, familyName: string) => {
    const person = { familyName, dateOfBirth: '1991-04-02', nhsNumber };
    await createReferral(h.ctx, world.referrer, {
      person: { ...person, givenName: 'Muluu', phone: '07700 900654' },
    });
    return createReferral(h.ctx, world.referrer, {
      person: { ...person, givenName: 'Mulu', phone: null },
    });
  };

  it('follows the flag, chooses the given name, merges, and the merged record answers 404', async () => {
    const second = await referTwice('9000000009', 'Tesfaye');
    page = await pageSignedInAs(h, world.admin);
    await page.goto(`${h.baseUrl}/referrals/${second.id}`);
    await clickAndLoad(page, compareLink(page));
    const review = page.url();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Are these the same person?',
    );
    const table = page.getByRole('table', { name: 'The two records side by side' });
    expect(await table.textContent()).toContain('Muluu');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const givenName = page.getByRole('group', { name: /Given name/ });
    await givenName.getByLabel('Mulu (the record merged into it)').check();
    await clickAndLoad(page, page.getByRole('button', { name: 'Merge into the kept record' }));
    expect(await page.locator('main').textContent()).toContain(
      'The two records are now one person',
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Back on the referral, which now belongs to the kept record, with the name chosen.
    const main = await page.locator('main').textContent();
    expect(main).toContain('Mulu Tesfaye');
    expect(main).not.toContain('Muluu');
    const gone = await page.goto(review);
    expect(gone?.status()).toBe(404);
  });

  it('fits a phone screen: the comparison scrolls inside its own region, not the page', async () => {
    const second = await referTwice('4010232137', 'Haile');
    page = await pageSignedInAs(h, world.admin, PHONE);
    await page.goto(`${h.baseUrl}/referrals/${second.id}`);
    await clickAndLoad(page, compareLink(page));
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
