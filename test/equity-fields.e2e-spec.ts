import request from 'supertest';
import { newCase } from './support/casework-factory';
import { csrfOf, signInAgent } from './support/page-session';
import { fhirServiceRequest, referralBody } from './support/referrals-factory';
import { TestContext, type TestUser } from './support/test-app';

/** Sex, ethnic group and religion at every door: recorded when given, never required. */
describe('Equity fields at every door', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let linkWorker: TestUser;

  const personOfReferral = async (referralId: string) =>
    (
      await ctx.db.query(
        `SELECT p.sex, p.ethnicity, p.religion FROM referral r JOIN person p ON p.id = r.person_id
          WHERE r.id::text = $1 OR r.reference = $1`,
        [referralId],
      )
    ).rows[0] as { sex: string | null; ethnicity: string | null; religion: string | null };

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser('admin');
    linkWorker = await ctx.newUser('link_worker');
  });
  afterAll(() => ctx.close());

  it('API: records the codes given, takes a referral without them, and refuses an unknown code', async () => {
    const given = await ctx.http
      .post('/api/referrals')
      .set('Authorization', linkWorker.auth)
      .send(
        referralBody({ person: { sex: 'female', ethnicity: 'black_african', religion: 'muslim' } }),
      )
      .expect(201);
    expect(await personOfReferral(given.body.id)).toEqual({
      sex: 'female',
      ethnicity: 'black_african',
      religion: 'muslim',
    });
    const without = await ctx.http
      .post('/api/referrals')
      .set('Authorization', linkWorker.auth)
      .send(referralBody({ person: { givenName: 'Ana', nhsNumber: null } }))
      .expect(201);
    expect(await personOfReferral(without.body.id)).toEqual({
      sex: null,
      ethnicity: null,
      religion: null,
    });
    const before = await ctx.snapshot();
    const wrong = await ctx.http
      .post('/api/referrals')
      .set('Authorization', linkWorker.auth)
      .send(referralBody({ person: { ethnicity: 'white', sex: 'other' } }))
      .expect(422);
    expect(wrong.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'person.ethnicity',
      'person.sex',
    ]);
    expect(await ctx.snapshot()).toEqual(before);
  });

  it('staff referral page: optional equality questions, stored as codes', async () => {
    const agent = await signInAgent(ctx, linkWorker);
    const form = await agent.get('/referrals/new').expect(200);
    expect(form.text).toContain('Equality monitoring (optional)');
    expect(form.text).toContain('value="prefer_not_to_say"');
    const send = (fields: Record<string, string>) =>
      agent
        .post('/referrals/new')
        .type('form')
        .send({
          _csrf: csrfOf(form.text),
          channel: 'gp_practice',
          'person.givenName': 'Dawit',
          reasons: 'food',
          'consent.referralDiscussed': 'true',
          ...fields,
        });
    const sent = await send({
      'person.sex': 'male',
      'person.ethnicity': 'other_arab',
      'person.religion': 'prefer_not_to_say',
    }).expect(303);
    const id = /\/referrals\/([0-9a-f-]{36})/.exec(sent.headers.location)?.[1] as string;
    expect(await personOfReferral(id)).toEqual({
      sex: 'male',
      ethnicity: 'other_arab',
      religion: 'prefer_not_to_say',
    });
    const bad = await send({ 'person.ethnicity': 'martian' }).expect(422);
    expect(bad.text).toContain('Choose one of the answers listed, or leave it blank');
    expect(bad.text).not.toContain('must be one of');
  });

  it('self-referral: the optional questions after Check your answers, skipped or answered', async () => {
    const agent = request.agent(ctx.app.getHttpServer());
    await agent.get('/self-referral?lang=en').expect(200);
    const answer = async (step: string, fields: Record<string, unknown>, status = 303) => {
      const page = await agent.get(`/self-referral/${step}`).expect(200);
      return agent
        .post(`/self-referral/${step}`)
        .type('form')
        .send({ _csrf: csrfOf(page.text), ...fields })
        .expect(status);
    };
    await answer('name', { 'person.givenName': 'Hawa' });
    await answer('help', { reasons: 'social_connection' });
    await answer('consent', { 'consent.referralDiscussed': 'true' });
    const check = await agent.get('/self-referral/check').expect(200);
    expect(check.text).toContain('Optional questions about you');
    expect(check.text).toContain('href="/self-referral/sex"');

    const sex = await agent.get('/self-referral/sex').expect(200);
    expect(sex.text).toContain('What is your sex?');
    expect(sex.text).toContain('Optional question 1 of 3');
    expect(sex.text).toContain('Prefer not to say');
    expect((await answer('sex', { 'person.sex': 'prefer_not_to_say' })).headers.location).toBe(
      '/self-referral/ethnicity',
    );
    const ethnicity = await agent.get('/self-referral/ethnicity').expect(200);
    expect(ethnicity.text).toContain('Black, Black British, Black Welsh, Caribbean or African');
    expect(ethnicity.text).toContain('value="white_roma"');
    const refused = await answer('ethnicity', { 'person.ethnicity': 'martian' }, 422);
    expect(refused.text).toContain('href="#person-ethnicity"');
    expect(refused.text).toContain('Choose one of the answers, or leave the question blank');
    // Continuing with nothing chosen is fine: never required.
    expect((await answer('ethnicity', {})).headers.location).toBe('/self-referral/religion');
    expect((await answer('religion', { 'person.religion': 'sikh' })).headers.location).toBe(
      '/self-referral/check',
    );
    const checked = await agent.get('/self-referral/check').expect(200);
    expect(checked.text).toContain('Sikh');
    const sent = await agent
      .post('/self-referral/check')
      .type('form')
      .send({ _csrf: csrfOf(checked.text), website: '' })
      .expect(303);
    expect(sent.headers.location).toBe('/self-referral/sent');
    const confirmation = await agent.get('/self-referral/sent').expect(200);
    const reference = /LW-\d{4}-\d{6}/.exec(confirmation.text)?.[0] as string;
    expect(await personOfReferral(reference)).toEqual({
      sex: 'prefer_not_to_say',
      ethnicity: null,
      religion: 'sikh',
    });
  });

  it('self-referral pages ask in the person’s language', async () => {
    const agent = request.agent(ctx.app.getHttpServer());
    const page = await agent.get('/self-referral/religion?lang=ar').expect(200);
    expect(page.text).toContain('<html lang="ar" dir="rtl"');
    expect(page.text).toContain('ما دينك؟');
  });

  it('FHIR: Patient.gender and the UK Core ethnic category extension', async () => {
    const withEquity = (gender: string, system: string, code: string) => {
      const body = fhirServiceRequest();
      body.contained = (body.contained as Record<string, unknown>[]).map((c) =>
        c.resourceType === 'Patient'
          ? {
              ...c,
              gender,
              extension: [
                {
                  url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory',
                  valueCodeableConcept: { coding: [{ system, code }] },
                },
              ],
            }
          : c,
      );
      return ctx.http
        .post('/fhir/ServiceRequest')
        .set('Authorization', linkWorker.auth)
        .set('Content-Type', 'application/fhir+json')
        .send(JSON.stringify(body))
        .expect(201);
    };
    const england = await withEquity(
      'female',
      'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland',
      'N',
    );
    expect(await personOfReferral(england.body.id)).toMatchObject({
      sex: 'female',
      ethnicity: 'black_african',
    });
    const wales = await withEquity(
      'unknown',
      'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryWales',
      'T',
    );
    expect(await personOfReferral(wales.body.id)).toMatchObject({
      sex: null,
      ethnicity: 'other_arab',
    });
    // Without either, the request is taken as before.
    const plain = await ctx.http
      .post('/fhir/ServiceRequest')
      .set('Authorization', linkWorker.auth)
      .set('Content-Type', 'application/fhir+json')
      .send(JSON.stringify(fhirServiceRequest()))
      .expect(201);
    expect(await personOfReferral(plain.body.id)).toEqual({
      sex: null,
      ethnicity: null,
      religion: null,
    });
  });

  it('case page: the link worker corrects them; others may not', async () => {
    const { caseId, personId } = await newCase(ctx, linkWorker);
    const put = (user: TestUser, body: Record<string, unknown>) =>
      ctx.http.put(`/api/cases/${caseId}/equity`).set('Authorization', user.auth).send(body);
    expect((await put(linkWorker, { sex: 'female', ethnicity: 'white_roma' })).body).toEqual({
      sex: 'female',
      ethnicity: 'white_roma',
      religion: null,
    });
    expect((await put(admin, { sex: 'male' })).status).toBe(403);
    expect((await put(await ctx.newUser('link_worker'), { sex: 'male' })).status).toBe(404);
    expect((await put(linkWorker, { religion: 'pagan' })).status).toBe(422);

    const agent = await signInAgent(ctx, linkWorker);
    const casePage = await agent.get(`/cases/${caseId}`).expect(200);
    expect(casePage.text).toContain('White: Roma');
    expect(casePage.text).toContain(`href="/cases/${caseId}/equity"`);
    // Words recorded before sex was coded are shown, and kept unless an answer is chosen.
    await ctx.db.query(`UPDATE person SET sex = 'non-binary' WHERE id = $1`, [personId]);
    const form = await agent.get(`/cases/${caseId}/equity`).expect(200);
    expect(form.text).toContain('“non-binary”');
    await agent
      .post(`/cases/${caseId}/equity`)
      .type('form')
      .send({ _csrf: csrfOf(form.text), ethnicity: '', religion: 'christian' })
      .expect(303);
    const { rows } = await ctx.db.query(
      'SELECT sex, ethnicity, religion FROM person WHERE id = $1',
      [personId],
    );
    expect(rows[0]).toEqual({ sex: 'non-binary', ethnicity: null, religion: 'christian' });
    const { rows: audit } = await ctx.db.query(
      `SELECT detail FROM audit_event WHERE action = 'update_equity_details' AND subject_id = $1`,
      [personId],
    );
    expect(audit.length).toBe(2);
    expect(JSON.stringify(audit)).not.toContain('christian');
  });
});
