import type { Page } from 'playwright-core';
import { messages } from '../../src/common/i18n/i18n';
import { personIdsNamed, storedPerson } from '../support/casework-factory';
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
      await expectAccessible('Choose your language');
      await clickAndLoad(page, page.getByRole('link', { name: 'English' }));
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
      const answers = page.locator('.govuk-summary-list').first();
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
      const { rows: referrals } = await h.ctx.db.query<{ person_id: string; channel: string }>(
        `SELECT r.person_id, r.channel FROM referral r WHERE r.channel = 'self'`,
      );
      const rows = await Promise.all(
        referrals.map(async (r) => {
          const p = await storedPerson(h.ctx, r.person_id);
          return { given_name: p.given_name, family_name: p.family_name, channel: r.channel };
        }),
      );
      expect(rows).toEqual([{ given_name: 'Selam', family_name: 'Tesfaye', channel: 'self' }]);
    });

    it('walks the journey in Arabic, right to left, with the page mirrored', async () => {
      const ar = (key: string, values?: Record<string, unknown>) => messages.t('ar', key, values);
      const arabic = await newPage(h, { javaScriptEnabled: false });
      const mirrored = async (heading: string) => {
        expect(await arabic.locator('html').getAttribute('lang')).toBe('ar');
        expect(await arabic.locator('html').getAttribute('dir')).toBe('rtl');
        expect((await arabic.locator('h1').textContent())?.trim()).toBe(heading);
        await checker.setContent(await arabic.content(), { waitUntil: 'load' });
        expect(await seriousAccessibilityViolations(checker)).toEqual([]);
      };
      /** Where an element sits across the page: 0 at the left edge, 1 at the right. */
      const across = async (selector: string) => {
        const box = await arabic.locator(selector).first().boundingBox();
        const width = arabic.viewportSize()?.width ?? 1;
        return box ? (box.x + box.width / 2) / width : NaN;
      };
      const go = () =>
        clickAndLoad(arabic, arabic.getByRole('button', { name: ar('common.continue') }));
      try {
        await arabic.goto(`${h.baseUrl}/self-referral`);
        await clickAndLoad(arabic, arabic.getByRole('link', { name: 'العربية' }));
        await mirrored(ar('selfReferral.start.title'));
        // The start button's arrow points the way the page reads.
        expect(
          await arabic.evaluate(
            "getComputedStyle(document.querySelector('.govuk-button__start-icon')).transform",
          ),
        ).toBe('matrix(-1, 0, 0, 1, 0, 0)');
        await clickAndLoad(
          arabic,
          arabic.getByRole('button', { name: ar('selfReferral.start.startButton') }),
        );

        await mirrored(ar('selfReferral.name.title'));
        expect((await arabic.locator('.govuk-caption-l').textContent())?.trim()).toBe(
          ar('selfReferral.progress', { step: 1, total: 5 }),
        );
        // The back link starts at the right, its chevron on its right-hand side.
        expect(await across('.govuk-back-link')).toBeGreaterThan(0.5);
        const chevron = (await arabic.evaluate(
          "(() => { const s = getComputedStyle(document.querySelector('.govuk-back-link'), '::before'); return [parseFloat(s.left), parseFloat(s.right)]; })()",
        )) as [number, number];
        expect(chevron[1]).toBeLessThan(chevron[0]);
        await go();
        expect(await arabic.locator('.govuk-error-summary').textContent()).toContain(
          ar('selfReferral.errors.givenNameMissing'),
        );
        await mirrored(ar('selfReferral.name.title'));
        await arabic.getByLabel(ar('selfReferral.name.givenName')).fill('ليلى');
        await go();

        await mirrored(ar('selfReferral.contact.title'));
        await arabic
          .getByLabel(`${ar('selfReferral.contact.phone')} ${ar('common.optional')}`)
          .fill('07700 900789');
        await arabic.getByLabel(ar('selfReferral.contact.methods.sms'), { exact: true }).check();
        // Each radio sits to the right of its words, and its drawn circle with it.
        const radio = arabic.locator('.govuk-radios__item').first();
        const input = await radio.locator('input').boundingBox();
        const label = await radio.locator('label').boundingBox();
        expect(input && label && input.x > label.x).toBe(true);
        const circle = (await arabic.evaluate(
          "(() => { const s = getComputedStyle(document.querySelector('.govuk-radios__label'), '::before'); return [parseFloat(s.left), parseFloat(s.right)]; })()",
        )) as [number, number];
        expect(circle[1]).toBeLessThan(circle[0]);
        await go();

        await mirrored(ar('selfReferral.language.title'));
        await go();
        await mirrored(ar('selfReferral.help.title'));
        await arabic.getByLabel(ar('selfReferral.help.reasons.social_connection')).check();
        await go();
        await mirrored(ar('selfReferral.consent.title'));
        await arabic.getByLabel(ar('selfReferral.consent.agree')).check();
        await go();

        await mirrored(ar('selfReferral.check.title'));
        const answers = (await arabic.locator('.govuk-summary-list').first().textContent()) ?? '';
        expect(answers).toContain('ليلى');
        expect(answers).toContain('07700 900789');
        expect(answers).toContain('العربية');
        await clickAndLoad(
          arabic,
          arabic.getByRole('button', { name: ar('selfReferral.check.sendButton') }),
        );
        await mirrored(ar('selfReferral.sent.title'));
        const { rows } = await h.ctx.db.query(
          'SELECT preferred_language FROM person WHERE id = ANY($1::uuid[])',
          [await personIdsNamed(h.ctx, 'ليلى')],
        );
        expect(rows).toEqual([{ preferred_language: 'ar' }]);
      } finally {
        await closePage(arabic);
      }
    });

    it('walks the journey in Tigrinya, with what they would like of an interpreter', async () => {
      const ti = (key: string, values?: Record<string, unknown>) => messages.t('ti', key, values);
      const tigrinya = await newPage(h, { javaScriptEnabled: false });
      const inTigrinya = async (heading: string) => {
        expect(await tigrinya.locator('html').getAttribute('lang')).toBe('ti');
        expect(await tigrinya.locator('html').getAttribute('dir')).toBeNull();
        expect((await tigrinya.locator('h1').textContent())?.trim()).toBe(heading);
        await checker.setContent(await tigrinya.content(), { waitUntil: 'load' });
        expect(await seriousAccessibilityViolations(checker)).toEqual([]);
      };
      const go = () =>
        clickAndLoad(tigrinya, tigrinya.getByRole('button', { name: ti('common.continue') }));
      try {
        await tigrinya.goto(`${h.baseUrl}/self-referral`);
        await clickAndLoad(tigrinya, tigrinya.getByRole('link', { name: 'ትግርኛ' }));
        await inTigrinya(ti('selfReferral.start.title'));
        await clickAndLoad(
          tigrinya,
          tigrinya.getByRole('button', { name: ti('selfReferral.start.startButton') }),
        );

        await inTigrinya(ti('selfReferral.name.title'));
        await tigrinya.getByLabel(ti('selfReferral.name.givenName')).fill('ሰላም');
        await go();

        await inTigrinya(ti('selfReferral.contact.title'));
        await tigrinya
          .getByLabel(`${ti('selfReferral.contact.phone')} ${ti('common.optional')}`)
          .fill('07700 900321');
        await go();

        await inTigrinya(ti('selfReferral.language.title'));
        await tigrinya
          .getByRole('group', { name: ti('selfReferral.language.interpreter') })
          .getByLabel(ti('common.yes'))
          .check();
        await tigrinya
          .getByLabel(`${ti('selfReferral.language.dialect')} ${ti('common.optional')}`)
          .fill('ኣስመራ');
        await tigrinya
          .getByLabel(ti('selfReferral.language.genders.female'), { exact: true })
          .check();
        await tigrinya.getByLabel(ti('selfReferral.language.modes.phone'), { exact: true }).check();
        await go();

        await inTigrinya(ti('selfReferral.help.title'));
        await tigrinya.getByLabel(ti('selfReferral.help.reasons.language')).check();
        await go();
        await inTigrinya(ti('selfReferral.consent.title'));
        await tigrinya.getByLabel(ti('selfReferral.consent.agree')).check();
        await go();

        await inTigrinya(ti('selfReferral.check.title'));
        const answers = (await tigrinya.locator('.govuk-summary-list').first().textContent()) ?? '';
        expect(answers).toContain('ሰላም');
        expect(answers).toContain('ትግርኛ');
        expect(answers).toContain('ኣስመራ');
        expect(answers).toContain(ti('selfReferral.language.genders.female'));
        expect(answers).toContain(ti('selfReferral.language.modes.phone'));
        await clickAndLoad(
          tigrinya,
          tigrinya.getByRole('button', { name: ti('selfReferral.check.sendButton') }),
        );
        await inTigrinya(ti('selfReferral.sent.title'));
        // Names are sealed at rest: the person is found through the name's blind-index tokens.
        const { rows } = await h.ctx.db.query(
          `SELECT preferred_language, interpreter_needed, interpreter_dialect, interpreter_gender,
                  interpreter_mode FROM person WHERE id = ANY($1::uuid[])`,
          [await personIdsNamed(h.ctx, 'ሰላም')],
        );
        expect(rows).toEqual([
          {
            preferred_language: 'ti',
            interpreter_needed: true,
            interpreter_dialect: 'ኣስመራ',
            interpreter_gender: 'female',
            interpreter_mode: 'phone',
          },
        ]);
      } finally {
        await closePage(tigrinya);
      }
    });
  },
);
