import { createReferral, minimalReferralBody, referralBody } from './support/referrals-factory';
import { TestContext, type TestUser } from './support/test-app';

/**
 * Several social prescribing services on one Linkway: routing at intake, each service seeing only
 * its own referrals and cases, the team lead's view, re-routing and moving link workers.
 */
describe('Services', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let city: { id: string };
  let council: { id: string };
  let defaultServiceId: string;

  const as = (u: TestUser) => ({ Authorization: u.auth });
  const newService = async (body: Record<string, unknown>) => {
    const res = await ctx.http.post('/api/services').set(as(admin)).send(body);
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  const referralOf = async (id: string) =>
    (
      await ctx.db.query<{ service_id: string; person_service: string }>(
        `SELECT r.service_id, p.service_id AS person_service
           FROM referral r JOIN person p ON p.id = r.person_id WHERE r.id = $1`,
        [id],
      )
    ).rows[0];

  beforeAll(async () => {
    ctx = await TestContext.create({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    admin = await ctx.newUser('admin');
    city = await newService({ name: 'City PCN', odsCode: 'U12345' });
    council = await newService({
      name: 'Council connectors',
      localAuthorityCodes: ['E07000176'],
    });
    defaultServiceId = (
      await ctx.db.query<{ id: string }>('SELECT id FROM service WHERE is_default')
    ).rows[0].id;
    await ctx.db.query(
      `INSERT INTO postcode_area (postcode, local_authority_code, local_authority_name)
       VALUES ('NG26AA', 'E07000176', 'Rushcliffe'), ('NG71AA', 'E06000018', 'Nottingham')`,
    );
  });
  afterAll(() => ctx.close());

  describe('managing services', () => {
    it('lists the default service first, then the others by name', async () => {
      const res = await ctx.http.get('/api/services').set(as(await ctx.newUser('referrer')));
      expect(res.status).toBe(200);
      const names = (res.body.items as { name: string }[]).map((s) => s.name);
      expect(names[0]).toBe('Default');
      expect(names).toEqual(expect.arrayContaining(['City PCN', 'Council connectors']));
    });

    it('refuses a bad ODS code, a bad local authority code and unknown fields (422), changing nothing', async () => {
      const before = await ctx.count('service');
      for (const body of [
        { name: 'A', odsCode: 'x1' },
        { name: 'B', localAuthorityCodes: ['Nottingham'] },
        { name: 'C', colour: 'blue' },
        { odsCode: 'ABC12' },
      ]) {
        const res = await ctx.http.post('/api/services').set(as(admin)).send(body);
        expect(res.status).toBe(422);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      expect(await ctx.count('service')).toBe(before);
    });

    it('refuses a second service of the same name, ODS code or local authority (409)', async () => {
      for (const body of [
        { name: 'city pcn' },
        { name: 'Another', odsCode: 'U12345' },
        { name: 'Another', localAuthorityCodes: ['E07000176'] },
      ]) {
        const res = await ctx.http.post('/api/services').set(as(admin)).send(body);
        expect(res.status).toBe(409);
      }
    });

    it('is for admins to create', async () => {
      const lw = await ctx.newUser('link_worker');
      const res = await ctx.http.post('/api/services').set(as(lw)).send({ name: 'Mine' });
      expect(res.status).toBe(403);
    });
  });

  describe('organisations and users', () => {
    it('takes an ODS code and a service on an organisation; an unknown service is 422', async () => {
      const ok = await ctx.http
        .post('/api/organisations')
        .set(as(admin))
        .send({ name: 'Radford GP', kind: 'gp_practice', odsCode: 'c84001', serviceId: city.id });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ odsCode: 'C84001', serviceId: city.id });
      const unknown = await ctx.http.post('/api/organisations').set(as(admin)).send({
        name: 'Nowhere GP',
        kind: 'gp_practice',
        serviceId: '6f1c1a5e-0000-4000-8000-000000000000',
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'serviceId' })]);
      const badOds = await ctx.http
        .post('/api/organisations')
        .set(as(admin))
        .send({ name: 'Odd GP', kind: 'gp_practice', odsCode: 'TOO-LONG-1' });
      expect(badOds.status).toBe(422);
    });

    it('puts a link worker in the default service unless told, and refuses a service for other roles', async () => {
      const lw = await ctx.newUser('link_worker');
      expect(lw.serviceId).toBe(defaultServiceId);
      const res = await ctx.http.post('/api/users').set(as(admin)).send({
        email: 'wrong.role@test.example',
        name: 'Wrong Role',
        role: 'commissioner',
        password: 'a long enough password 1',
        serviceId: city.id,
      });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'serviceId' })]);
    });
  });

  describe('routing at intake', () => {
    it("sends a referral to its referrer's organisation's service", async () => {
      const org = await ctx.http
        .post('/api/organisations')
        .set(as(admin))
        .send({ name: 'Lenton GP', kind: 'gp_practice', serviceId: city.id });
      const referrer = await ctx.newUser('referrer', { organisationId: org.body.id });
      const { id } = await createReferral(ctx, referrer);
      expect(await referralOf(id)).toEqual({ service_id: city.id, person_service: city.id });
    });

    it('sends a referral from an organisation with no service to the default service', async () => {
      const { id } = await createReferral(ctx, await ctx.newUser('referrer'));
      expect((await referralOf(id)).service_id).toBe(defaultServiceId);
    });

    it("sends a link worker's own referral to their service", async () => {
      const lw = await ctx.newUser('link_worker', { serviceId: council.id });
      const { id } = await createReferral(ctx, lw);
      expect((await referralOf(id)).service_id).toBe(council.id);
    });

    it("routes a self-referral by the postcode's local authority, else to the default service", async () => {
      const send = (postcode: string) =>
        ctx.http.post('/api/self-referrals').send({
          ...minimalReferralBody('Selam'),
          channel: undefined,
          person: { givenName: 'Selam', postcode },
        });
      const rushcliffe = await send('NG2 6AA');
      expect(rushcliffe.status).toBe(201);
      expect((await referralOf(rushcliffe.body.id)).service_id).toBe(council.id);
      const nottingham = await send('NG7 1AA');
      expect((await referralOf(nottingham.body.id)).service_id).toBe(defaultServiceId);
    });

    it("routes a FHIR request by its performer's ODS code; an unknown code is 422", async () => {
      const referrer = await ctx.newUser('referrer');
      const request = (ods: string) => ({
        resourceType: 'ServiceRequest',
        status: 'active',
        intent: 'order',
        code: {
          coding: [{ system: 'http://snomed.info/sct', code: '871731000000106' }],
        },
        subject: { reference: '#patient' },
        performer: [
          { identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: ods } },
        ],
        supportingInfo: [{ reference: '#consent' }],
        contained: [
          { resourceType: 'Patient', id: 'patient', name: [{ given: ['Dawit'] }] },
          { resourceType: 'Consent', id: 'consent', status: 'active' },
        ],
      });
      const routed = await ctx.http
        .post('/fhir/ServiceRequest')
        .set(as(referrer))
        .set('Content-Type', 'application/fhir+json')
        .send(JSON.stringify(request('U12345')));
      expect(routed.status).toBe(201);
      expect((await referralOf(routed.body.id)).service_id).toBe(city.id);
      const before = await ctx.count('referral');
      const unknown = await ctx.http
        .post('/fhir/ServiceRequest')
        .set(as(referrer))
        .set('Content-Type', 'application/fhir+json')
        .send(JSON.stringify(request('Z99999')));
      expect(unknown.status).toBe(422);
      expect(unknown.body.resourceType).toBe('OperationOutcome');
      expect(await ctx.count('referral')).toBe(before);
    });

    it('lands in the inbox of a service with no link workers, for its team lead and admins', async () => {
      const empty = await newService({ name: 'New charity service', odsCode: 'EMPTY1' });
      const org = await ctx.http
        .post('/api/organisations')
        .set(as(admin))
        .send({ name: 'Food bank', kind: 'charity', serviceId: empty.id });
      const referrer = await ctx.newUser('referrer', { organisationId: org.body.id });
      const { id } = await createReferral(ctx, referrer);
      const lead = await ctx.newUser('team_lead', { serviceId: empty.id });
      const inbox = await ctx.http.get('/api/referrals').set(as(lead));
      expect(inbox.status).toBe(200);
      expect((inbox.body.items as { id: string }[]).map((r) => r.id)).toEqual([id]);
    });

    it('matches possible duplicates within a service only', async () => {
      const lwCity = await ctx.newUser('link_worker', { serviceId: city.id });
      const lwCouncil = await ctx.newUser('link_worker', { serviceId: council.id });
      const person = { givenName: 'Hana', familyName: 'Duplicate', nhsNumber: '9434765870' };
      await createReferral(ctx, lwCity, { person });
      const inCouncil = await ctx.http
        .post('/api/referrals')
        .set(as(lwCouncil))
        .send(referralBody({ person }));
      expect(inCouncil.status).toBe(201);
      const seen = await ctx.http.get(`/api/referrals/${inCouncil.body.id}`).set(as(lwCouncil));
      expect(seen.body.possibleDuplicates).toEqual([]);
      const again = await ctx.http
        .post('/api/referrals')
        .set(as(lwCity))
        .send(referralBody({ person }));
      const seenInCity = await ctx.http.get(`/api/referrals/${again.body.id}`).set(as(lwCity));
      expect(seenInCity.body.possibleDuplicates).toHaveLength(1);
    });
  });

  describe('visibility', () => {
    let lwA: TestUser;
    let lwB: TestUser;
    let leadA: TestUser;
    let leadB: TestUser;
    let referralA: string;
    let caseA: string;

    beforeAll(async () => {
      lwA = await ctx.newUser('link_worker', { serviceId: city.id });
      lwB = await ctx.newUser('link_worker', { serviceId: council.id });
      leadA = await ctx.newUser('team_lead', { serviceId: city.id });
      leadB = await ctx.newUser('team_lead', { serviceId: council.id });
      referralA = (await createReferral(ctx, lwA)).id;
      await ctx.http
        .post(`/api/referrals/${referralA}/assign`)
        .set(as(lwA))
        .send({ linkWorkerId: lwA.id });
      caseA = (await ctx.http.post(`/api/referrals/${referralA}/accept`).set(as(lwA)).send()).body
        .caseId;
      await ctx.http
        .put(`/api/cases/${caseA}/safeguarding`)
        .set(as(lwA))
        .send({ flags: ['trafficking_survivor'], note: 'Disclosed at first visit' });
      await ctx.http
        .put(`/api/cases/${caseA}/migration-profile`)
        .set(as(lwA))
        .send({ migrantStatus: 'asylum_seeker' });
    });

    it("hides another service's referral and case from a link worker and a team lead (404)", async () => {
      for (const u of [lwB, leadB]) {
        expect((await ctx.http.get(`/api/referrals/${referralA}`).set(as(u))).status).toBe(404);
        expect((await ctx.http.get(`/api/cases/${caseA}`).set(as(u))).status).toBe(404);
        const list = await ctx.http.get('/api/referrals').set(as(u));
        expect((list.body.items as { id: string }[]).map((r) => r.id)).not.toContain(referralA);
      }
      const decline = await ctx.http
        .post(`/api/referrals/${referralA}/decline`)
        .set(as(lwB))
        .send({ reason: 'not_appropriate' });
      expect(decline.status).toBe(404);
    });

    it('refuses to assign to a link worker of another service (422), changing nothing', async () => {
      const r = await createReferral(ctx, lwA);
      const res = await ctx.http
        .post(`/api/referrals/${r.id}/assign`)
        .set(as(leadA))
        .send({ linkWorkerId: lwB.id });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'linkWorkerId' })]);
      const row = await ctx.db.query(
        'SELECT status, assigned_link_worker_id FROM referral WHERE id = $1',
        [r.id],
      );
      expect(row.rows[0]).toEqual({ status: 'received', assigned_link_worker_id: null });
    });

    it('lets the team lead assign in its service and see every case of it', async () => {
      const r = await createReferral(ctx, lwA);
      const assigned = await ctx.http
        .post(`/api/referrals/${r.id}/assign`)
        .set(as(leadA))
        .send({ linkWorkerId: lwA.id });
      expect(assigned.status).toBe(200);
      const cases = await ctx.http.get('/api/cases').set(as(leadA));
      expect((cases.body.items as { id: string }[]).map((c) => c.id)).toContain(caseA);
      const otherLead = await ctx.http.get('/api/cases').set(as(leadB));
      expect((otherLead.body.items as { id: string }[]).map((c) => c.id)).not.toContain(caseA);
    });

    it('never shows the team lead immigration or safeguarding detail', async () => {
      const file = await ctx.http.get(`/api/cases/${caseA}`).set(as(leadA));
      expect(file.status).toBe(200);
      expect(file.body.safeguarding).toBeNull();
      expect(file.text).not.toContain('Disclosed at first visit');
      expect(file.text).not.toContain('trafficking_survivor');
      const profile = await ctx.http.get(`/api/cases/${caseA}/migration-profile`).set(as(leadA));
      expect(profile.status).toBe(403);
      expect(profile.text).not.toContain('asylum_seeker');
    });
  });

  describe('re-routing a referral', () => {
    it('moves a referral not yet accepted, with its person, ending its assignment; audited', async () => {
      const lwA = await ctx.newUser('link_worker', { serviceId: city.id });
      const lwB = await ctx.newUser('link_worker', { serviceId: council.id });
      const { id } = await createReferral(ctx, lwA);
      await ctx.http
        .post(`/api/referrals/${id}/assign`)
        .set(as(lwA))
        .send({ linkWorkerId: lwA.id });
      const res = await ctx.http
        .post(`/api/referrals/${id}/route`)
        .set(as(admin))
        .send({ serviceId: council.id, reason: 'Lives in Rushcliffe' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'received', assignedLinkWorkerId: null });
      expect(await referralOf(id)).toEqual({ service_id: council.id, person_service: council.id });
      expect((await ctx.http.get(`/api/referrals/${id}`).set(as(lwA))).status).toBe(404);
      expect((await ctx.http.get(`/api/referrals/${id}`).set(as(lwB))).status).toBe(200);
      const audit = await ctx.db.query(
        `SELECT detail FROM audit_event WHERE entity_id = $1 AND action = 'route'`,
        [id],
      );
      expect(audit.rows[0].detail).toMatchObject({
        fromServiceId: city.id,
        toServiceId: council.id,
        reason: 'Lives in Rushcliffe',
      });
    });

    it('refuses an accepted referral (409), an unknown service (422) and non-admins (403)', async () => {
      const lw = await ctx.newUser('link_worker', { serviceId: city.id });
      const { id } = await createReferral(ctx, lw);
      await ctx.http.post(`/api/referrals/${id}/assign`).set(as(lw)).send({ linkWorkerId: lw.id });
      await ctx.http.post(`/api/referrals/${id}/accept`).set(as(lw)).send();
      const accepted = await ctx.http
        .post(`/api/referrals/${id}/route`)
        .set(as(admin))
        .send({ serviceId: council.id, reason: 'x' });
      expect(accepted.status).toBe(409);
      const fresh = await createReferral(ctx, lw);
      const unknown = await ctx.http
        .post(`/api/referrals/${fresh.id}/route`)
        .set(as(admin))
        .send({ serviceId: '6f1c1a5e-0000-4000-8000-000000000000', reason: 'x' });
      expect(unknown.status).toBe(422);
      const byLw = await ctx.http
        .post(`/api/referrals/${fresh.id}/route`)
        .set(as(lw))
        .send({ serviceId: council.id, reason: 'x' });
      expect(byLw.status).toBe(403);
      expect((await referralOf(fresh.id)).service_id).toBe(city.id);
    });
  });

  describe('moving a link worker between services', () => {
    it('is refused while they hold open cases (409), and once free they lose sight at once', async () => {
      const lw = await ctx.newUser('link_worker', { serviceId: city.id });
      const { id } = await createReferral(ctx, lw);
      await ctx.http.post(`/api/referrals/${id}/assign`).set(as(lw)).send({ linkWorkerId: lw.id });
      const { caseId } = (await ctx.http.post(`/api/referrals/${id}/accept`).set(as(lw)).send())
        .body as { caseId: string };
      const refused = await ctx.http
        .patch(`/api/users/${lw.id}`)
        .set(as(admin))
        .send({ serviceId: council.id });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('open_cases_held');

      await ctx.http.post(`/api/cases/${caseId}/close`).set(as(lw)).send({ reason: 'other' });
      const moved = await ctx.http
        .patch(`/api/users/${lw.id}`)
        .set(as(admin))
        .send({ serviceId: council.id });
      expect(moved.status).toBe(200);
      expect(moved.body.serviceId).toBe(council.id);
      expect((await ctx.http.get(`/api/cases/${caseId}`).set(as(lw))).status).toBe(404);
      expect((await ctx.http.get(`/api/referrals/${id}`).set(as(lw))).status).toBe(404);
    });

    it('is refused while referrals wait assigned to them (409)', async () => {
      const lw = await ctx.newUser('link_worker', { serviceId: city.id });
      const { id } = await createReferral(ctx, lw);
      await ctx.http.post(`/api/referrals/${id}/assign`).set(as(lw)).send({ linkWorkerId: lw.id });
      const refused = await ctx.http
        .patch(`/api/users/${lw.id}`)
        .set(as(admin))
        .send({ serviceId: council.id });
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('assigned_referrals_held');
    });
  });
});
