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

  it.each([
    [
      'UK Core NHSCommunication (as NHS PDS sends it)',
      {
        url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSCommunication',
        extension: [
          {
            url: 'language',
            valueCodeableConcept: { coding: [{ system: 'urn:ietf:bcp:47', code: 'ti' }] },
          },
          { url: 'interpreterRequired', valueBoolean: true },
        ],
      },
    ],
    [
      'the FHIR R4 patient-interpreterRequired extension',
      {
        url: 'http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired',
        valueBoolean: true,
      },
    ],
  ])('reads the interpreter need from %s', (_, extension) => {
    const patient = {
      resourceType: 'Patient',
      id: 'p',
      name: [{ given: ['Ana'] }],
      extension: [extension],
    };
    const { referral } = mapServiceRequest(
      request({ contained: [patient, { resourceType: 'Consent', id: 'c', status: 'active' }] }),
    );
    expect(referral.person.interpreterNeeded).toBe(true);
  });

  it('takes the language from the UK Core communication extension when no communication is given', () => {
    const patient = {
      resourceType: 'Patient',
      id: 'p',
      name: [{ given: ['Ana'] }],
      extension: [
        {
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSCommunication',
          extension: [{ url: 'language', valueCodeableConcept: { coding: [{ code: 'ti' }] } }],
        },
      ],
    };
    const { referral } = mapServiceRequest(
      request({ contained: [patient, { resourceType: 'Consent', id: 'c', status: 'active' }] }),
    );
    expect(referral.person.preferredLanguage).toBe('ti');
    expect(referral.person.interpreterNeeded).toBeNull();
  });

  it('names every structural problem at once', () => {
    const issues = issuesOf(request({ code: undefined, supportingInfo: [], contained: [] }));
    expect(issues.map((i) => i.code)).toEqual(['required', 'required', 'required']);
  });

  it('refuses a status other than active', () => {
    expect(issuesOf(request({ status: 'revoked' }))[0].code).toBe('invalid');
  });

  it('refuses list entries that are not objects, naming each, instead of skipping them', () => {
    const issues = issuesOf(
      request({
        note: [null, { text: 'fine' }],
        contained: [
          { resourceType: 'Patient', id: 'p', name: [{ given: ['Ana'] }], telecom: [['07700']] },
          { resourceType: 'Consent', id: 'c', status: 'active' },
          'Consent',
        ],
      }),
    );
    expect(issues.filter((i) => i.code === 'structure').map((i) => i.expression)).toEqual(
      expect.arrayContaining([
        ['ServiceRequest.note[0]'],
        ['ServiceRequest.contained[2]'],
        ['ServiceRequest.contained[0].telecom[0]'],
      ]),
    );
  });
});
