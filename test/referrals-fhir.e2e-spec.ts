import { fhirServiceRequest } from './support/referrals-factory';
import { TestContext, type TestUser } from './support/test-app';

const FHIR = 'application/fhir+json';

describe('FHIR ServiceRequest intake (contract: "Referrals")', () => {
  let ctx: TestContext;
  let referrer: TestUser;
  let linkWorker: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    referrer = await ctx.newUser('referrer');
    linkWorker = await ctx.newUser('link_worker');
  });
  afterAll(() => ctx.close());

  const send = (body: unknown, user: TestUser = referrer) =>
    ctx.http
      .post('/fhir/ServiceRequest')
      .set('Authorization', user.auth)
      .set('Content-Type', FHIR)
      .send(JSON.stringify(body));

  it('maps a UK Core ServiceRequest to a referral: 201, Location and the referral id', async () => {
    const res = await send(fhirServiceRequest()).expect(201);
    expect(res.headers['content-type']).toContain(FHIR);
    const id = res.body.id as string;
    expect(res.body.resourceType).toBe('ServiceRequest');
    expect(res.headers.location).toBe(`/api/referrals/${id}`);

    const referral = await ctx.http
      .get(`/api/referrals/${id}`)
      .set('Authorization', linkWorker.auth)
      .expect(200);
    expect(referral.body).toMatchObject({
      status: 'received',
      channel: 'gp_practice',
      referrerName: 'Dr B Okafor',
      reasons: ['housing', 'language'],
      summary: 'Recently moved into the area; would like to meet people.',
      urgency: 'routine',
      person: {
        givenName: 'Selam',
        familyName: 'Haile',
        dateOfBirth: '1985-07-14',
        postcode: 'NG7 2BB',
        phone: '07700 900456',
        preferredLanguage: 'ti',
        interpreterNeeded: true,
        nhsNumber: '9434765919',
      },
      consent: { referralDiscussed: true, date: '2026-01-10', shareWithProviders: true },
    });
    const own = await ctx.http
      .get(`/api/referrals/${id}`)
      .set('Authorization', referrer.auth)
      .expect(200);
    expect(own.body.status).toBe('received');
  });

  it('records social_connection, and says so, when no needs-domain reason is coded', async () => {
    const res = await send(fhirServiceRequest({ reasonCode: undefined })).expect(201);
    expect(JSON.stringify(res.body.note)).toContain('social_connection');
    const referral = await ctx.http
      .get(`/api/referrals/${res.body.id}`)
      .set('Authorization', linkWorker.auth);
    expect(referral.body.reasons).toEqual(['social_connection']);
  });

  const withoutConsent = () => {
    const sr = fhirServiceRequest();
    return {
      ...sr,
      contained: (sr.contained as { resourceType: string }[]).filter(
        (c) => c.resourceType !== 'Consent',
      ),
    };
  };
  const inactiveConsent = () => {
    const sr = fhirServiceRequest();
    const contained = (sr.contained as Record<string, unknown>[]).map((c) =>
      c.resourceType === 'Consent' ? { ...c, status: 'rejected' } : c,
    );
    return { ...sr, contained };
  };
  const withoutGivenName = () => {
    const sr = fhirServiceRequest();
    const contained = (sr.contained as Record<string, unknown>[]).map((c) =>
      c.resourceType === 'Patient' ? { ...c, name: [{ family: 'Haile' }] } : c,
    );
    return { ...sr, contained };
  };
  const withNhsNumber = (value: string) => {
    const sr = fhirServiceRequest();
    const contained = (sr.contained as Record<string, unknown>[]).map((c) =>
      c.resourceType === 'Patient'
        ? { ...c, identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value }] }
        : c,
    );
    return { ...sr, contained };
  };

  it.each([
    ['no Consent', withoutConsent()],
    ['a Consent that is not active', inactiveConsent()],
    ['a Consent not referenced from supportingInfo', fhirServiceRequest({ supportingInfo: [] })],
    ['no patient given name', withoutGivenName()],
    [
      'another SNOMED code',
      fhirServiceRequest({
        code: { coding: [{ system: 'http://snomed.info/sct', code: '183524004' }] },
      }),
    ],
    ['no code', fhirServiceRequest({ code: undefined })],
    [
      'an unknown needs-domain code',
      fhirServiceRequest({
        reasonCode: [
          { coding: [{ system: 'https://linkway.example/needs-domain', code: 'lonely' }] },
        ],
      }),
    ],
    ['an NHS number failing modulus 11', withNhsNumber('9434765918')],
    ['another resource type', { resourceType: 'Patient', name: [{ given: ['A'] }] }],
  ])('refuses %s with 422 and an OperationOutcome, creating nothing', async (_what, body) => {
    const before = await ctx.snapshot();
    const res = await send(body).expect(422);
    expect(res.headers['content-type']).toContain(FHIR);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue.length).toBeGreaterThan(0);
    for (const issue of res.body.issue) {
      expect(issue).toMatchObject({
        severity: 'error',
        code: expect.stringMatching(/^(invalid|required)$/),
      });
      expect(typeof issue.diagnostics).toBe('string');
    }
    expect(await ctx.snapshot()).toEqual(before);
  });

  it('answers without credentials or with the wrong role as an OperationOutcome too', async () => {
    const unauth = await ctx.http
      .post('/fhir/ServiceRequest')
      .set('Content-Type', FHIR)
      .send(JSON.stringify(fhirServiceRequest()))
      .expect(401);
    expect(unauth.body.resourceType).toBe('OperationOutcome');
    const commissioner = await ctx.newUser('commissioner');
    const forbidden = await send(fhirServiceRequest(), commissioner).expect(403);
    expect(forbidden.body.resourceType).toBe('OperationOutcome');
  });

  it('honours Idempotency-Key', async () => {
    const body = fhirServiceRequest();
    const first = await send(body).set('Idempotency-Key', 'fhir-1').expect(201);
    const before = await ctx.snapshot();
    const again = await send(body).set('Idempotency-Key', 'fhir-1').expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await ctx.snapshot()).toEqual(before);
  });
});
