import {
  describeInBrowser,
  horizontalOverflow,
  PHONE,
  seriousAccessibilityViolations,
  startBrowserHarness,
  type BrowserHarness,
} from './support/browser';
import { MAIN_PAGES } from './support/main-pages';
import { Viewers } from './support/viewers';
import { seedBrowserWorld, type BrowserWorld } from './support/world';

describeInBrowser('The main pages of every role, in Chromium', () => {
  let h: BrowserHarness;
  let world: BrowserWorld;

  beforeAll(async () => {
    h = await startBrowserHarness();
    world = await seedBrowserWorld(h.ctx);
  });
  afterAll(() => h.close());

  describe('on a desktop, checked with axe-core', () => {
    let viewers: Viewers;
    beforeAll(() => {
      viewers = new Viewers(h, world, { viewport: { width: 1280, height: 900 } });
    });
    afterAll(() => viewers.close());

    it.each(MAIN_PAGES.map((p) => [p.name, p] as const))(
      '%s has no serious or critical accessibility violations',
      async (_name, main) => {
        const page = await viewers.open(main);
        expect(await page.locator('h1').count()).toBe(1);
        if (main.withErrors) expect(await page.locator('.govuk-error-summary').count()).toBe(1);
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
      },
    );
  });

  describe('on a phone 390 pixels wide', () => {
    let viewers: Viewers;
    beforeAll(() => {
      viewers = new Viewers(h, world, PHONE);
    });
    afterAll(() => viewers.close());

    it.each(MAIN_PAGES.map((p) => [p.name, p] as const))(
      '%s needs no sideways scrolling',
      async (_name, main) => {
        const page = await viewers.open(main);
        expect(await horizontalOverflow(page)).toBe(0);
      },
    );
  });
});
