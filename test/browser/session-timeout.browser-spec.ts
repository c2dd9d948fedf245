import type { Page } from 'playwright-core';
import type { TestUser } from '../support/test-app';
import {
  closePage,
  describeInBrowser,
  newPage,
  pageSignedInAs,
  seriousAccessibilityViolations,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from './support/browser';
import { TEST_PASSWORD } from '../support/test-app';

const IDLE_MINUTES = 30;
const dialog = (page: Page) =>
  page.getByRole('alertdialog', { name: 'You are about to be signed out' });

/** Sessions end after 30 idle minutes; the timeout is announced, with or without JavaScript. */
describeInBrowser('Session timeout after inactivity, in Chromium', () => {
  let h: BrowserHarness;
  let worker: TestUser;
  let page: Page | undefined;

  beforeAll(async () => {
    h = await startBrowserHarness({ SESSION_IDLE_MINUTES: String(IDLE_MINUTES) });
    worker = await h.ctx.newUser('link_worker');
  });
  afterAll(() => h.close());
  afterEach(async () => {
    await closePage(page);
    page = undefined;
  });

  /** Signed in with a fake clock, so half an hour passes in an instant. */
  async function signedInWithClock(): Promise<Page> {
    const p = await newPage(h);
    await p.clock.install();
    await signIn(p, h.baseUrl, worker.email, TEST_PASSWORD);
    await p.goto(`${h.baseUrl}/cases`);
    return p;
  }

  it('without JavaScript, the header says when an idle session ends', async () => {
    page = await pageSignedInAs(h, worker, { javaScriptEnabled: false });
    const note = page.locator('header .lw-account__note');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toContain(
      `you will be signed out after ${IDLE_MINUTES} minutes of inactivity`,
    );
  });

  it('with JavaScript, warns two minutes before, and “Stay signed in” keeps the session', async () => {
    page = await signedInWithClock();
    // With JavaScript the warning replaces the fixed note.
    expect(await page.locator('header .lw-account__note').count()).toBe(0);
    await page.clock.fastForward(`${IDLE_MINUTES - 3}:00`);
    expect(await dialog(page).isVisible()).toBe(false);

    await page.clock.fastForward('01:30');
    await dialog(page).waitFor({ state: 'visible' });
    expect(await dialog(page).textContent()).toMatch(/sign you out in 2 minutes/);
    // Keyboard users land on the button that keeps them signed in.
    expect(
      await page.evaluate('document.activeElement && document.activeElement.textContent'),
    ).toBe('Stay signed in');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const keepalive = page.waitForResponse((r) => r.url().endsWith('/session/keepalive'));
    await page.getByRole('button', { name: 'Stay signed in' }).click();
    expect((await keepalive).status()).toBe(204);
    await dialog(page).waitFor({ state: 'hidden' });

    // The timer starts again from the keepalive: no warning for a while yet.
    await page.clock.fastForward(`${IDLE_MINUTES - 5}:00`);
    expect(await dialog(page).isVisible()).toBe(false);
    expect(new URL(page.url()).pathname).toBe('/cases');
  });

  it('with JavaScript, signs out when the time runs out and says why', async () => {
    page = await signedInWithClock();
    await page.clock.fastForward(`${IDLE_MINUTES - 1}:00`);
    await dialog(page).waitFor({ state: 'visible' });
    await Promise.all([page.waitForURL(/\/login\?timeout=1$/), page.clock.fastForward('01:05')]);
    expect(await page.locator('main').textContent()).toContain(
      'You were signed out because you were inactive.',
    );
    // The server session is over too, not just the page.
    await page.goto(`${h.baseUrl}/cases`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
