import type TestAgent from 'supertest/lib/agent';
import { newCase, storedPerson } from './support/casework-factory';
import { newApprovedGroup } from './support/directory-factory';
import { createReferral } from './support/referrals-factory';
import { csrfOf, signInAgent } from './support/page-session';
import { TestContext, type TestUser } from './support/test-app';

describe('Admin pages: users, organisations, data protection', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let adminAgent: TestAgent;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser('admin');
    adminAgent = await signInAgent(ctx, admin);
  });
  afterAll(() => ctx.close());

  describe('/admin/users', () => {
    it('lists users with their role and organisation', async () => {
      const org = await ctx.newOrganisation({ name: 'Radford Health Centre', kind: 'gp_practice' });
      const referrer = await ctx.newUser('referrer', { organisationId: org.id });
      const page = await adminAgent.get('/admin/users').expect(200);
      expect(page.text).toContain(referrer.email);
      expect(page.text).toMatch(
        /Referrer<\/td>\s*<td class="govuk-table__cell">Radford Health Centre/,
      );
    });

    it('creates a user with the API rules and says so', async () => {
      const org = await ctx.newOrganisation({ name: 'Sunday Walkers', kind: 'community_group' });
      const form = await adminAgent.get('/admin/users/new').expect(200);
      const res = await adminAgent
        .post('/admin/users/new')
        .type('form')
        .send({
          _csrf: csrfOf(form.text),
          name: 'Grace Obi',
          email: 'Grace.Obi@Example.org',
          role: 'group_coordinator',
          organisationId: org.id,
          password: 'a long enough password',
        })
        .expect(303);
      expect(res.headers.location).toBe('/admin/users');
      const { rows } = await ctx.db.query(
        `SELECT role, organisation_id FROM app_user WHERE email = 'grace.obi@example.org'`,
      );
      expect(rows).toEqual([{ role: 'group_coordinator', organisation_id: org.id }]);
      const list = await adminAgent.get('/admin/users').expect(200);
      expect(list.text).toContain('Grace Obi can now sign in as group coordinator.');
    });

    it('shows GOV.UK errors, keeps what was typed, never echoes the password, changes nothing', async () => {
      const form = await adminAgent.get('/admin/users/new').expect(200);
      const before = await ctx.snapshot();
      const res = await adminAgent
        .post('/admin/users/new')
        .type('form')
        .send({
          _csrf: csrfOf(form.text),
          name: 'Kept Name',
          email: 'not-an-email',
          role: 'referrer',
          organisationId: '',
          password: 'tiny-pw',
        })
        .expect(422);
      expect(res.text).toContain('<title>Error: Create a user – Linkway</title>');
      expect(res.text).toContain('govuk-error-summary');
      expect(res.text).toContain(
        '<a href="#email">Enter an email address in the correct format, like name@example.com</a>',
      );
      expect(res.text).toContain('href="#password">Password must be 12 characters or more');
      expect(res.text).toContain('value="Kept Name"');
      expect(res.text).toContain('value="not-an-email"');
      expect(res.text).toMatch(/value="referrer"\s*checked/);
      expect(res.text).not.toContain('tiny-pw');
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('needs an organisation for a referrer and refuses a taken email, as the API does', async () => {
      const form = await adminAgent.get('/admin/users/new').expect(200);
      const before = await ctx.snapshot();
      const noOrg = await adminAgent
        .post('/admin/users/new')
        .type('form')
        .send({
          _csrf: csrfOf(form.text),
          name: 'No Org',
          email: 'no.org@example.org',
          role: 'referrer',
          organisationId: '',
          password: 'a long enough password',
        })
        .expect(422);
      expect(noOrg.text).toContain(
        'href="#organisationId">Select the organisation of a group coordinator or referrer',
      );
      const taken = await adminAgent
        .post('/admin/users/new')
        .type('form')
        .send({
          _csrf: csrfOf(form.text),
          name: 'Twin',
          email: admin.email.toUpperCase(),
          role: 'commissioner',
          password: 'a long enough password',
        })
        // A conflict with a record that exists: 409, as the API says, with the form shown again.
        .expect(409);
      expect(taken.text).toContain('href="#email">A user with this email address already exists');
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('is for admins only', async () => {
      const worker = await signInAgent(ctx, await ctx.newUser('link_worker'));
      await worker.get('/admin/users').expect(403);
      await worker.get('/admin/organisations').expect(403);
      await worker.get('/admin/data-protection').expect(403);
    });
  });

  describe('/admin/organisations', () => {
    it('adds an organisation and lists it with its kind', async () => {
      const form = await adminAgent.get('/admin/organisations/new').expect(200);
      await adminAgent
        .post('/admin/organisations/new')
        .type('form')
        .send({
          _csrf: csrfOf(form.text),
          name: 'Hyson Green Library',
          kind: 'library',
          postcode: 'ng7 5ef',
        })
        .expect(303);
      const list = await adminAgent.get('/admin/organisations').expect(200);
      expect(list.text).toContain('Hyson Green Library was added.');
      expect(list.text).toMatch(
        /Hyson Green Library<\/th>\s*<td class="govuk-table__cell">Library<\/td>\s*<td class="govuk-table__cell">NG7 5EF/,
      );
    });

    it('explains a missing kind and a bad postcode, keeping the name', async () => {
      const form = await adminAgent.get('/admin/organisations/new').expect(200);
      const before = await ctx.snapshot();
      const res = await adminAgent
        .post('/admin/organisations/new')
        .type('form')
        .send({ _csrf: csrfOf(form.text), name: 'Typed Name', kind: '', postcode: 'nowhere' })
        .expect(422);
      expect(res.text).toContain('href="#kind">Select the kind of organisation');
      expect(res.text).toContain('href="#postcode">Enter a real UK postcode, like NG7 1AA');
      expect(res.text).toContain('value="Typed Name"');
      expect(await ctx.snapshot()).toEqual(before);
    });
  });

  describe('/admin/data-protection', () => {
    it('explains an id that is not an id', async () => {
      const res = await adminAgent.get('/admin/data-protection?personId=amina').expect(422);
      expect(res.text).toContain('href="#personId">Enter the person’s ID');
    });

    it('is reached from the person’s case page and referral, for an admin only', async () => {
      const worker = await ctx.newUser('link_worker');
      const { caseId, personId } = await newCase(ctx, worker, { person: { givenName: 'Rahel' } });
      const link = `href="/admin/data-protection?personId=${personId}"`;
      expect((await adminAgent.get(`/cases/${caseId}`).expect(200)).text).toContain(link);
      const workerAgent = await signInAgent(ctx, worker);
      expect((await workerAgent.get(`/cases/${caseId}`).expect(200)).text).not.toContain(
        '/admin/data-protection',
      );
      const referrer = await ctx.newUser('referrer');
      const referral = await createReferral(ctx, referrer);
      const { rows } = await ctx.db.query('SELECT person_id FROM referral WHERE id = $1', [
        referral.id,
      ]);
      expect((await adminAgent.get(`/referrals/${referral.id}`).expect(200)).text).toContain(
        `href="/admin/data-protection?personId=${rows[0].person_id}"`,
      );
    });

    it('says when an ID is a record merged into another, or nobody, and offers neither download nor erasure', async () => {
      const worker = await ctx.newUser('link_worker');
      const a = await newCase(ctx, worker, { person: { givenName: 'Mulu' } });
      const b = await newCase(ctx, worker, { person: { givenName: 'Muluu' } });
      await ctx.http
        .post(`/api/people/${b.personId}/merge`)
        .set('Authorization', admin.auth)
        .send({ intoPersonId: a.personId })
        .expect(200);

      const merged = await adminAgent
        .get(`/admin/data-protection?personId=${b.personId}`)
        .expect(200);
      expect(merged.text).toContain('This record was merged into another');
      expect(merged.text).toContain(`href="/admin/data-protection?personId=${a.personId}"`);
      expect(merged.text).not.toContain('Download everything held');
      expect(merged.text).not.toContain('Erase identifying data');

      const nobody = await adminAgent
        .get('/admin/data-protection?personId=00000000-0000-4000-8000-00000000abcd')
        .expect(200);
      expect(nobody.text).toContain('No person is held with this ID');
      expect(nobody.text).not.toContain('Erase identifying data');

      const kept = await adminAgent
        .get(`/admin/data-protection?personId=${a.personId}`)
        .expect(200);
      expect(kept.text).toContain('Download everything held');
      expect(kept.text).toContain('Erase identifying data');
    });

    it('finds a person, downloads everything held (audited) and erases on confirmation only', async () => {
      const worker = await ctx.newUser('link_worker');
      const { personId } = await newCase(ctx, worker, { person: { givenName: 'Nadia' } });
      const found = await adminAgent.get(`/admin/data-protection?personId=${personId}`).expect(200);
      expect(found.text).toContain(`Person ${personId}`);

      const download = await adminAgent
        .get(`/admin/data-protection/${personId}/export`)
        .expect(200);
      expect(download.headers['content-disposition']).toContain('attachment');
      expect(
        (JSON.parse(download.text) as { person: { givenName: string } }).person.givenName,
      ).toBe('Nadia');
      const after = await adminAgent.get(`/admin/data-protection?personId=${personId}`).expect(200);
      expect(after.text).toMatch(/Export<\/td>\s*<td class="govuk-table__cell">Person/);

      const csrf = csrfOf(after.text);
      const unconfirmed = await adminAgent
        .post(`/admin/data-protection/${personId}/erase`)
        .type('form')
        .send({ _csrf: csrf })
        .expect(422);
      expect(unconfirmed.text).toContain('There is a problem');
      expect(unconfirmed.text).toContain(
        'href="#confirm">Tick the box to confirm the erasure first',
      );
      expect(unconfirmed.text).toContain(`Person ${personId}`);
      const kept = await storedPerson(ctx, personId);
      expect(kept.given_name).toBe('Nadia');

      await adminAgent
        .post(`/admin/data-protection/${personId}/erase`)
        .type('form')
        .send({ _csrf: csrf, confirm: 'yes' })
        .expect(303);
      const erased = await storedPerson(ctx, personId);
      expect(erased.given_name).not.toBe('Nadia');
    });

    it('says "page not found" for an export of a person who does not exist', async () => {
      await adminAgent
        .get('/admin/data-protection/6f1c1a5e-0000-4000-8000-000000000000/export')
        .expect(404);
    });
  });

  describe('/admin/incidents', () => {
    it('lists incidents across groups, newest first, with the group status and a link to act on it', async () => {
      const worker = await ctx.newUser('link_worker');
      const quiet = await newApprovedGroup(ctx, { level: 1, name: 'Tuesday Allotment' });
      const troubled = await newApprovedGroup(ctx, { level: 1, name: 'Riverside Kitchen' });
      const report = (groupId: string, type: string, occurredAt: string, description: string) =>
        ctx.http
          .post(`/api/groups/${groupId}/incidents`)
          .set('Authorization', worker.auth)
          .send({ type, description, occurredAt })
          .expect(201);
      await report(quiet.id, 'complaint', '2026-01-10T10:00:00Z', 'Started an hour late');
      await report(troubled.id, 'safeguarding_concern', '2026-02-03T18:30:00Z', 'Named Mr Secret');
      await ctx.http
        .post(`/api/groups/${troubled.id}/suspend`)
        .set('Authorization', admin.auth)
        .send({ reason: 'Under review' })
        .expect(200);

      const page = await adminAgent.get('/admin/incidents').expect(200);
      expect(page.text).toContain('href="/admin/incidents"');
      const rows = page.text.split('<tr class="govuk-table__row">').slice(2);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toContain('3 February 2026');
      expect(rows[0]).toContain('Riverside Kitchen');
      expect(rows[0]).toContain('Safeguarding concern');
      expect(rows[0]).toContain('Suspended');
      expect(rows[0]).toContain(`href="/admin/vetting/${troubled.id}#incidents"`);
      expect(rows[1]).toContain('10 January 2026');
      expect(rows[1]).toContain('Tuesday Allotment');
      expect(rows[1]).toContain('Complaint');
      expect(rows[1]).toContain('Approved');
      // Descriptions may name people: they are read on the group's own page, not in the list.
      expect(page.text).not.toContain('Mr Secret');

      const group = await adminAgent.get(`/admin/vetting/${troubled.id}`).expect(200);
      expect(group.text).toContain('id="incidents"');
      expect(group.text).toContain('Named Mr Secret');
      expect(group.text).toContain('Reinstate group');
    });

    it('is for admins only', async () => {
      const worker = await signInAgent(ctx, await ctx.newUser('link_worker'));
      await worker.get('/admin/incidents').expect(403);
      const coordinator = await signInAgent(ctx, await ctx.newUser('group_coordinator'));
      await coordinator.get('/admin/incidents').expect(403);
    });
  });
});
