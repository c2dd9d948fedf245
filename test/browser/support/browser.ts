import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { TEST_PASSWORD, TestContext } from '../../support/test-app';

/** Debian's chromium, installed by .ci/run; the browser tests say clearly when it is missing. */
export const CHROMIUM_PATH = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) =>
  existsSync(p),
);

/** `describe` when Chromium is installed; otherwise the suite is skipped with a clear warning. */
export function describeInBrowser(name: string, fn: () => void): void {
  if (CHROMIUM_PATH) {
    // A real server and a real browser on a busy 2-core CI machine: be patient, not flaky.
    jest.setTimeout(180_000);
    return describe(name, fn);
  }
  console.warn(
    `Browser tests SKIPPED: Chromium is not installed (apt-get install -y chromium). Suite: ${name}`,
  );
  describe.skip(name, fn);
}

export interface BrowserHarness {
  ctx: TestContext;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

/** A real Linkway server on a free port with its own database, and a headless Chromium. */
export async function startBrowserHarness(
  env: Record<string, string> = {},
): Promise<BrowserHarness> {
  const ctx = await TestContext.create(env);
  await ctx.app.listen(0, '127.0.0.1');
  const { port } = ctx.app.getHttpServer().address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    ctx,
    browser,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await browser.close();
      await ctx.close();
    },
  };
}

export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await clickAndLoad(page, page.getByRole('button', { name: 'Sign in' }));
}

/** A phone-sized viewport (an iPhone 12–15 is 390 CSS pixels wide). */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
};

/**
 * A fresh page (its own cookies) with generous timeouts, as a loaded 2-core CI machine needs.
 * `javaScriptEnabled: false` proves a journey works without JavaScript.
 */
export async function newPage(h: BrowserHarness, options: BrowserContextOptions = {}) {
  const context = await h.browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(45_000);
  page.setDefaultNavigationTimeout(60_000);
  return page;
}

/** A fresh page signed in as the user (any user made with TEST_PASSWORD). */
export async function pageSignedInAs(
  h: BrowserHarness,
  user: { email: string },
  options: BrowserContextOptions = {},
): Promise<Page> {
  const page = await newPage(h, options);
  await signIn(page, h.baseUrl, user.email, TEST_PASSWORD);
  if (new URL(page.url()).pathname === '/login') throw new Error(`${user.email} could not sign in`);
  return page;
}

/** Closes the page and its context. */
export async function closePage(page: Page | undefined): Promise<void> {
  await page?.context().close();
}

/** Clicks something that submits a form or follows a link, and waits for the next page. */
export async function clickAndLoad(page: Page, target: ReturnType<Page['getByRole']>) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }), target.click()]);
}

/** How far the page is wider than the viewport, in CSS pixels (0 = no horizontal scrolling). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return (await page.evaluate(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  )) as number;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core against the page (WCAG 2.0/2.1/2.2 A and AA rules) and returns the serious and
 * critical violations. Injected through the DevTools protocol, so the page's CSP stays strict.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  // A string, because this code runs in the page (whose types this project does not compile against).
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
       .then((result) => result.violations)`,
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}
