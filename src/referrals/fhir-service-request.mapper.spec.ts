import { FhirInvalidError, mapServiceRequest } from './fhir-service-request.mapper';

const request = (extra: Record<string, unknown> = {}) => ({
  resourceType: 'ServiceRequest',
  status: 'active',
  code: { coding: [{ system: 'http://snomed.info/sct', code: '871731000000106' }] },
  subject: { reference: '#p' },
  supportingInfo: [{ reference: '#c' }],
  priority: 'asap',
  contained: [
    { resourceType: 'Patient', id: 'p', name: [{ given: ['Ana'] }] },
    { resourceType: 'Consent', id: 'c', status: 'active' },
  ],
  ...extra,
});

const issuesOf = (body: unknown) => {
  try {
    mapServiceRequest(body);
  } catch (e) {
    if (e instanceof FhirInvalidError) return e.issues;
    throw e;
  }
  return [];
};

describe('mapServiceRequest', () => {
  it('maps the minimum, defaulting the reason and noting it', () => {
    const { referral, notes } = mapServiceRequest(request());
    expect(referral).toMatchObject({
      person: { givenName: 'Ana' },
      reasons: ['social_connection'],
      urgency: 'urgent',
      consent: { referralDiscussed: true, shareWithProviders: false },
    });
    expect(notes).toHaveLength(1);
  });

  it('names every structural problem at once', () => {
    const issues = issuesOf(request({ code: undefined, supportingInfo: [], contained: [] }));
    expect(issues.map((i) => i.code)).toEqual(['required', 'required', 'required']);
  });

  it('refuses a status other than active', () => {
    expect(issuesOf(request({ status: 'revoked' }))[0].code).toBe('invalid');
  });
});
