import type { BrowserContextOptions, Page } from 'playwright-core';
import { closePage, newPage, pageSignedInAs, type BrowserHarness } from './browser';
import type { MainPage, Viewer } from './main-pages';
import type { BrowserWorld } from './world';

/** One signed-in page per kind of user, reused across tests (signing in is slow on purpose). */
export class Viewers {
  private readonly pages = new Map<Viewer, Page>();

  constructor(
    private readonly h: BrowserHarness,
    private readonly world: BrowserWorld,
    private readonly options: BrowserContextOptions = {},
  ) {}

  async pageFor(viewer: Viewer): Promise<Page> {
    let page = this.pages.get(viewer);
    if (!page) {
      page =
        viewer === 'anonymous'
          ? await newPage(this.h, this.options)
          : await pageSignedInAs(this.h, this.world[viewer], this.options);
      this.pages.set(viewer, page);
    }
    return page;
  }

  /** Opens the page as its user (and sends its form empty when asked); fails on any error status. */
  async open(main: MainPage): Promise<Page> {
    const page = await this.pageFor(main.as);
    const res = await page.goto(`${this.h.baseUrl}${main.path(this.world)}`);
    if (!res || res.status() >= 400) throw new Error(`${main.name}: HTTP ${res?.status()}`);
    if (main.withErrors) {
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'domcontentloaded' }),
        page.locator('main form[method="post"] button[type="submit"]').first().click(),
      ]);
    }
    return page;
  }

  async close(): Promise<void> {
    for (const page of this.pages.values()) await closePage(page);
    this.pages.clear();
  }
}
