import type { Page } from 'playwright-core';
import { TEST_PASSWORD, type TestUser } from '../support/test-app';
import {
  describeInBrowser,
  seriousAccessibilityViolations,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from './support/browser';

describeInBrowser('Signing in, in Chromium', () => {
  let h: BrowserHarness;
  let page: Page;
  let worker: TestUser;

  beforeAll(async () => {
    h = await startBrowserHarness();
    worker = await h.ctx.newUser('link_worker');
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    page = await h.browser.newPage();
  });
  afterEach(() => page.close());

  it('shows the sign-in page with no serious accessibility violations and a strict CSP', async () => {
    const res = await page.goto(`${h.baseUrl}/login`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in to Linkway');
    expect(await page.title()).toBe('Sign in – Linkway');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('explains a wrong password with an error summary and keeps the typed email', async () => {
    await signIn(page, h.baseUrl, worker.email, 'not my password');
    expect(await page.title()).toMatch(/^Error: Sign in/);
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.textContent()).toContain('The email address or password is not correct');
    expect(await page.getByLabel('Email address').inputValue()).toBe(worker.email);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('signs a link worker in to their home, and out again', async () => {
    await signIn(page, h.baseUrl, worker.email, TEST_PASSWORD);
    expect(new URL(page.url()).pathname).not.toBe('/login');
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'linkway.sid');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Lax');
    await page.getByRole('button', { name: /sign out/i }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${h.baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
