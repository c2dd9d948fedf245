import type TestAgent from 'supertest/lib/agent';
import { ukDate } from '../src/common/uk-date';
import { createReferral } from './support/referrals-factory';
import { csrfOf, signInAgent } from './support/page-session';
import { TestContext, type TestUser } from './support/test-app';

/**
 * A team lead's pages: the service dashboard, and the referral inbox, referrals and cases of its
 * own service only, never with immigration, safeguarding or crisis detail.
 */
describe('Team lead pages', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let city: { id: string };
  let council: { id: string };
  let leadA: TestUser;
  let leadB: TestUser;
  let lwA: TestUser;
  let lwA2: TestUser;
  let lwB: TestUser;
  let leadAgent: TestAgent;
  let otherLeadAgent: TestAgent;
  let waitingId: string;
  let assignedId: string;
  let caseId: string;
  let referralB: string;

  const api = (u: TestUser) => ({ Authorization: u.auth });
  const SECRETS = ['Disclosed at first visit', 'Eviction notice served', 'trafficking', 'Asylum'];
  const referralRow = async (id: string) =>
    (
      await ctx.db.query(
        'SELECT status, assigned_link_worker_id, decline_reason FROM referral WHERE id = $1',
        [id],
      )
    ).rows[0];
  const nameOf = async (id: string) =>
    (await ctx.db.query<{ name: string }>('SELECT name FROM app_user WHERE id = $1', [id])).rows[0]
      .name;

  beforeAll(async () => {
    ctx = await TestContext.create({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    admin = await ctx.newUser('admin');
    const service = async (name: string) =>
      (await ctx.http.post('/api/services').set(api(admin)).send({ name }).expect(201)).body as {
        id: string;
      };
    city = await service('City PCN');
    council = await service('Council connectors');
    leadA = await ctx.newUser('team_lead', { serviceId: city.id });
    leadB = await ctx.newUser('team_lead', { serviceId: council.id });
    lwA = await ctx.newUser('link_worker', { serviceId: city.id, caseloadLimit: 2 });
    lwA2 = await ctx.newUser('link_worker', { serviceId: city.id });
    lwB = await ctx.newUser('link_worker', { serviceId: council.id });

    // City PCN: one referral waiting, one assigned to lwA, and a case of lwA's with sensitive
    // detail whose review is overdue. Council connectors: one referral of its own.
    waitingId = (
      await createReferral(ctx, lwA, {
        person: { givenName: 'Waiting', familyName: 'Person' },
        urgency: 'urgent',
      })
    ).id;
    assignedId = (await createReferral(ctx, lwA, { person: { givenName: 'Assigned' } })).id;
    await ctx.http
      .post(`/api/referrals/${assignedId}/assign`)
      .set(api(lwA))
      .send({ linkWorkerId: lwA.id })
      .expect(200);
    const accepted = (await createReferral(ctx, lwA, { person: { givenName: 'Overdue' } })).id;
    await ctx.http
      .post(`/api/referrals/${accepted}/assign`)
      .set(api(lwA))
      .send({ linkWorkerId: lwA.id })
      .expect(200);
    caseId = (
      await ctx.http.post(`/api/referrals/${accepted}/accept`).set(api(lwA)).send().expect(201)
    ).body.caseId;
    await ctx.http
      .put(`/api/cases/${caseId}/safeguarding`)
      .set(api(lwA))
      .send({ flags: ['trafficking_survivor'], note: 'Disclosed at first visit' })
      .expect(200);
    await ctx.http
      .post(`/api/cases/${caseId}/crisis-points`)
      .set(api(lwA))
      .send({
        type: 'eviction_or_homelessness',
        occurredAt: ukDate(),
        note: 'Eviction notice served',
        pausePlacements: false,
      })
      .expect(201);
    await ctx.http
      .put(`/api/cases/${caseId}/migration-profile`)
      .set(api(lwA))
      .send({ migrantStatus: 'asylum_seeker' })
      .expect(200);
    await ctx.db.query(`UPDATE support_case SET review_by = current_date - 10 WHERE id = $1`, [
      caseId,
    ]);
    referralB = (await createReferral(ctx, lwB, { person: { givenName: 'Councilperson' } })).id;

    leadAgent = await signInAgent(ctx, leadA);
    otherLeadAgent = await signInAgent(ctx, leadB);
  });
  afterAll(() => ctx.close());

  describe('/team, the service dashboard', () => {
    it('is the team lead’s home, and every page in its menu opens', async () => {
      const home = await leadAgent.get('/').expect(303);
      expect(home.headers.location).toBe('/team');
      const page = await leadAgent.get('/team').expect(200);
      const menu = [
        ...page.text.matchAll(/class="govuk-service-navigation__link" href="([^"]+)"/g),
      ];
      expect(menu.map((m) => m[1])).toEqual(['/team', '/referrals', '/cases', '/team/activity']);
      for (const [, href] of menu) await leadAgent.get(href).expect(200);
    });

    it('shows the service’s referrals waiting, longest and most urgent first, and for how long', async () => {
      await ctx.db.query(
        `UPDATE referral SET received_at = now() - interval '3 days' WHERE id = $1`,
        [assignedId],
      );
      const page = await leadAgent.get('/team').expect(200);
      expect(page.text).toContain('<span class="govuk-caption-l">City PCN</span>');
      expect(page.text).toContain(
        '2 referrals are waiting to be taken on; 1 of them has no link worker yet.',
      );
      expect(page.text).toMatch(
        /Waiting Person<\/a>[\s\S]*?Urgent[\s\S]*?<td class="govuk-table__cell">Today<\/td>\s*<td class="govuk-table__cell"><strong[^>]*>Not assigned<\/strong>/,
      );
      expect(page.text).toMatch(
        new RegExp(
          `Assigned\\d*[^<]*</a>[\\s\\S]*?<td class="govuk-table__cell">3 days</td>\\s*<td class="govuk-table__cell">${await nameOf(lwA.id)}</td>`,
        ),
      );
      expect(page.text).not.toContain('Councilperson');
    });

    it('shows each link worker’s open cases and assigned referrals against their limit', async () => {
      const page = await leadAgent.get('/team').expect(200);
      expect(page.text).toMatch(
        new RegExp(
          `${await nameOf(lwA.id)}</th>\\s*<td[^>]*>1</td>\\s*<td[^>]*>1</td>\\s*<td[^>]*>2 of 2</td>\\s*<td[^>]*><strong class="govuk-tag govuk-tag--red lw-tag--small">Full</strong>`,
        ),
      );
      expect(page.text).toMatch(
        new RegExp(
          `${await nameOf(lwA2.id)}</th>\\s*<td[^>]*>0</td>\\s*<td[^>]*>0</td>\\s*<td[^>]*>0 of 40</td>`,
        ),
      );
      expect(page.text).not.toContain(await nameOf(lwB.id));
    });

    it('lists overdue reviews by how long they are overdue, with nothing sensitive', async () => {
      const page = await leadAgent.get('/team').expect(200);
      expect(page.text).toMatch(
        new RegExp(
          `href="/cases/${caseId}">Overdue\\d*</a>[\\s\\S]*?<td class="govuk-table__cell">${await nameOf(lwA.id)}</td>[\\s\\S]*?<td class="govuk-table__cell">10 days</td>`,
        ),
      );
      for (const secret of SECRETS) expect(page.text).not.toContain(secret);
    });

    it('shows another service’s team lead only its own service', async () => {
      const page = await otherLeadAgent.get('/team').expect(200);
      expect(page.text).toContain('Councilperson');
      expect(page.text).not.toMatch(/Waiting Person|Overdue\d/);
      expect(page.text).toContain('No reviews are overdue.');
    });

    it('is for team leads only', async () => {
      for (const u of [lwA, admin]) {
        const agent = await signInAgent(ctx, u);
        await agent.get('/team').expect(403);
      }
    });
  });

  describe('referrals', () => {
    it('lists the service’s referrals in the inbox, without “assigned to me”', async () => {
      const inbox = await leadAgent.get('/referrals?view=all').expect(200);
      expect(inbox.text).toContain('Waiting Person');
      expect(inbox.text).not.toContain('Councilperson');
      expect(inbox.text).not.toContain('Assigned to me');
      expect(inbox.text).not.toContain('Assign to me');
      const assigned = await leadAgent.get('/referrals?view=assigned').expect(200);
      expect(assigned.text).toMatch(/>Assigned Unique/);
      expect(assigned.text).not.toContain('Waiting Person');
    });

    it('offers to assign to the service’s link workers and to decline, but not to accept, contact or print', async () => {
      const page = await leadAgent.get(`/referrals/${waitingId}`).expect(200);
      expect(page.text).toContain(`<option value="${lwA2.id}">${await nameOf(lwA2.id)}</option>`);
      expect(page.text).not.toContain(lwB.id);
      expect(page.text).toContain(`action="/referrals/${waitingId}/decline"`);
      expect(page.text).not.toContain(`action="/referrals/${waitingId}/accept"`);
      expect(page.text).not.toContain(`action="/referrals/${waitingId}/contact-attempts"`);
      expect(page.text).not.toContain('Letter to the person');
    });

    it('assigns a referral to a link worker of the service', async () => {
      const { id } = await createReferral(ctx, lwA);
      const page = await leadAgent.get(`/referrals/${id}`).expect(200);
      const res = await leadAgent
        .post(`/referrals/${id}/assign`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), linkWorkerId: lwA2.id })
        .expect(303);
      expect(res.headers.location).toBe(`/referrals/${id}`);
      expect(await referralRow(id)).toMatchObject({
        status: 'assigned',
        assigned_link_worker_id: lwA2.id,
      });
    });

    it('refuses a link worker of another service or a full caseload in GOV.UK words, changing nothing', async () => {
      const page = await leadAgent.get(`/referrals/${waitingId}`).expect(200);
      const before = await referralRow(waitingId);
      const other = await leadAgent
        .post(`/referrals/${waitingId}/assign`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), linkWorkerId: lwB.id })
        .expect(422);
      expect(other.text).toContain('href="#linkWorkerId">Select a link worker of this service');
      const full = await leadAgent
        .post(`/referrals/${waitingId}/assign`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), linkWorkerId: lwA.id })
        .expect(409);
      expect(full.text).toContain('caseload is full (2 of 2)');
      expect(await referralRow(waitingId)).toEqual(before);
    });

    it('declines only with a reason', async () => {
      const { id } = await createReferral(ctx, lwA);
      const page = await leadAgent.get(`/referrals/${id}`).expect(200);
      const noReason = await leadAgent
        .post(`/referrals/${id}/decline`)
        .type('form')
        .send({ _csrf: csrfOf(page.text) })
        .expect(422);
      expect(noReason.text).toContain('href="#reason">Choose why the referral is declined');
      expect((await referralRow(id)).status).toBe('received');
      await leadAgent
        .post(`/referrals/${id}/decline`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), reason: 'redirected' })
        .expect(303);
      expect(await referralRow(id)).toMatchObject({
        status: 'declined',
        decline_reason: 'redirected',
      });
    });

    it('gives another service’s team lead “page not found” for the referral, and changes nothing', async () => {
      await otherLeadAgent.get(`/referrals/${waitingId}`).expect(404);
      const inbox = await otherLeadAgent.get('/referrals').expect(200);
      const before = await referralRow(waitingId);
      await otherLeadAgent
        .post(`/referrals/${waitingId}/assign`)
        .type('form')
        .send({ _csrf: csrfOf(inbox.text), linkWorkerId: lwB.id })
        .expect(404);
      await otherLeadAgent
        .post(`/referrals/${waitingId}/decline`)
        .type('form')
        .send({ _csrf: csrfOf(inbox.text), reason: 'not_appropriate' })
        .expect(404);
      expect(await referralRow(waitingId)).toEqual(before);
      await leadAgent.get(`/referrals/${referralB}`).expect(404);
    });
  });

  describe('cases', () => {
    it('lists the service’s cases with their link worker', async () => {
      const page = await leadAgent.get('/cases').expect(200);
      expect(page.text).toContain('Cases in your service');
      expect(page.text).toMatch(
        new RegExp(
          // The name cell also holds the family name, the reference and the language (caseload search).
          `href="/cases/${caseId}">Overdue\\d*[^<]*</a>[\\s\\S]*?</th>\\s*<td class="govuk-table__cell">${await nameOf(lwA.id)}</td>`,
        ),
      );
      const other = await otherLeadAgent.get('/cases').expect(200);
      expect(other.text).not.toContain(caseId);
    });

    it('shows the case without safeguarding, crisis or migration detail, and offers no casework', async () => {
      const page = await leadAgent.get(`/cases/${caseId}`).expect(200);
      expect(page.text).toMatch(/<h1 class="govuk-heading-l">Overdue\d*/);
      expect(page.text).toContain(
        'Safeguarding flags and notes are seen only by the person’s link worker.',
      );
      expect(page.text).toContain('Crisis points are seen only by the person’s link worker.');
      for (const secret of SECRETS) expect(page.text).not.toContain(secret);
      expect(page.text).not.toContain('Safeguarding level a group needs');
      expect(page.text).not.toContain('Actions</h2>');
      expect(page.text).not.toContain(`/cases/${caseId}/migration-profile`);
      expect(page.text).not.toContain(`/cases/${caseId}/placements`);
      // The link worker sees what the team lead does not.
      const own = await signInAgent(ctx, lwA);
      const full = await own.get(`/cases/${caseId}`).expect(200);
      expect(full.text).toContain('Disclosed at first visit');
      expect(full.text).toContain('Eviction notice served');
    });

    it('gives another service’s team lead “page not found” for the case', async () => {
      await otherLeadAgent.get(`/cases/${caseId}`).expect(404);
    });
  });
});
