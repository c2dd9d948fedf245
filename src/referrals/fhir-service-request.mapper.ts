import { NEEDS_DOMAINS, type NeedsDomain, type Urgency } from '../common/vocabulary';
import type { NewReferral } from './referrals.service';
import { SNOMED } from './referral.types';
import { ethnicityOfCoding, sexOfGender, UK_CORE_ETHNIC_CATEGORY_URL } from './fhir-equity';

/** One problem with a FHIR resource, as an OperationOutcome issue. */
export interface FhirIssue {
  severity: 'error';
  code: 'invalid' | 'required' | 'structure';
  diagnostics: string;
  expression?: string[];
}

export class FhirInvalidError extends Error {
  constructor(readonly issues: FhirIssue[]) {
    super(issues.map((i) => i.diagnostics).join('; '));
    this.name = 'FhirInvalidError';
  }
}

export const NEEDS_DOMAIN_SYSTEM = 'https://linkway.example/needs-domain';
export const INTERPRETER_REQUIRED_URL =
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-InterpreterRequired';
/** UK Core's communication extension (as NHS PDS sends it): sub-extensions language, interpreterRequired. */
export const UK_CORE_NHS_COMMUNICATION_URL =
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSCommunication';
/** The base FHIR R4 extension, for senders that are not UK Core. */
export const HL7_INTERPRETER_REQUIRED_URL =
  'http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired';
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
export const ODS_ORGANISATION_SYSTEM = 'https://fhir.nhs.uk/Id/ods-organization-code';
export const DEFAULT_REASON: NeedsDomain = 'social_connection';

