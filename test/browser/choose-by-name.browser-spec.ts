import type { Page } from 'playwright-core';
import { newApprovedGroup } from '../support/directory-factory';
import type { TestUser } from '../support/test-app';
import {
  closePage,
  describeInBrowser,
  pageSignedInAs,
  seriousAccessibilityViolations,
  startBrowserHarness,
  type BrowserHarness,
} from './support/browser';

describeInBrowser('Choosing a language by name, with JavaScript, in Chromium', () => {
  let h: BrowserHarness;
  let page: Page;
  let worker: TestUser;
  let groupName: string;
  const blocked: string[] = [];

  beforeAll(async () => {
    h = await startBrowserHarness();
    worker = await h.ctx.newUser('link_worker');
    groupName = (await newApprovedGroup(h.ctx, { level: 1, languages: ['ti'] })).name;
    page = await pageSignedInAs(h, worker);
    page.on('console', (m) => {
      if (m.type() === 'error') blocked.push(m.text());
    });
  });
  afterAll(async () => {
    await closePage(page);
    await h.close();
  });

  it.each([
    ['its English name', 'Tigr'],
    ['its own name', 'ትግርኛ'],
  ])('finds a language typed by %s, and searches by its code', async (_, typed) => {
    await page.goto(`${h.baseUrl}/directory`);
    const field = page.getByRole('combobox', { name: /^Language/ });
    await field.fill(typed);
    const suggestion = page.getByRole('option', { name: 'Tigrinya (ትግርኛ)' });
    await suggestion.click();
    expect(await page.locator('select[name="language"]').inputValue()).toBe('ti');
    expect(await page.locator('select[name="language"]').isVisible()).toBe(false);
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'domcontentloaded' }),
      page.getByRole('button', { name: 'Search' }).click(),
    ]);
    expect(new URL(page.url()).searchParams.get('language')).toBe('ti');
    expect(await page.locator('main').textContent()).toContain(groupName);
    expect(await field.inputValue()).toBe('Tigrinya (ትግርኛ)');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(blocked.filter((b) => /Content Security Policy|Refused/.test(b))).toEqual([]);
  });

  it('still tells a screen reader the field’s hint once the list becomes a text field', async () => {
    await page.goto(`${h.baseUrl}/directory`);
    // The text of everything the combobox's aria-describedby names (a string, as the test
    // compiles without the DOM's types).
    const description = await page.evaluate(`
      (document.getElementById('language').getAttribute('aria-describedby') || '')
        .split(/\\s+/)
        .map((id) => (id && document.getElementById(id) ? document.getElementById(id).textContent : ''))
        .join(' ')`);
    expect(description).toContain('Start typing its name, in English or in the language itself');
    expect(description).toContain('use up and down arrows');
  });

  it('finds a language by another name people use for it', async () => {
    await page.goto(`${h.baseUrl}/directory`);
    await page.getByRole('combobox', { name: /^Language/ }).fill('Farsi');
    await page.getByRole('option', { name: 'Persian (فارسی)' }).click();
    expect(await page.locator('select[name="language"]').inputValue()).toBe('fa');
  });
});
