import type { CaseProgress } from '../casework/case-lookup.service';
import {
  INTERPRETER_REQUIRED_URL,
  NEEDS_DOMAIN_SYSTEM,
  NHS_NUMBER_SYSTEM,
} from './fhir-service-request.mapper';
import { DECLINE_REASON_IN_WORDS, SNOMED } from './referral.types';
import type { StaffReferralView } from './referral.views';

export const REFERENCE_SYSTEM = 'https://linkway.example/referral-reference';
const BUSINESS_STATUS_SYSTEM = 'https://linkway.example/referral-business-status';

type TaskStatus = 'requested' | 'accepted' | 'rejected' | 'in-progress' | 'completed';

/** Where the referral has got to, as a FHIR Task status and a business status. */
export function taskStatusOf(
  r: Pick<StaffReferralView, 'status' | 'declineReason'>,
  progress: CaseProgress | undefined,
): { status: TaskStatus; business: { code: string; display: string; snomed?: boolean } } {
  if (r.status === 'declined')
    return {
      status: 'rejected',
      business: { ...SNOMED.socialPrescribingDeclined, snomed: true },
    };
  if (r.status === 'received')
    return { status: 'requested', business: { code: 'received', display: 'Referral received' } };
  if (r.status === 'assigned')
    return {
      status: 'requested',
      business: { code: 'allocated', display: 'Allocated to a link worker' },
    };
  if (progress?.status === 'closed')
    return { status: 'completed', business: { code: 'support_ended', display: 'Support ended' } };
  if (progress?.assessed)
    return {
      status: 'in-progress',
      business: { code: 'support_under_way', display: 'Support under way' },
    };
  return {
    status: 'accepted',
    business: { code: 'accepted', display: 'Accepted: a link worker is supporting the person' },
  };
}

/** The FHIR R4 Task that tracks a referral (the ServiceRequest it is based on). */
export function toTask(r: StaffReferralView, progress: CaseProgress | undefined) {
  const { status, business } = taskStatusOf(r, progress);
  return {
    resourceType: 'Task',
    id: r.id,
    identifier: [{ system: REFERENCE_SYSTEM, value: r.reference }],
    basedOn: [{ reference: `ServiceRequest/${r.id}` }],
    focus: { reference: `ServiceRequest/${r.id}` },
    status,
    businessStatus: {
      coding: [
        business.snomed
          ? { system: SNOMED.system, code: business.code, display: business.display }
          : { system: BUSINESS_STATUS_SYSTEM, code: business.code, display: business.display },
      ],
      text: business.display,
    },
    ...(r.status === 'declined' && r.declineReason
      ? { statusReason: { text: DECLINE_REASON_IN_WORDS[r.declineReason] } }
      : {}),
    intent: 'order',
    code: { coding: [{ system: SNOMED.system, ...SNOMED.referralToSocialPrescribing }] },
    authoredOn: r.receivedAt,
    lastModified: r.updatedAt,
    ...(progress?.closedAt
      ? { executionPeriod: { start: r.acceptedAt, end: progress.closedAt.toISOString() } }
      : r.acceptedAt
        ? { executionPeriod: { start: r.acceptedAt } }
        : {}),
  };
}

/** A Bundle of search results, as `GET /fhir/Task?based-on=` answers. */
export function searchSet(resources: object[], selfUrl: string) {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    link: [{ relation: 'self', url: selfUrl }],
    entry: resources.map((resource) => ({
      fullUrl: `Task/${(resource as { id: string }).id}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}

const PRIORITY = { routine: 'routine', soon: 'urgent', urgent: 'asap' } as const;

/** The referral as it was received, as a FHIR R4 ServiceRequest, with its status now. */
/**
 * The request as received, with its current status. Once it is another link worker's case, a link
 * worker of the service gets it without whom it is about (`showsPerson` false), as on every other
 * route.
 */
export function toServiceRequest(
  r: StaffReferralView,
  progress: CaseProgress | undefined,
  showsPerson = true,
) {
  const p = r.person;
  const telecom = [
    ...(p.phone ? [{ system: 'phone', value: p.phone }] : []),
    ...(p.email ? [{ system: 'email', value: p.email }] : []),
  ];
  const patient = !showsPerson
    ? { resourceType: 'Patient', id: 'patient' }
    : {
        resourceType: 'Patient',
        id: 'patient',
        ...(p.nhsNumber ? { identifier: [{ system: NHS_NUMBER_SYSTEM, value: p.nhsNumber }] } : {}),
        name: [{ given: [p.givenName], ...(p.familyName ? { family: p.familyName } : {}) }],
        ...(p.dateOfBirth ? { birthDate: p.dateOfBirth } : {}),
        ...(telecom.length ? { telecom } : {}),
        ...(p.postcode ? { address: [{ postalCode: p.postcode }] } : {}),
        ...(p.preferredLanguage
          ? {
              communication: [
                {
                  language: { coding: [{ system: 'urn:ietf:bcp:47', code: p.preferredLanguage }] },
                  preferred: true,
                },
              ],
            }
          : {}),
        ...(p.interpreterNeeded !== null && p.interpreterNeeded !== undefined
          ? { extension: [{ url: INTERPRETER_REQUIRED_URL, valueBoolean: p.interpreterNeeded }] }
          : {}),
      };
  const consent = {
    resourceType: 'Consent',
    id: 'consent',
    status: 'active',
    dateTime: r.consent.date,
    patient: { reference: '#patient' },
  };
  return {
    resourceType: 'ServiceRequest',
    id: r.id,
    contained: [patient, consent],
    identifier: [{ system: REFERENCE_SYSTEM, value: r.reference }],
    status:
      r.status === 'declined' ? 'revoked' : progress?.status === 'closed' ? 'completed' : 'active',
    intent: 'order',
    priority: PRIORITY[r.urgency],
    code: { coding: [{ system: SNOMED.system, ...SNOMED.referralToSocialPrescribing }] },
    subject: { reference: '#patient' },
    reasonCode: r.reasons.map((code) => ({ coding: [{ system: NEEDS_DOMAIN_SYSTEM, code }] })),
    supportingInfo: [{ reference: '#consent' }],
    authoredOn: r.receivedAt,
    ...(r.referrerName ? { requester: { display: r.referrerName } } : {}),
  };
}