/** FHIR priority → our urgency: routine stays routine, "urgent" is soon, asap and stat are urgent. */
const URGENCY_BY_PRIORITY: Record<string, Urgency> = {
  routine: 'routine',
  urgent: 'soon',
  asap: 'urgent',
  stat: 'urgent',
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const arrayOf = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

export interface MappedServiceRequest {
  referral: Omit<NewReferral, 'channel'>;
  /** The ODS code of the service the request is addressed to (`performer`), if it names one. */
  performerOdsCode?: string;
  /** Things the mapping assumed, returned to the sender as notes. */
  notes: string[];
}

/**
 * Maps a FHIR R4 / UK Core ServiceRequest for social prescribing, with its Patient and Consent
 * contained, to a referral. Checks only the structure; field values (NHS number, dates, language
 * codes, lengths) are then checked by the same rules as every other door.
 */
export function mapServiceRequest(resource: unknown): MappedServiceRequest {
  const issues: FhirIssue[] = [];
  const fail = (code: FhirIssue['code'], diagnostics: string, expression?: string) =>
    issues.push({
      severity: 'error',
      code,
      diagnostics,
      ...(expression ? { expression: [expression] } : {}),
    });

  if (!isObject(resource) || resource.resourceType !== 'ServiceRequest') {
    throw new FhirInvalidError([
      {
        severity: 'error',
        code: 'invalid',
        diagnostics: 'The body must be a FHIR ServiceRequest resource',
      },
    ]);
  }
  issues.push(...misshapenLists(resource));
  if (resource.status !== undefined && resource.status !== 'active') {
    fail('invalid', 'ServiceRequest.status must be active', 'ServiceRequest.status');
  }

  const codings = arrayOf(isObject(resource.code) ? resource.code.coding : undefined);
  if (codings.length === 0) {
    fail(
      'required',
      'ServiceRequest.code is required (SNOMED CT 871731000000106)',
      'ServiceRequest.code',
    );
  } else if (
    !codings.some(
      (c) => c.system === SNOMED.system && c.code === SNOMED.referralToSocialPrescribing.code,
    )
  ) {
    fail(
      'invalid',
      'ServiceRequest.code must be SNOMED CT 871731000000106 (referral to social prescribing service)',
      'ServiceRequest.code',
    );
  }

  const contained = arrayOf(resource.contained);
  const patient = findContained(contained, 'Patient', resource.subject);
  const given = patient
    ? arrayOf(patient.name)
        .flatMap((n) => (Array.isArray(n.given) ? n.given : []))
        .map(text)
        .find((g) => g !== undefined)
    : undefined;
  if (!patient) {
    fail(
      'required',
      'A contained Patient is required (referenced from subject)',
      'ServiceRequest.contained',
    );
  } else if (!given) {
    fail('required', 'Patient.name.given is required', 'Patient.name.given');
  }

  const consentRefs = arrayOf(resource.supportingInfo)
    .map((s) => text(s.reference))
    .filter((ref): ref is string => ref?.startsWith('#') ?? false)
    .map((ref) => ref.slice(1));
  const consent = contained.find(
    (c) => c.resourceType === 'Consent' && typeof c.id === 'string' && consentRefs.includes(c.id),
  );
  if (!consent) {
    fail(
      'required',
      'A contained Consent referenced from supportingInfo is required: the person must agree to the referral',
      'ServiceRequest.supportingInfo',
    );
  } else if (consent.status !== 'active') {
    fail('invalid', 'The Consent must have status active', 'Consent.status');
  }

  const { reasons, unknown } = reasonsOf(resource);
  for (const code of unknown) {
    fail('invalid', `Unknown needs-domain code "${code}"`, 'ServiceRequest.reasonCode');
  }
  if (issues.length > 0 || !patient || !given || !consent) throw new FhirInvalidError(issues);

  const notes: string[] = [];
  if (reasons.length === 0) {
    notes.push(
      `No reasonCode from ${NEEDS_DOMAIN_SYSTEM} was given; the referral was recorded as ${DEFAULT_REASON}.`,
    );
  }
  const priority = text(resource.priority);
  const summary = arrayOf(resource.note)
    .map((n) => text(n.text))
    .filter((t): t is string => t !== undefined)
    .join('\n\n');
  const requester = isObject(resource.requester) ? text(resource.requester.display) : undefined;
  const performerOdsCode = arrayOf(resource.performer)
    .map((p) => (isObject(p.identifier) ? p.identifier : undefined))
    .find((id) => id?.system === ODS_ORGANISATION_SYSTEM && text(id.value));

  return {
    ...(performerOdsCode ? { performerOdsCode: text(performerOdsCode.value)!.toUpperCase() } : {}),
    referral: {
      referrerName: requester ?? null,
      person: personOf(patient, given),
      reasons: reasons.length > 0 ? reasons : [DEFAULT_REASON],
      summary: summary || null,
      urgency: (priority && URGENCY_BY_PRIORITY[priority]) || 'routine',
      consent: {
        referralDiscussed: true,
        date: consentDate(consent),
        shareWithProviders: permitsDisclosure(consent),
      },
    },
    notes,
  };
}

/** The FHIR lists the mapping reads whose every entry must be an object (a resource or a datatype). */
const OBJECT_LISTS = new Set([
  'contained',
  'coding',
  'supportingInfo',
  'reasonCode',
  'note',
  'name',
  'telecom',
  'address',
  'identifier',
  'communication',
  'extension',
  'provision',
  'action',
]);

/**
 * Entries of those lists that are not objects (a null, a string, a nested array), anywhere in the
 * resource, each named by its FHIRPath-like location: they are refused, not skipped, so a sender
 * learns that part of what it sent was not understood.
 */
function misshapenLists(resource: Json): FhirIssue[] {
  const issues: FhirIssue[] = [];
  const pending: [unknown, string][] = [[resource, 'ServiceRequest']];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (Array.isArray(value)) {
      value.forEach((v, i) => pending.push([v, `${path}[${i}]`]));
    } else if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        const at = `${path}.${key}`;
        if (OBJECT_LISTS.has(key) && Array.isArray(child)) {
          child.forEach((entry, i) => {
            if (!isObject(entry)) {
              issues.push({
                severity: 'error',
                code: 'structure',
                diagnostics: `${at}[${i}] must be an object`,
                expression: [`${at}[${i}]`],
              });
            }
          });
        }
        pending.push([child, at]);
      }
    }
  }
  return issues;
}

/** The contained resource the reference points to (#id), else the only one of that type. */
function findContained(contained: Json[], type: string, reference: unknown): Json | undefined {
  const ref = isObject(reference) ? text(reference.reference) : undefined;
  const ofType = contained.filter((c) => c.resourceType === type);
  if (ref?.startsWith('#')) return ofType.find((c) => c.id === ref.slice(1));
  return ofType.length === 1 ? ofType[0] : undefined;
}

