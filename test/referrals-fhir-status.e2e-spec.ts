import { fhirServiceRequest, assignReferral } from './support/referrals-factory';
import { ServicesService } from '../src/services/services.service';
import { TestContext, type TestUser } from './support/test-app';

const FHIR = 'application/fhir+json';

/** GP systems follow their referral as FHIR: the ServiceRequest as received and its Task. */
describe('FHIR status of a referral', () => {
  let ctx: TestContext;
  let referrer: TestUser;
  let lw: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    referrer = await ctx.newUser('referrer');
    lw = await ctx.newUser('link_worker');
    admin = await ctx.newUser('admin');
  }, 60_000);
  afterAll(() => ctx.close());

  const get = (url: string, user: TestUser) =>
    ctx.http.get(url).set('Authorization', user.auth).set('Accept', FHIR);
  async function task(id: string, user: TestUser = referrer) {
    const res = await get(`/fhir/Task?based-on=ServiceRequest/${id}`, user).expect(200);
    expect(res.headers['content-type']).toContain(FHIR);
    expect(res.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    return res.body.entry[0].resource;
  }
  async function sent() {
    const res = await ctx.http
      .post('/fhir/ServiceRequest')
      .set('Authorization', referrer.auth)
      .set('Content-Type', FHIR)
      .send(JSON.stringify(fhirServiceRequest()))
      .expect(201);
    return res.body.id as string;
  }

  it('follows the referral from requested to accepted, in progress and completed', async () => {
    const id = await sent();
    expect(await task(id)).toMatchObject({
      resourceType: 'Task',
      status: 'requested',
      intent: 'order',
      basedOn: [{ reference: `ServiceRequest/${id}` }],
      code: { coding: [{ system: 'http://snomed.info/sct', code: '871731000000106' }] },
      businessStatus: { text: 'Referral received' },
    });
    await assignReferral(ctx, admin, id, lw.id).expect(200);
    expect((await task(id)).businessStatus.text).toBe('Allocated to a link worker');
    const { body } = await ctx.http
      .post(`/api/referrals/${id}/accept`)
      .set('Authorization', lw.auth)
      .expect(201);
    expect((await task(id)).status).toBe('accepted');
    await ctx.http
      .put(`/api/cases/${body.caseId}/needs`)
      .set('Authorization', lw.auth)
      .send({ needs: [{ domain: 'social_connection', severity: 2, priority: true }] })
      .expect(200);
    expect((await task(id, lw)).status).toBe('in-progress');
    await ctx.http
      .post(`/api/cases/${body.caseId}/close`)
      .set('Authorization', lw.auth)
      .send({ reason: 'goals_met' })
      .expect(200);
    const done = await task(id, admin);
    expect(done).toMatchObject({ status: 'completed', businessStatus: { text: 'Support ended' } });
    expect(done.executionPeriod.end).toEqual(expect.any(String));

    const request = await get(`/fhir/ServiceRequest/${id}`, referrer).expect(200);
    expect(request.body).toMatchObject({
      resourceType: 'ServiceRequest',
      id,
      status: 'completed',
      subject: { reference: '#patient' },
      code: { coding: [{ code: '871731000000106' }] },
    });
    const patient = request.body.contained.find(
      (c: { resourceType: string }) => c.resourceType === 'Patient',
    );
    const contained = fhirServiceRequest().contained as { resourceType: string }[];
    const original = contained.find((c) => c.resourceType === 'Patient') as unknown as {
      name: { given: string[] }[];
      birthDate: string;
    };
    expect(patient.name[0].given[0]).toBe(original.name[0].given[0]);
    expect(patient.birthDate).toBe(original.birthDate);
  });

  it('rejects with the SNOMED code for declined social prescribing and the reason in words', async () => {
    const id = await sent();
    await assignReferral(ctx, admin, id, lw.id).expect(200);
    await ctx.http
      .post(`/api/referrals/${id}/decline`)
      .set('Authorization', lw.auth)
      .send({ reason: 'person_declined' })
      .expect(200);
    expect(await task(id)).toMatchObject({
      status: 'rejected',
      businessStatus: { coding: [{ system: 'http://snomed.info/sct', code: '871711000000103' }] },
      statusReason: { text: 'The person decided not to take up social prescribing at this time.' },
    });
    expect((await get(`/fhir/ServiceRequest/${id}`, referrer).expect(200)).body.status).toBe(
      'revoked',
    );
  });

  it('shows nothing to another organisation or another service, and refuses other roles', async () => {
    const id = await sent();
    const otherReferrer = await ctx.newUser('referrer');
    const notFound = await get(`/fhir/Task?based-on=ServiceRequest/${id}`, otherReferrer).expect(
      404,
    );
    expect(notFound.headers['content-type']).toContain(FHIR);
    expect(notFound.body.resourceType).toBe('OperationOutcome');
    await get(`/fhir/ServiceRequest/${id}`, otherReferrer).expect(404);
    const elsewhere = await ctx.app.get(ServicesService).create({ name: 'Another team' }, admin.id);
    const lwElsewhere = await ctx.newUser('link_worker', { serviceId: elsewhere.id });
    await get(`/fhir/Task?based-on=ServiceRequest/${id}`, lwElsewhere).expect(404);
    await get(`/fhir/Task?based-on=ServiceRequest/${id}`, lw).expect(200);
    await get(`/fhir/ServiceRequest/${id}`, await ctx.newUser('group_coordinator')).expect(403);
    await get(`/fhir/Task?based-on=ServiceRequest/${id}`, await ctx.newUser('commissioner')).expect(
      403,
    );
    const bad = await get('/fhir/Task?based-on=Patient/123', referrer).expect(422);
    expect(bad.body.issue[0].expression).toEqual(['based-on']);
  });

  it("gives another link worker of the service the request without whom it is about, once it is a colleague's case", async () => {
    const id = await sent();
    await assignReferral(ctx, admin, id, lw.id).expect(200);
    const colleague = await ctx.newUser('link_worker');
    const inTriage = await get(`/fhir/ServiceRequest/${id}`, colleague).expect(200);
    const named = (res: { body: { contained: { resourceType: string; name?: unknown }[] } }) =>
      res.body.contained.find((c) => c.resourceType === 'Patient')?.name;
    expect(named(inTriage)).toBeDefined();
    await ctx.http.post(`/api/referrals/${id}/accept`).set('Authorization', lw.auth).expect(201);
    const accepted = await get(`/fhir/ServiceRequest/${id}`, colleague).expect(200);
    expect(named(accepted)).toBeUndefined();
    expect(accepted.text).not.toContain('nhs-number');
    expect(named(await get(`/fhir/ServiceRequest/${id}`, lw).expect(200))).toBeDefined();
    expect(named(await get(`/fhir/ServiceRequest/${id}`, referrer).expect(200))).toBeDefined();
  });
});
