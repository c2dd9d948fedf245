import type TestAgent from 'supertest/lib/agent';
import {
  groupCounts,
  newPlacementCase,
  newPlacementGroup,
  offer,
} from './support/placements-factory';
import { csrfOf, signInAgent } from './support/page-session';
import { TestContext, type TestUser } from './support/test-app';
import { ukDate } from '../src/common/uk-date';

describe('Placement pages', () => {
  let ctx: TestContext;
  let linkWorker: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    linkWorker = await ctx.newUser('link_worker');
  });
  afterAll(() => ctx.close());

  const signIn = (user: TestUser): Promise<TestAgent> => signInAgent(ctx, user);

  it('lets a link worker see the group load and offer a place, without JavaScript', async () => {
    const group = await newPlacementGroup(ctx, { places: 2, waitlistEnabled: true });
    const { caseId } = await newPlacementCase(ctx, linkWorker, { person: { givenName: 'Hamid' } });
    const agent = await signIn(linkWorker);

    const page = await agent.get(`/cases/${caseId}/offer?groupId=${group.id}`).expect(200);
    expect(page.text).toContain(`Offer a place in ${group.name}`);
    expect(page.text).toContain('0 of 2');
    const made = await agent
      .post(`/cases/${caseId}/offer`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), groupId: group.id, note: 'Loves cooking' })
      .expect(303);
    expect(made.headers.location).toMatch(/^\/placements\/[0-9a-f-]{36}$/);
    const detail = await agent.get(made.headers.location).expect(200);
    expect(detail.text).toContain('Place offered');
    expect((await groupCounts(ctx, group.id)).reserved).toBe(1);

    const again = await agent
      .post(`/cases/${caseId}/offer`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), groupId: group.id })
      .expect(409);
    expect(again.text).toContain('govuk-error-summary');
    await agent.get(`/cases/${caseId}/offer?groupId=${group.id}`).expect(200);
    const stranger = await signIn(await ctx.newUser('link_worker'));
    await stranger.get(`/cases/${caseId}/offer?groupId=${group.id}`).expect(404);
  });

  it('gives a coordinator an inbox to accept or decline, and records attendance', async () => {
    const group = await newPlacementGroup(ctx, { places: 2 });
    const first = await offer(
      ctx,
      linkWorker,
      (await newPlacementCase(ctx, linkWorker, { person: { givenName: 'Leyla' } })).caseId,
      group.id,
    );
    const second = await offer(
      ctx,
      linkWorker,
      (await newPlacementCase(ctx, linkWorker, { person: { givenName: 'Tomasz' } })).caseId,
      group.id,
    );
    const agent = await signIn(group.coordinator);

    const inbox = await agent.get('/placements').expect(200);
    expect(inbox.text).toContain('Leyla');
    expect(inbox.text).toContain('Tomasz');
    expect(inbox.text).toContain(`/groups/${group.id}/capacity`);
    expect(inbox.text).not.toContain('1990-04-02');

    await agent
      .post(`/placements/${first.body.id}/accept`)
      .type('form')
      .send({ _csrf: csrfOf(inbox.text) })
      .expect(303);

    const detail = await agent.get(`/placements/${second.body.id}`).expect(200);
    const missing = await agent
      .post(`/placements/${second.body.id}/decline`)
      .type('form')
      .send({ _csrf: csrfOf(detail.text) })
      .expect(422);
    expect(missing.text).toContain('govuk-error-summary');
    await agent
      .post(`/placements/${second.body.id}/decline`)
      .type('form')
      .send({ _csrf: csrfOf(detail.text), reason: 'not_suitable_time' })
      .expect(303);

    const accepted = await agent.get(`/placements/${first.body.id}`).expect(200);
    expect(accepted.text).toContain('Record attendance');
    const [year, month, day] = ukDate().split('-');
    await agent
      .post(`/placements/${first.body.id}/attendance`)
      .type('form')
      .send({
        _csrf: csrfOf(accepted.text),
        'date-day': String(Number(day)),
        'date-month': String(Number(month)),
        'date-year': year,
        attended: 'true',
      })
      .expect(303);
    const { rows } = await ctx.db.query(
      'SELECT attended FROM placement_attendance WHERE placement_id = $1',
      [first.body.id],
    );
    expect(rows).toEqual([{ attended: true }]);
    const counts = await groupCounts(ctx, group.id);
    expect(counts.byStatus).toEqual({ accepted: 1, declined: 1 });

    const notes = await agent.get('/notifications').expect(200);
    expect(notes.text).toContain('New offer of a place');
  });

  it('lets a coordinator change capacity, refusing bad numbers with the form shown again', async () => {
    const group = await newPlacementGroup(ctx, { places: 2 });
    const agent = await signIn(group.coordinator);
    const form = await agent.get(`/groups/${group.id}/capacity`).expect(200);
    const body = {
      _csrf: csrfOf(form.text),
      places: '-3',
      weeklyIntakeLimit: '',
      waitlistEnabled: 'true',
      intakePaused: 'false',
      offerExpiryDays: '10',
    };
    const bad = await agent
      .post(`/groups/${group.id}/capacity`)
      .type('form')
      .send(body)
      .expect(422);
    expect(bad.text).toContain('govuk-error-summary');
    await agent
      .post(`/groups/${group.id}/capacity`)
      .type('form')
      .send({ ...body, places: '6' })
      .expect(303);
    const api = await ctx.http
      .get(`/api/groups/${group.id}/capacity`)
      .set('Authorization', group.coordinator.auth);
    expect(api.body).toMatchObject({ places: 6, waitlistEnabled: true, offerExpiryDays: 10 });

    const other = await signIn(await ctx.newUser('group_coordinator'));
    await other.get(`/groups/${group.id}/capacity`).expect(404);
  });

  it("shows a case's placement history to its link worker and an admin, and 404 to another link worker", async () => {
    const full = await newPlacementGroup(ctx, { places: 1, waitlistEnabled: true });
    const open = await newPlacementGroup(ctx, { places: 2 });
    const blocker = await newPlacementCase(ctx, linkWorker);
    await offer(ctx, linkWorker, blocker.caseId, full.id).expect(201);
    const { caseId } = await newPlacementCase(ctx, linkWorker, { person: { givenName: 'Rahel' } });
    const waitlisted = await offer(ctx, linkWorker, caseId, full.id).expect(201);
    expect(waitlisted.body.position).toBe(1);
    const placed = await offer(ctx, linkWorker, caseId, open.id).expect(201);
    const coordinator = { Authorization: open.coordinator.auth };
    await ctx.http.post(`/api/placements/${placed.body.id}/accept`).set(coordinator).expect(200);
    for (const [date, attended] of [
      ['2026-01-05', true],
      ['2026-01-12', true],
      ['2026-01-19', false],
    ] as const) {
      const res = await ctx.http
        .post(`/api/placements/${placed.body.id}/attendance`)
        .set(coordinator)
        .send({ date, attended });
      expect([200, 201]).toContain(res.status);
    }

    const agent = await signIn(linkWorker);
    const casePage = await agent.get(`/cases/${caseId}`).expect(200);
    expect(casePage.text).toContain(`href="/cases/${caseId}/placements"`);
    const history = await agent.get(`/cases/${caseId}/placements`).expect(200);
    const rows = history.text.split('<tr class="govuk-table__row">').slice(2);
    expect(rows).toHaveLength(2);
    // Newest first: the accepted place, then the waitlist entry.
    expect(rows[0]).toContain(open.name);
    expect(rows[0]).toContain('Accepted');
    expect(rows[0]).toContain('2 attended, 1 missed');
    expect(rows[0]).toMatch(/\d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(rows[1]).toContain(full.name);
    expect(rows[1]).toContain('Waitlisted');
    expect(rows[1]).toMatch(/>\s*1\s*<\/td>/);
    expect(rows[1]).toContain('0 attended');
    expect(history.text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(history.text).toContain('Find a group and offer a place');

    const admin = await signIn(await ctx.newUser('admin'));
    const asAdmin = await admin.get(`/cases/${caseId}/placements`).expect(200);
    expect(asAdmin.text).toContain(open.name);
    expect(asAdmin.text).not.toContain('Find a group and offer a place');

    const stranger = await signIn(await ctx.newUser('link_worker'));
    const hidden = await stranger.get(`/cases/${caseId}/placements`).expect(404);
    expect(hidden.text).not.toContain(open.name);
    const coordinatorAgent = await signIn(open.coordinator);
    await coordinatorAgent.get(`/cases/${caseId}/placements`).expect(403);
  });
});