function reasonsOf(resource: Json): { reasons: NeedsDomain[]; unknown: string[] } {
  const reasons: NeedsDomain[] = [];
  const unknown: string[] = [];
  for (const concept of arrayOf(resource.reasonCode)) {
    for (const c of arrayOf(concept.coding)) {
      if (c.system !== NEEDS_DOMAIN_SYSTEM) continue;
      const code = String(c.code);
      if ((NEEDS_DOMAINS as readonly string[]).includes(code)) {
        if (!reasons.includes(code as NeedsDomain)) reasons.push(code as NeedsDomain);
      } else unknown.push(code);
    }
  }
  return { reasons, unknown };
}

function personOf(patient: Json, givenName: string): NewReferral['person'] {
  const name = arrayOf(patient.name)[0] ?? {};
  const telecom = arrayOf(patient.telecom);
  const contactOf = (system: string) => text(telecom.find((t) => t.system === system)?.value);
  const communication = arrayOf(patient.communication);
  const extensions = [
    ...arrayOf(patient.extension),
    ...communication.flatMap((c) => arrayOf(c.extension)),
  ];
  const nhsCommunication = extensions
    .filter((e) => e.url === UK_CORE_NHS_COMMUNICATION_URL)
    .flatMap((e) => arrayOf(e.extension));
  const language = [
    ...communication.map((c) => c.language),
    ...nhsCommunication.filter((e) => e.url === 'language').map((e) => e.valueCodeableConcept),
  ]
    .flatMap((concept) => arrayOf(isObject(concept) ? concept.coding : undefined))
    .map((c) => text(c.code))
    .find((c) => c !== undefined);
  const interpreter = [
    ...extensions.filter(
      (e) => e.url === INTERPRETER_REQUIRED_URL || e.url === HL7_INTERPRETER_REQUIRED_URL,
    ),
    ...nhsCommunication.filter((e) => e.url === 'interpreterRequired'),
  ].find((e) => typeof e.valueBoolean === 'boolean');
  const nhsNumber = text(
    arrayOf(patient.identifier).find((i) => i.system === NHS_NUMBER_SYSTEM)?.value,
  );
  const phone = contactOf('phone') ?? contactOf('sms');
  const ethnicity = arrayOf(patient.extension)
    .filter((e) => e.url === UK_CORE_ETHNIC_CATEGORY_URL && isObject(e.valueCodeableConcept))
    .flatMap((e) => arrayOf((e.valueCodeableConcept as Json).coding))
    .map((c) => ethnicityOfCoding(c.system, c.code))
    .find((e) => e !== null);
  return {
    givenName,
    familyName: text(name.family) ?? null,
    dateOfBirth: text(patient.birthDate) ?? null,
    sex: sexOfGender(patient.gender),
    ethnicity: ethnicity ?? null,
    postcode: text(arrayOf(patient.address)[0]?.postalCode) ?? null,
    phone: phone ?? null,
    email: contactOf('email') ?? null,
    preferredLanguage: language?.toLowerCase().split('-')[0] ?? null,
    interpreterNeeded: interpreter ? (interpreter.valueBoolean as boolean) : null,
    // UK Core says only that an interpreter is needed, for the communication language: that is
    // the interpreter's language. Dialect, gender and mode have no place in it.
    ...(interpreter?.valueBoolean === true && language
      ? { interpreter: { language: language.toLowerCase().split('-')[0] } }
      : {}),
    nhsNumber: nhsNumber ?? null,
  };
}

function consentDate(consent: Json): string | undefined {
  const at = text(consent.dateTime);
  return at && /^\d{4}-\d{2}-\d{2}/.test(at) ? at.slice(0, 10) : undefined;
}

/**
 * Sharing with community groups is agreed when the Consent's provision permits disclosure
 * (a provision of type permit whose action includes "disclose"); otherwise it is not assumed.
 */
function permitsDisclosure(consent: Json): boolean {
  const permits = (p: unknown): boolean => {
    if (!isObject(p)) return false;
    const discloses = arrayOf(p.action)
      .flatMap((a) => arrayOf(a.coding))
      .some((c) => c.code === 'disclose');
    return (p.type === 'permit' && discloses) || arrayOf(p.provision).some(permits);
  };
  return permits(consent.provision);
}
