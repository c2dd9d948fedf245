import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { addDays } from '../src/casework/casework-dates';
import { ukDate } from '../src/common/uk-date';
import { newCase } from './support/casework-factory';
import { newApprovedGroup } from './support/directory-factory';
import { csrfOf, signInAgent } from './support/page-session';
import { newPlacementCase, newPlacementGroup, offer } from './support/placements-factory';
import { TestContext, type TestUser } from './support/test-app';

/**
 * One page-form path (common/forms/page-form.ts) for every module: the same form, shown again
 * with an error summary, a field error and what was typed on bad input (422); shown again on a
 * conflict with the record's state (409); the "Page not found" page for a record that does not
 * exist (404). Each form below belongs to a different module.
 */
interface FormUnderTest {
  agent: TestAgent;
  /** The page the form is on, and where it posts. */
  page: string;
  action: string;
  /** Text of the form's own page, so "shown again" cannot be an error page. */
  heading: string;
  invalid: { body: Record<string, unknown>; link: string; errorId: string; kept: string };
  conflict: {
    /** Puts the record in a state the change clashes with. */
    arrange: (csrf: string) => Promise<void>;
    body: Record<string, unknown>;
    message: string;
    kept?: string;
  };
  /** The same form for a record that does not exist. */
  missing: string;
}

describe('Page forms: the same error behaviour in every module', () => {
  let ctx: TestContext;
  let worker: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    worker = await ctx.newUser('link_worker');
  });
  afterAll(() => ctx.close());

  const post = (agent: TestAgent, url: string, csrf: string, body: Record<string, unknown>) =>
    agent
      .post(url)
      .type('form')
      .send({ _csrf: csrf, ...body });

  function expectFormShownAgain(html: string, heading: string) {
    expect(html).toContain('<title>Error: ');
    expect(html).toContain('govuk-error-summary');
    expect(html).toContain('There is a problem');
    expect(html).toContain(heading);
  }

  async function expectTheOnePath(form: FormUnderTest) {
    const page = await form.agent.get(form.page).expect(200);
    const csrf = csrfOf(page.text);

    const before = await ctx.snapshot();
    const bad = await post(form.agent, form.action, csrf, form.invalid.body).expect(422);
    expectFormShownAgain(bad.text, form.heading);
    expect(bad.text).toContain(`href="#${form.invalid.link}"`);
    expect(bad.text).toMatch(
      new RegExp(`id="${form.invalid.errorId}" class="govuk-error-message"`),
    );
    expect(bad.text).toContain(form.invalid.kept);
    expect(await ctx.snapshot()).toEqual(before);

    await form.conflict.arrange(csrf);
    const arranged = await ctx.snapshot();
    const refused = await post(form.agent, form.action, csrf, form.conflict.body).expect(409);
    expectFormShownAgain(refused.text, form.heading);
    expect(refused.text).toContain(form.conflict.message);
    if (form.conflict.kept) expect(refused.text).toContain(form.conflict.kept);
    expect(await ctx.snapshot()).toEqual(arranged);

    const missing = await post(form.agent, form.missing, csrf, form.conflict.body).expect(404);
    expect(missing.text).toContain('Page not found');
    expect(missing.text).not.toContain('govuk-error-summary');
  }

  it('casework: recording a crisis point', async () => {
    const { caseId } = await newCase(ctx, worker, { person: { givenName: 'Zahra' } });
    const agent = await signInAgent(ctx, worker);
    const [y, m, d] = ukDate().split('-');
    const [ny, nm, nd] = addDays(ukDate(), 400).split('-');
    await expectTheOnePath({
      agent,
      page: `/cases/${caseId}/crisis-points/new`,
      action: `/cases/${caseId}/crisis-points`,
      heading: 'Record a crisis point',
      invalid: {
        body: {
          type: 'eviction_or_homelessness',
          'occurredAt-day': nd,
          'occurredAt-month': nm,
          'occurredAt-year': ny,
          pausePlacements: 'no',
          note: 'Section 21 notice',
        },
        link: 'occurredAt-day',
        errorId: 'occurredAt-error',
        kept: 'Section 21 notice',
      },
      conflict: {
        arrange: async (csrf) => {
          await post(agent, `/cases/${caseId}/close`, csrf, { reason: 'other' }).expect(303);
        },
        body: {
          type: 'destitution',
          'occurredAt-day': d,
          'occurredAt-month': m,
          'occurredAt-year': y,
          pausePlacements: 'no',
          note: 'Lost the job',
        },
        message: 'The case is closed',
        kept: 'Lost the job',
      },
      missing: `/cases/${randomUUID()}/crisis-points`,
    });
  });

  it('directory: suspending a group from the vetting page', async () => {
    const group = await newApprovedGroup(ctx, { level: 1, name: 'Chess club' });
    const agent = await signInAgent(ctx, await ctx.newUser('admin'));
    const tooLong = `Keep this reason. ${'x'.repeat(2000)}`;
    await expectTheOnePath({
      agent,
      page: `/admin/vetting/${group.id}`,
      action: `/admin/vetting/${group.id}/suspend`,
      heading: 'Vetting: Chess club',
      invalid: {
        body: { reason: tooLong },
        link: 'reason',
        errorId: 'reason-error',
        kept: tooLong,
      },
      conflict: {
        arrange: async (csrf) => {
          await post(agent, `/admin/vetting/${group.id}/suspend`, csrf, {
            reason: 'Complaint received',
          }).expect(303);
        },
        body: { reason: 'A second complaint' },
        message: 'The group is already suspended',
      },
      missing: `/admin/vetting/${randomUUID()}/suspend`,
    });
  });

  it('placements: a group’s capacity', async () => {
    const group = await newPlacementGroup(ctx, { places: 2 });
    const agent = await signInAgent(ctx, group.coordinator);
    const settings = {
      weeklyIntakeLimit: '',
      waitlistEnabled: 'false',
      intakePaused: 'false',
      offerExpiryDays: '10',
    };
    await expectTheOnePath({
      agent,
      page: `/groups/${group.id}/capacity`,
      action: `/groups/${group.id}/capacity`,
      heading: `Capacity for ${group.name}`,
      invalid: {
        body: { ...settings, places: '-3' },
        link: 'places',
        errorId: 'places-error',
        kept: 'value="-3"',
      },
      conflict: {
        arrange: async () => {
          for (let i = 0; i < 2; i++) {
            const { caseId } = await newPlacementCase(ctx, worker);
            await offer(ctx, worker, caseId, group.id).expect(201);
          }
        },
        body: { ...settings, places: '1' },
        message: '2 places are reserved by current offers and placements',
        kept: 'value="1"',
      },
      missing: `/groups/${randomUUID()}/capacity`,
    });
  });
});
