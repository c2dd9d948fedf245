import type TestAgent from 'supertest/lib/agent';
import { ukDate } from '../src/casework/casework-dates';
import { SWEMWBS_COPYRIGHT } from '../src/casework/scoring/swemwbs';
import { newCase } from './support/casework-factory';
import { csrfOf, signInAgent } from './support/page-session';
import { TestContext, type TestUser } from './support/test-app';

describe('Case pages', () => {
  let ctx: TestContext;
  let worker: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    worker = await ctx.newUser('link_worker');
  });
  afterAll(() => ctx.close());

  const signIn = (user: TestUser): Promise<TestAgent> => signInAgent(ctx, user);

  /** Loads the form, then posts it with its CSRF token. */
  async function submit(
    agent: TestAgent,
    formPath: string,
    action: string,
    fields: object,
    status: number,
  ) {
    const form = await agent.get(formPath).expect(200);
    return agent
      .post(action)
      .type('form')
      .send({ _csrf: csrfOf(form.text), ...fields })
      .expect(status);
  }

  it('runs a case end to end: needs, crisis, outcome, close, with errors that keep values', async () => {
    const { caseId } = await newCase(ctx, worker, { person: { givenName: 'Zahra' } });
    const agent = await signIn(worker);
    const base = `/cases/${caseId}`;

    const caseload = await agent.get('/cases').expect(200);
    expect(caseload.text).toContain('Zahra');

    const badNeeds = await submit(
      agent,
      `${base}/needs`,
      `${base}/needs`,
      {
        severity_housing: '9',
        whatMattersToMe: 'Learning English',
      },
      422,
    );
    expect(badNeeds.text).toContain('There is a problem');
    expect(badNeeds.text).toContain('Learning English');
    await submit(
      agent,
      `${base}/needs`,
      `${base}/needs`,
      {
        severity_housing: '4',
        severity_language: '3',
        priorities: ['language'],
        whatMattersToMe: 'Learning English',
      },
      303,
    );

    const badCrisis = await submit(
      agent,
      `${base}/crisis-points/new`,
      `${base}/crisis-points`,
      {
        type: 'eviction_or_homelessness',
        'occurredAt-day': '1',
        'occurredAt-month': '1',
        'occurredAt-year': String(new Date().getFullYear() + 1),
        pausePlacements: 'no',
        note: 'Section 21 notice',
      },
      422,
    );
    expect(badCrisis.text).toContain('href="#occurredAt-day"');
    expect(badCrisis.text).toContain('Section 21 notice');
    const [y, m, d] = ukDate().split('-');
    await submit(
      agent,
      `${base}/crisis-points/new`,
      `${base}/crisis-points`,
      {
        type: 'eviction_or_homelessness',
        'occurredAt-day': d,
        'occurredAt-month': m,
        'occurredAt-year': y,
        pausePlacements: 'yes',
      },
      303,
    );

    const answers = Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((i) => [`answer_${i}`, '3']));
    const outcomeForm = `${base}/outcomes/new?instrument=SWEMWBS`;
    const form = await agent.get(outcomeForm).expect(200);
    expect(form.text).toContain(SWEMWBS_COPYRIGHT);
    await submit(
      agent,
      outcomeForm,
      `${base}/outcomes`,
      {
        instrument: 'SWEMWBS',
        timepoint: 'baseline',
        ...answers,
      },
      303,
    );

    const page = await agent.get(base).expect(200);
    expect(page.text).toContain('In crisis: Eviction or homelessness');
    expect(page.text).toContain('Learning English');
    expect(page.text).toContain('<svg');
    expect(page.text).toContain(SWEMWBS_COPYRIGHT);
    expect(page.text).toContain('Crisis point recorded');
    // Dates and codes read as words: "Review by 30 November 2026", "Somali", not ISO or "so".
    const { rows } = await ctx.db.query<{ review_by: string }>(
      "SELECT to_char(review_by, 'YYYY-MM-DD') AS review_by FROM support_case WHERE id = $1",
      [caseId],
    );
    const reviewBy = new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${rows[0].review_by}T12:00:00Z`));
    expect(page.text).toContain(`Review by ${reviewBy}.`);
    expect(page.text).toMatch(new RegExp(`Review by</dt>\\s*<dd[^>]*>\\s*${reviewBy}`));
    expect(page.text).not.toContain(rows[0].review_by);
    expect(page.text).toMatch(/Preferred language<\/dt>\s*<dd[^>]*>\s*Somali/);
    expect(page.text).toContain(`href="/cases/${caseId}/placements"`);

    await submit(
      agent,
      `${base}/close`,
      `${base}/close`,
      {
        reason: 'relocated',
        transferConsent: 'yes',
      },
      303,
    );
    const closed = await agent.get(base).expect(200);
    expect(closed.text).toContain('Print the transfer summary letter');
    const letter = await agent.get(`${base}/transfer-summary`).expect(200);
    expect(letter.text).toContain('Summary of support for Zahra');
  });

  it('hides another link worker’s case page', async () => {
    const other = await ctx.newUser('link_worker');
    const { caseId } = await newCase(ctx, worker);
    const agent = await signIn(other);
    await agent.get(`/cases/${caseId}`).expect(404);
    await agent.get(`/cases/${caseId}/needs`).expect(404);
  });
});
