import type { Page } from 'playwright-core';
import {
  clickAndLoad,
  closePage,
  describeInBrowser,
  newPage,
  seriousAccessibilityViolations,
  startBrowserHarness,
  type BrowserHarness,
} from './support/browser';

describeInBrowser(
  'Asking for support, one question per page, in Chromium without JavaScript',
  () => {
    let h: BrowserHarness;
    let page: Page;
    /** axe needs JavaScript: each page the person sees is copied here, on the same origin, to check. */
    let checker: Page;

    beforeAll(async () => {
      h = await startBrowserHarness();
      page = await newPage(h, { javaScriptEnabled: false });
      checker = await newPage(h);
      await checker.goto(`${h.baseUrl}/accessibility`);
    });
    afterAll(async () => {
      await closePage(page);
      await closePage(checker);
      await h.close();
    });

    /** Every page on the way has one h1 and no serious accessibility violations. */
    async function expectAccessible(heading: string | RegExp): Promise<void> {
      expect(await page.locator('h1').count()).toBe(1);
      const h1 = (await page.locator('h1').textContent())?.trim() ?? '';
      if (typeof heading === 'string') expect(h1).toBe(heading);
      else expect(h1).toMatch(heading);
      await checker.setContent(await page.content(), { waitUntil: 'load' });
      expect(await seriousAccessibilityViolations(checker)).toEqual([]);
    }
    const continueButton = () => page.getByRole('button', { name: 'Continue' });

    it('walks from the start page to the confirmation, showing errors and changing an answer', async () => {
      await page.goto(`${h.baseUrl}/self-referral`);
      await expectAccessible('Ask for support from a link worker');
      await clickAndLoad(page, page.getByRole('button', { name: 'Start now' }));

      await expectAccessible('What is your name?');
      await clickAndLoad(page, continueButton());
      expect(await page.title()).toMatch(/^Error:/);
      expect(await page.locator('.govuk-error-summary').textContent()).toContain(
        'Enter your first name',
      );
      await expectAccessible('What is your name?');
      await page.getByLabel('First name').fill('Selam');
      await clickAndLoad(page, continueButton());

      await expectAccessible('How can a link worker contact you?');
      await page.getByLabel('Phone number (optional)').fill('07700 900456');
      await page.getByLabel('Phone', { exact: true }).check();
      await clickAndLoad(page, continueButton());

      await expectAccessible('Which language would you like to use?');
      await page.getByLabel('Language (optional)').selectOption('ti');
      await page
        .getByRole('group', { name: /interpreter/ })
        .getByLabel('Yes')
        .check();
      await clickAndLoad(page, continueButton());

      await expectAccessible('What would you like help with?');
      await page.getByLabel('Social connection').check();
      await clickAndLoad(page, continueButton());

      await expectAccessible('Your agreement');
      await page.getByLabel('I agree to be contacted by a link worker about this request').check();
      await clickAndLoad(page, continueButton());

      await expectAccessible('Check your answers before sending your request');
      const answers = page.locator('.govuk-summary-list');
      expect(await answers.textContent()).toContain('Selam');
      expect(await answers.textContent()).toContain('Tigrinya');
      await clickAndLoad(page, page.getByRole('link', { name: 'Change name' }));
      await expectAccessible('What is your name?');
      expect(await page.getByLabel('First name').inputValue()).toBe('Selam');
      await page.getByLabel('Last name (optional)').fill('Tesfaye');
      await clickAndLoad(page, continueButton());
      expect(page.url()).toBe(`${h.baseUrl}/self-referral/check`);
      expect(await answers.textContent()).toContain('Selam Tesfaye');

      await clickAndLoad(page, page.getByRole('button', { name: 'Send my request' }));
      await expectAccessible(/We have your request/);
      expect(await page.locator('.govuk-panel__body').textContent()).toMatch(/LW-\d{4}-\d{6}/);
      const { rows } = await h.ctx.db.query(
        `SELECT p.given_name, p.family_name, r.channel FROM referral r
         JOIN person p ON p.id = r.person_id WHERE r.channel = 'self'`,
      );
      expect(rows).toEqual([{ given_name: 'Selam', family_name: 'Tesfaye', channel: 'self' }]);
    });
  },
);
