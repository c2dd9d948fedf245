import type TestAgent from 'supertest/lib/agent';
import { addDays, ukDate } from '../src/casework/casework-dates';
import { ServicesService } from '../src/services/services.service';
import { newCase } from './support/casework-factory';
import { csrfOf, signInAgent } from './support/page-session';
import { TestContext, type TestUser } from './support/test-app';

const parts = (name: string, date: string) => {
  const [y, m, d] = date.split('-');
  return { [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y };
};

describe('A link worker’s day, on pages', () => {
  let ctx: TestContext;
  let worker: TestUser;
  let colleague: TestUser;
  let agent: TestAgent;

  beforeAll(async () => {
    ctx = await TestContext.create();
    worker = await ctx.newUser('link_worker');
    colleague = await ctx.newUser('link_worker');
    agent = await signInAgent(ctx, worker);
  });
  afterAll(() => ctx.close());

  async function submit(formPath: string, action: string, fields: object, status: number) {
    const form = await agent.get(formPath).expect(200);
    return agent
      .post(action)
      .type('form')
      .send({ _csrf: csrfOf(form.text), ...fields })
      .expect(status);
  }

  it('starts the day on Today: appointments, then what is overdue or due', async () => {
    const { caseId } = await newCase(ctx, worker, { person: { givenName: 'Hawa' } });
    await ctx.db.query(`UPDATE support_case SET review_by = $2 WHERE id = $1`, [
      caseId,
      addDays(ukDate(), -3),
    ]);
    await ctx.http
      .post(`/api/cases/${caseId}/tasks`)
      .set('Authorization', worker.auth)
      .send({ title: 'Send the bus timetable', dueOn: addDays(ukDate(), -1) })
      .expect(201);
    const home = await agent.get('/').expect(303);
    expect(home.headers.location).toBe('/today');
    const today = await agent.get('/today').expect(200);
    expect(today.text).toContain('Today’s appointments');
    expect(today.text).toContain('Send the bus timetable');
    expect(today.text).toContain('Review Hawa’s support');
    expect(today.text.indexOf('Today’s appointments')).toBeLessThan(
      today.text.indexOf('Overdue tasks'),
    );
  });

  it('records a contact, says in plain words what is wrong, and keeps what was typed', async () => {
    const { caseId } = await newCase(ctx, worker);
    const base = `/cases/${caseId}`;
    const future = addDays(ukDate(), 2);
    const before = await ctx.snapshot();
    const bad = await submit(
      `${base}/contacts/new`,
      `${base}/contacts`,
      { ...parts('at', future), 'at-time': '10:00', mode: 'phone', note: 'Keep me' },
      422,
    );
    expect(bad.text).toContain('There is a problem');
    expect(bad.text).toContain('A contact cannot be in the future');
    expect(bad.text).toContain('Keep me');
    expect(await ctx.snapshot()).toEqual(before);

    const unreadable = await submit(
      `${base}/contacts/new`,
      `${base}/contacts`,
      { ...parts('at', ukDate()), 'at-time': 'teatime', durationMinutes: 'ten' },
      422,
    );
    expect(unreadable.text).toContain('Enter a time, like 9:30 or 2pm');
    expect(unreadable.text).toContain('Select how you were in touch');
    expect(unreadable.text).toContain('Enter how long it took in minutes');

    const done = await submit(
      `${base}/contacts/new`,
      `${base}/contacts`,
      {
        ...parts('at', ukDate()),
        mode: 'face_to_face',
        durationMinutes: '30',
        interpreterUsed: 'yes',
        // Chosen by name from the list (or typed as one), stored as its code.
        interpreterLanguage: 'Somali',
        interpreterMode: 'in_person',
        note: 'Met at the drop-in',
      },
      303,
    );
    expect(done.headers.location).toBe(`${base}#contacts`);
    const page = await agent.get(base).expect(200);
    expect(page.text).toContain('Contact history');
    expect(page.text).toContain('Met at the drop-in');
    expect(page.text).toContain('Interpreter (Somali, in person)');
    expect(page.text).toContain('Correct the note');
    const { rows } = await ctx.db.query(
      'SELECT interpreter_language FROM case_contact WHERE case_id = $1',
      [caseId],
    );
    expect(rows).toEqual([{ interpreter_language: 'so' }]);
  });

  it('books an appointment, refusing one in the past, then records it as attended', async () => {
    const { caseId } = await newCase(ctx, worker, { person: { givenName: 'Yonas' } });
    const base = `/cases/${caseId}`;
    const refused = await submit(
      `${base}/appointments/new`,
      `${base}/appointments`,
      {
        ...parts('startsAt', addDays(ukDate(), -1)),
        'startsAt-time': '10:00',
        durationMinutes: '30',
        mode: 'phone',
      },
      422,
    );
    expect(refused.text).toContain('cannot be booked in the past');
    const noTime = await submit(
      `${base}/appointments/new`,
      `${base}/appointments`,
      { ...parts('startsAt', addDays(ukDate(), 1)), durationMinutes: '30', mode: 'phone' },
      422,
    );
    expect(noTime.text).toContain('Enter a time, like 9:30 or 2pm');
    const notADay = await submit(
      `${base}/appointments/new`,
      `${base}/appointments`,
      {
        'startsAt-day': '31',
        'startsAt-month': '2',
        'startsAt-year': String(new Date().getFullYear() + 1),
        'startsAt-time': '10:00',
        durationMinutes: '30',
        mode: 'phone',
      },
      422,
    );
    expect(notADay.text).toContain('The date of the appointment must be a real date');
    expect(notADay.text).not.toContain('Enter the date and time');
    const noDate = await submit(
      `${base}/appointments/new`,
      `${base}/appointments`,
      { durationMinutes: '30', mode: 'phone' },
      422,
    );
    expect(noDate.text).toContain('Enter the date and time of the appointment');

    await submit(
      `${base}/appointments/new`,
      `${base}/appointments`,
      {
        ...parts('startsAt', addDays(ukDate(), 1)),
        'startsAt-time': '2pm',
        durationMinutes: '45',
        mode: 'face_to_face',
        location: 'Radford Care Group',
        interpreterLanguage: 'Tigrinya',
      },
      303,
    );
    const form = await agent.get(`${base}/appointments/new`).expect(200);
    expect(form.text).toMatch(/<select[^>]*name="interpreterLanguage"/);
    expect(form.text).toContain('<option value="ti"');
    const week = await agent.get(`/appointments/week?from=${addDays(ukDate(), 1)}`).expect(200);
    expect(week.text).toContain('Yonas');
    expect(week.text).toContain('Radford Care Group');

    const { rows } = await ctx.db.query<{ id: string; interpreter_language: string }>(
      `UPDATE appointment SET starts_at = now() - interval '1 hour' WHERE case_id = $1
       RETURNING id, interpreter_language`,
      [caseId],
    );
    expect(rows[0].interpreter_language).toBe('ti');
    const outcome = `/appointments/${rows[0].id}/outcome`;
    const missing = await submit(outcome, outcome, {}, 422);
    expect(missing.text).toContain('Select whether the person came');
    const saved = await submit(
      outcome,
      outcome,
      { attended: 'yes', note: 'Talked about ESOL' },
      303,
    );
    expect(saved.headers.location).toBe(`${base}#contacts`);
    const page = await agent.get(base).expect(200);
    expect(page.text).toContain('Appointment attended');
    expect(page.text).toContain('Talked about ESOL');
  });

  it('records a review that moves the review date, and refuses one too far in plain words', async () => {
    const { caseId } = await newCase(ctx, worker);
    const base = `/cases/${caseId}`;
    const tooFar = await submit(
      `${base}/reviews/new`,
      `${base}/reviews`,
      { ...parts('reviewedAt', ukDate()), ...parts('nextReviewBy', addDays(ukDate(), 120)) },
      422,
    );
    expect(tooFar.text).toContain('The next review must be within 92 days of this one');
    const next = addDays(ukDate(), 30);
    const ok = await submit(
      `${base}/reviews/new`,
      `${base}/reviews`,
      { ...parts('reviewedAt', ukDate()), ...parts('nextReviewBy', next), note: 'All well' },
      303,
    );
    expect(ok.headers.location).toBe(`${base}#reviews`);
    const { rows } = await ctx.db.query(
      `SELECT to_char(review_by, 'YYYY-MM-DD') AS r FROM support_case WHERE id = $1`,
      [caseId],
    );
    expect(rows[0].r).toBe(next);
  });

  it('adds a task for a colleague, who sees it in My tasks and marks it done', async () => {
    const { caseId } = await newCase(ctx, worker, { person: { givenName: 'Mariam' } });
    const base = `/cases/${caseId}`;
    const form = await agent.get(`${base}/tasks/new`).expect(200);
    expect(form.text).toContain(`value="${colleague.id}"`);
    await submit(
      `${base}/tasks/new`,
      `${base}/tasks`,
      { title: 'Find a women’s group', ...parts('dueOn', ukDate()), assigneeId: colleague.id },
      303,
    );
    const theirs = await signInAgent(ctx, colleague);
    const list = await theirs.get('/tasks').expect(200);
    expect(list.text).toContain('Find a women’s group');
    expect(list.text).toContain('Mariam');
    const { rows } = await ctx.db.query<{ id: string }>(
      'SELECT id FROM case_task WHERE case_id = $1',
      [caseId],
    );
    const done = await theirs
      .post(`/tasks/${rows[0].id}/complete`)
      .type('form')
      .send({ _csrf: csrfOf(list.text), returnTo: '/tasks' })
      .expect(303);
    expect(done.headers.location).toBe('/tasks');
    expect((await theirs.get('/tasks').expect(200)).text).not.toContain('Find a women’s group');
  });

  it('refuses, in words on the page, a next review not after the review and a task for another service, changing nothing', async () => {
    const other = await ctx.app
      .get(ServicesService)
      .create({ name: `Across the river ${Date.now()}` }, null);
    const outsider = await ctx.newUser('link_worker', { serviceId: other.id });
    const { caseId } = await newCase(ctx, worker);
    const base = `/cases/${caseId}`;
    const before = await ctx.snapshot();

    const sameDay = await submit(
      `${base}/reviews/new`,
      `${base}/reviews`,
      { ...parts('reviewedAt', ukDate()), ...parts('nextReviewBy', ukDate()) },
      422,
    );
    expect(sameDay.text).toContain('The next review must be after the date of this review');
    expect(sameDay.text).toContain('govuk-error-summary');

    const elsewhere = await submit(
      `${base}/tasks/new`,
      `${base}/tasks`,
      { title: 'Not theirs to do', ...parts('dueOn', ukDate()), assigneeId: outsider.id },
      422,
    );
    expect(elsewhere.text).toContain('A task can only be given to a link worker of this service');
    expect(elsewhere.text).toContain('Not theirs to do');
    expect(await ctx.snapshot()).toEqual(before);
  });

  it('makes, shows once and turns off a calendar feed', async () => {
    const page = await agent.get('/calendar-feed').expect(200);
    expect(page.text).toContain('You do not have a calendar feed');
    const made = await agent
      .post('/calendar-feed')
      .type('form')
      .send({ _csrf: csrfOf(page.text) })
      .expect(200);
    const url = /id="feed-url"[^>]*value="([^"]+)"/.exec(made.text)?.[1] ?? '';
    expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    await ctx.http.get(new URL(url).pathname).expect(200);
    expect((await agent.get('/calendar-feed').expect(200)).text).not.toContain(url);
    const off = await agent
      .post('/calendar-feed/revoke')
      .type('form')
      .send({ _csrf: csrfOf(made.text) })
      .expect(303);
    expect(off.headers.location).toBe('/calendar-feed');
    await ctx.http.get(new URL(url).pathname).expect(404);
  });
});
