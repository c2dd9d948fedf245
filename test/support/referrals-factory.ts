import type { TestContext, TestUser } from './test-app';

type Body = Record<string, unknown>;

/** The contract's example referral body; pass overrides per test (person fields merge). */
export function referralBody(overrides: Body & { person?: Body; consent?: Body } = {}): Body {
  const { person, consent, ...rest } = overrides;
  return {
    channel: 'gp_practice',
    referrerName: 'Dr A Patel',
    referrerContact: '0115 000 0000',
    person: {
      givenName: 'Amina',
      familyName: 'Yusuf',
      dateOfBirth: '1990-04-02',
      postcode: 'NG7 1AA',
      phone: '07700 900123',
      email: null,
      preferredContact: 'phone',
      preferredLanguage: 'so',
      interpreterNeeded: true,
      gpRegistered: true,
      nhsNumber: '9434765919',
      ...person,
    },
    reasons: ['social_connection', 'mental_health'],
    summary: 'Isolated since moving to the area; low mood.',
    urgency: 'routine',
    consent: { referralDiscussed: true, date: '2026-01-20', shareWithProviders: true, ...consent },
    ...rest,
  };
}

/** The smallest valid referral: a given name, one reason, a channel and consent. */
export function minimalReferralBody(givenName = 'Sam'): Body {
  return {
    channel: 'charity',
    person: { givenName },
    reasons: ['social_connection'],
    consent: { referralDiscussed: true },
  };
}

let phoneSeq = 0;
/** A person unlike any other, so duplicate detection stays quiet unless a test wants it. */
export function uniquePerson(givenName = 'Person'): Body {
  phoneSeq += 1;
  return {
    givenName: `${givenName}${phoneSeq}`,
    familyName: `Unique${Date.now()}${phoneSeq}`,
    dateOfBirth: null,
    phone: `07700 ${String(100000 + Math.floor(Math.random() * 800000) + phoneSeq).slice(0, 6)}`,
    nhsNumber: null,
  };
}

export async function createReferral(
  ctx: TestContext,
  user: TestUser,
  overrides: Parameters<typeof referralBody>[0] = {},
): Promise<{ id: string; reference: string }> {
  const res = await ctx.http
    .post('/api/referrals')
    .set('Authorization', user.auth)
    .send(referralBody({ ...overrides, person: { ...uniquePerson(), ...overrides.person } }));
  if (res.status !== 201) throw new Error(`referral not created: ${res.status} ${res.text}`);
  return res.body as { id: string; reference: string };
}

export function assignReferral(
  ctx: TestContext,
  actor: TestUser,
  referralId: string,
  linkWorkerId: string,
) {
  return ctx.http
    .post(`/api/referrals/${referralId}/assign`)
    .set('Authorization', actor.auth)
    .send({ linkWorkerId });
}

/** A UK Core ServiceRequest for social prescribing with contained Patient and active Consent. */
export function fhirServiceRequest(overrides: Body = {}): Body {
  return {
    resourceType: 'ServiceRequest',
    status: 'active',
    intent: 'order',
    priority: 'routine',
    code: {
      coding: [
        {
          system: 'http://snomed.info/sct',
          code: '871731000000106',
          display: 'Referral to social prescribing service',
        },
      ],
    },
    subject: { reference: '#patient' },
    requester: { display: 'Dr B Okafor' },
    reasonCode: [
      { coding: [{ system: 'https://linkway.example/needs-domain', code: 'housing' }] },
      { coding: [{ system: 'https://linkway.example/needs-domain', code: 'language' }] },
    ],
    note: [{ text: 'Recently moved into the area; would like to meet people.' }],
    supportingInfo: [{ reference: '#consent' }],
    contained: [
      {
        resourceType: 'Patient',
        id: 'patient',
        identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }],
        name: [{ family: 'Haile', given: ['Selam'] }],
        birthDate: '1985-07-14',
        telecom: [{ system: 'phone', value: '07700 900456' }],
        address: [{ postalCode: 'NG7 2BB' }],
        communication: [
          {
            language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'ti' }] },
            extension: [
              {
                url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-InterpreterRequired',
                valueBoolean: true,
              },
            ],
          },
        ],
      },
      {
        resourceType: 'Consent',
        id: 'consent',
        status: 'active',
        dateTime: '2026-01-10',
        provision: { type: 'permit', action: [{ coding: [{ code: 'disclose' }] }] },
      },
    ],
    ...overrides,
  };
}
