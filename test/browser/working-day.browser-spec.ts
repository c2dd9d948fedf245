import type { Page } from 'playwright-core';
import { addDays, ukDate } from '../../src/casework/casework-dates';
import { londonInstant } from '../../src/casework/london-time';
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
 * A link worker's day in Chromium with JavaScript off: the home page leads with today's
 * appointment; it is recorded as attended; a contact note is written; the next review is set; a
 * task is done. Every page on the way is checked with axe-core.
 */
describeInBrowser('A link worker’s day, without JavaScript, in Chromium', () => {
  let h: BrowserHarness;
  let world: BrowserWorld;
  let page: Page | undefined;
  let axePage: Page | undefined;
  const violations: string[] = [];

  /** axe-core runs as a script, so each page is checked again in a tab with JavaScript on. */
  const checkAccessibility = async (p: Page) => {
    if (!axePage) axePage = await pageSignedInAs(h, world.linkWorker);
    await axePage.goto(p.url());
    for (const v of await seriousAccessibilityViolations(axePage)) {
      violations.push(`${path(p)}: ${v}`);
    }
  };

  beforeAll(async () => {
    h = await startBrowserHarness();
    world = await seedBrowserWorld(h.ctx);
    const api = (method: 'post', url: string, body: object) =>
      h.ctx.http[method](url).set('Authorization', world.linkWorker.auth).send(body);
    const booked = await api('post', `/api/cases/${world.caseId}/appointments`, {
      startsAt: new Date(Date.now() + 5 * 60_000).toISOString(),
      durationMinutes: 45,
      mode: 'face_to_face',
      location: 'Hyson Green Library',
    });
    if (booked.status !== 201) throw new Error(`booking → ${booked.status} ${booked.text}`);
    // It began a little while ago today, so what happened can be recorded.
    const startOfToday = londonInstant(ukDate(), '00:00').getTime();
    const began = new Date(Math.max(startOfToday + 1_000, Date.now() - 20 * 60_000));
    await h.ctx.db.query('UPDATE appointment SET starts_at = $2 WHERE id = $1', [
      booked.body.id,
      began,
    ]);
    const task = await api('post', `/api/cases/${world.caseId}/tasks`, {
      title: 'Send the conversation café timetable',
      dueOn: ukDate(),
    });
    if (task.status !== 201) throw new Error(`task → ${task.status} ${task.text}`);
  });
  afterAll(() => h.close());
  afterEach(async () => {
    await closePage(page);
    await closePage(axePage);
    page = undefined;
    axePage = undefined;
  });

  it('records the day’s appointment, a contact, the next review and a done task', async () => {
    page = await pageSignedInAs(h, world.linkWorker, { javaScriptEnabled: false });
    expect(path(page)).toBe('/today');
    const main = page.locator('main');
    const appointments = page.getByRole('region', { name: 'Today’s appointments' });
    expect(await appointments.textContent()).toContain('Amina');
    expect(await appointments.textContent()).toContain('Hyson Green Library');
    expect(await main.textContent()).toContain('Send the conversation café timetable');
    await checkAccessibility(page);

    // The appointment: attended.
    await clickAndLoad(page, page.getByRole('link', { name: /Record what happened/ }));
    expect(path(page)).toMatch(/^\/appointments\/[0-9a-f-]{36}\/outcome$/);
    await checkAccessibility(page);
    await page.getByLabel('Yes, they came').check();
    await page.getByLabel('Note').fill('Talked about the conversation café.');
    await clickAndLoad(page, page.getByRole('button', { name: 'Save' }));
    expect(path(page)).toBe(`/cases/${world.caseId}`);
    expect(await main.textContent()).toContain('Recorded as attended');
    expect(await page.locator('#contacts ~ ol').first().textContent()).toContain(
      'Appointment attended',
    );
    await checkAccessibility(page);

    // A phone call later in the day, with its note.
    await clickAndLoad(page, page.getByRole('link', { name: 'Record a contact' }));
    await checkAccessibility(page);
    const [year, month, day] = ukDate().split('-');
    await page.locator('#at-day').fill(day);
    await page.locator('#at-month').fill(month);
    await page.locator('#at-year').fill(year);
    await page.getByRole('radio', { name: 'Phone', exact: true }).check();
    await page.getByLabel('How long did it take, in minutes? (optional)').fill('15');
    await page.getByLabel('Note (optional)').fill('She rang to say the café suits her.');
    await clickAndLoad(page, page.getByRole('button', { name: 'Record contact' }));
    expect(path(page)).toBe(`/cases/${world.caseId}`);
    expect(await main.textContent()).toContain('She rang to say the café suits her.');

    // The review, and when the next one is due.
    await clickAndLoad(page, page.getByRole('link', { name: 'Record a review' }));
    await checkAccessibility(page);
    const next = addDays(ukDate(), 42).split('-');
    for (const [name, [y, m, d]] of [
      ['reviewedAt', [year, month, day]],
      ['nextReviewBy', next],
    ] as const) {
      await page.locator(`#${name}-day`).fill(d);
      await page.locator(`#${name}-month`).fill(m);
      await page.locator(`#${name}-year`).fill(y);
    }
    await clickAndLoad(page, page.getByRole('button', { name: 'Record review' }));
    expect(await main.textContent()).toContain('Review recorded. The next review is due by');
    const reviewRow = page.locator('.govuk-summary-list__row', { hasText: 'Review by' });
    expect(await reviewRow.textContent()).not.toContain('Overdue');

    // The task, from the home page.
    await page.goto(`${h.baseUrl}/today`);
    await clickAndLoad(
      page,
      page.getByRole('button', { name: /Mark as done.*Send the conversation café timetable/ }),
    );
    expect(path(page)).toBe('/today');
    expect(await main.textContent()).toContain('Task done');
    expect(await main.textContent()).not.toContain('Send the conversation café timetable');
    await checkAccessibility(page);

    for (const extra of ['/tasks', '/appointments/week', '/calendar-feed']) {
      await page.goto(`${h.baseUrl}${extra}`);
      await checkAccessibility(page);
    }
    expect(violations).toEqual([]);
  });
});
