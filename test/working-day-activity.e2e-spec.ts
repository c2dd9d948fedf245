import { randomUUID } from 'node:crypto';
import { ServicesService } from '../src/services/services.service';
import { signInAgent } from './support/page-session';
import { ReportsFactory } from './support/reports-factory';
import { TestContext, type TestUser } from './support/test-app';

/** Link workers' activity (issue 16): for the service-access report and the team lead. */
describe('Activity figures', () => {
  let ctx: TestContext;
  let facts: ReportsFactory;
  let teamLead: TestUser;
  let otherLead: TestUser;
  let commissioner: TestUser;
  let worker: TestUser;
  const PERIOD = 'from=2026-03-01&to=2026-03-31';

  const contact = (caseId: string, at: string, mode: string) =>
    ctx.db.query(
      `INSERT INTO case_contact (case_id, at, mode, recorded_by) VALUES ($1, $2, $3, $4)`,
      [caseId, at, mode, randomUUID()],
    );
  const appointment = (caseId: string, startsAt: string, status: string) =>
    ctx.db.query(
      `INSERT INTO appointment (case_id, link_worker_id, starts_at, duration_minutes, mode, status, booked_by)
       VALUES ($1, $2, $3, 30, 'phone', $4, $2)`,
      [caseId, randomUUID(), startsAt, status],
    );

  beforeAll(async () => {
    ctx = await TestContext.create();
    facts = new ReportsFactory(ctx.db);
    const admin = await ctx.newUser('admin');
    const other = await ctx.app.get(ServicesService).create({ name: 'Riverside' }, admin.id);
    teamLead = await ctx.newUser('team_lead');
    otherLead = await ctx.newUser('team_lead', { serviceId: other.id });
    commissioner = await ctx.newUser('commissioner');
    worker = await ctx.newUser('link_worker');

    // Six people referred on 10 March, first reached two days later, given a group place ten
    // days after referral: three one-to-one sessions before it, an email, and a call after it.
    const cases: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { caseId } = await facts.journey({
        receivedAt: '2026-03-10T10:00:00Z',
        firstContactAfterDays: 2,
        placedAfterDays: 10,
      });
      cases.push(caseId!);
      await contact(caseId!, '2026-03-12T10:00:00Z', 'phone');
      await contact(caseId!, '2026-03-14T10:00:00Z', 'face_to_face');
      await contact(caseId!, '2026-03-16T10:00:00Z', 'home_visit');
      await contact(caseId!, '2026-03-17T10:00:00Z', 'email');
      await contact(caseId!, '2026-03-25T10:00:00Z', 'phone');
    }
    // Fifteen appointments with an outcome in March (five missed), two without, one cancelled.
    for (let i = 0; i < 15; i++) {
      await appointment(
        cases[i % 6],
        `2026-03-${10 + (i % 10)}T10:00:00Z`,
        i < 5 ? 'did_not_attend' : 'attended',
      );
    }
    await appointment(cases[0], '2026-03-20T10:00:00Z', 'booked');
    await appointment(cases[1], '2026-03-20T10:00:00Z', 'booked');
    await appointment(cases[2], '2026-03-20T10:00:00Z', 'cancelled');

    // Riverside: three contacts in March, with one person.
    const { caseId: riverside } = await facts.journey({
      receivedAt: '2026-03-05T10:00:00Z',
      accepted: true,
      serviceId: other.id,
    });
    for (const day of ['06', '07', '08'])
      await contact(riverside!, `2026-03-${day}T10:00:00Z`, 'phone');
  });
  afterAll(() => ctx.close());

  const get = (path: string, user: TestUser) => ctx.http.get(path).set('Authorization', user.auth);

  it('gives a team lead its service’s contacts per person, sessions before a group place, did-not-attend rate and days to first contact', async () => {
    const res = await get(`/api/reports/activity?${PERIOD}`, teamLead).expect(200);
    expect(res.body).toMatchObject({
      report: 'activity',
      threshold: 5,
      contacts: 30,
      peopleContacted: 6,
      contactsPerPerson: 5,
      sessionsBeforeFirstGroupPlace: { cases: 6, median: 3, mean: 3 },
      appointments: 15,
      didNotAttend: 5,
      daysToFirstContact: { n: 6, median: 2 },
      trend: [{ month: '2026-03', contacts: 30, appointments: 15, didNotAttend: 5 }],
      suppressed: [],
    });
    expect(res.body.didNotAttendRate.value).toBeCloseTo(1 / 3);
    expect(res.body.didNotAttendRate.lower).toBeGreaterThan(0.1);
    expect(res.body.didNotAttendRate.upper).toBeLessThan(0.65);
  });

  it('keeps another service’s team lead to its own figures, small counts suppressed', async () => {
    const res = await get(`/api/reports/activity?${PERIOD}`, otherLead).expect(200);
    expect(res.body).toMatchObject({
      contacts: null,
      peopleContacted: null,
      contactsPerPerson: null,
      appointments: 0,
      didNotAttendRate: { status: 'not_applicable' },
    });
    expect(res.body.suppressed).toEqual(
      expect.arrayContaining([
        { row: 'totals', measure: 'contacts' },
        { row: 'totals', measure: 'peopleContacted' },
      ]),
    );
    await get(`/api/reports/activity?${PERIOD}&serviceId=${teamLead.serviceId}`, otherLead).expect(
      403,
    );
  });

  it('adds the same figures to the service-access report, over the report’s services', async () => {
    const res = await get(`/api/reports/service-access?${PERIOD}`, commissioner).expect(200);
    expect(res.body.activity).toMatchObject({
      contacts: 33,
      peopleContacted: 7,
      appointments: 15,
      didNotAttend: 5,
      sessionsBeforeFirstGroupPlace: { cases: 6, median: 3, mean: 3 },
      daysToFirstContact: { n: 6, median: 2 },
    });
    // The days to first contact come from the report's own total: the same as the activity's.
    const own = await get(`/api/reports/activity?${PERIOD}`, commissioner).expect(200);
    expect(res.body.activity.daysToFirstContact).toEqual(own.body.daysToFirstContact);
    const csv = await get(`/api/reports/activity?${PERIOD}&format=csv`, commissioner).expect(200);
    expect(csv.text).toContain('total,did_not_attend,5,,');
    expect(csv.text).toContain('total,contacts_per_person,4.7,,');
    const html = await get(
      `/api/reports/service-access?${PERIOD}&format=html`,
      commissioner,
    ).expect(200);
    expect(html.text).toContain('Link workers’ activity');
  });

  it('is not for link workers, and shows the team lead a page', async () => {
    await get(`/api/reports/activity?${PERIOD}`, worker).expect(403);
    const agent = await signInAgent(ctx, teamLead);
    const page = await agent.get(`/team/activity?${PERIOD}`).expect(200);
    expect(page.text).toContain('Link workers’ activity');
    expect(page.text).toContain('Contacts per person');
    const bad = await agent.get('/team/activity?from=yesterday').expect(422);
    expect(bad.text).toContain('There is a problem');
  });
});
