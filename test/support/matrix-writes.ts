import type { Role } from '../../src/common/vocabulary';
import { addDays } from '../../src/casework/casework-dates';
import { ukDate } from '../../src/common/uk-date';

/**
 * The write rules: what each role gets when it changes a record that is its own, another's, or
 * closed. Written by hand from DESIGN.md and CONTRACT.md, not read from the code.
 *
 * - `ok`: the change is made;
 * - `forbidden`: 403, nothing changes (the role may see the record but not do this);
 * - `hidden`: 404, nothing changes (the role is told the record does not exist);
 * - `conflict`: the record's state does not allow it (409 on the API, the form again on a page),
 *   nothing changes.
 * A role not named gets `forbidden` whatever the record. `'a/b/c'` gives own/another's/closed.
 */
export type Outcome = 'ok' | 'forbidden' | 'hidden' | 'conflict';
export type Ownership = 'own' | 'another' | 'closed';
export const OWNERSHIPS: Ownership[] = ['own', 'another', 'closed'];

/**
 * What a record is, for each kind, to a caller:
 * - case, crisis, person: own = the caller's case (a link worker's; others act on that one);
 *   another = another link worker's; closed = a closed case (crisis: a resolved crisis point;
 *   person: one already erased);
 * - referral: own = assigned to the caller (a referrer: sent by its organisation); another =
 *   assigned to another link worker, from another organisation; closed = declined;
 * - placement: own = at the caller's group (a link worker: of its case); another = another
 *   group's, another link worker's; closed = ended;
 * - group: own = of the caller's organisation (admins: any); another = another organisation's;
 *   closed = removed;
 * - notification: own = addressed to the caller; another = to someone else; closed = read.
 * - contact: on the caller's case (as case); closed = on a closed case;
 * - appointment: booked and started, on the caller's case; another = another link worker's;
 *   closed = its outcome already recorded;
 * - task: open, on the caller's case and theirs; another = another link worker's; closed = done.
 * - textableCase: a case whose person has a UK mobile number, as `case` (with ownState `agreed`,
 *   the person has agreed to texts, before the case was closed).
 * - listingChange: own = a change sent by the acting coordinator for its organisation's group,
 *   waiting for an admin; another = one for another organisation's group; closed = one already
 *   answered (rejected).
 * - outboxMessage (admin's records): own and another = two permanently failed messages; closed =
 *   one that was sent.
 * - organisation: own = the caller's (admins and roles with none: a new one) with no email choice
 *   made; another = another organisation; closed = the caller's own with a choice already made
 *   (an organisation cannot be closed).
 * - service, user (admin's records): own and another are two of them; closed is another one
 *   (neither can be closed).
 * - cover: own = given by the caller (a link worker) to a colleague; another = between two other
 *   link workers; closed = one already ended. Everyone acting is of the one service.
 * A case's `:reassignTo` is a link worker of the service other than the case's own.
 * The acting team lead is of the same service as every case and referral here: a team lead of
 * another service is the read matrix's outsider (404), and test/services.e2e-spec.ts's.
 */
export type RecordKind =
  | 'case'
  | 'crisis'
  | 'person'
  | 'referral'
  | 'placement'
  | 'group'
  | 'notification'
  | 'contact'
  | 'appointment'
  | 'task'
  | 'service'
  | 'user'
  | 'textableCase'
  | 'listingChange'
  | 'outboxMessage'
  | 'organisation'
  | 'cover';

/** Kinds whose "own" record depends on the caller's role, so each role gets its own fixture. */
export const PER_CALLER_KINDS: RecordKind[] = ['notification', 'referral', 'organisation'];

export type OwnState = 'accepted' | 'suspended' | 'agreed';

export interface WriteRule {
  record: RecordKind;
  /**
   * The state the caller's own record is put in first (placements: accepted; groups: suspended;
   * textable cases: the person agreed to texts).
   */
  ownState?: OwnState;
  body?: Record<string, unknown>;
  outcomes: Partial<Record<Role, string>>;
}

const today = ukDate();
const yesterday = addDays(today, -1);
const [year, month, day] = today.split('-');

/** A date as the GOV.UK date input posts it: name-day, name-month, name-year. */
function dateParts(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y };
}

const CASE_WORK = { link_worker: 'ok/hidden/conflict' };
const REFERRAL_WORK = { link_worker: 'ok/forbidden/conflict', admin: 'ok/ok/conflict' };
/** Triage (assign, decline) is also the team lead's, on any referral of its service. */
const REFERRAL_TRIAGE = { ...REFERRAL_WORK, team_lead: 'ok/ok/conflict' };
const ADMIN_ONLY = { admin: 'ok/ok/ok' };
const COORDINATOR_WORK = { group_coordinator: 'ok/hidden/conflict' };
const ADMIN_ON_GROUPS = { admin: 'ok/ok/conflict' };
/**
 * A removed group keeps its listing, capacity and vetting record editable: it is never offered
 * or listed again, and nothing in DESIGN.md or CONTRACT.md makes it read-only.
 */
const GROUP_UPKEEP = { group_coordinator: 'ok/hidden/ok', admin: 'ok/ok/ok' };
/**
 * Confirming a listing is its coordinators' and admins' (CONTRACT.md, "Directory freshness"); a
 * removed group has no listing left to confirm.
 */
const LISTING_CONFIRMATION = { group_coordinator: 'ok/hidden/conflict', admin: 'ok/ok/conflict' };
/** Approving or rejecting a coordinator's change: admins only, while it is still waiting. */
const CHANGE_REVIEW = { admin: 'ok/ok/conflict' };
const CHANGE_REJECTION = { reason: 'Please say which Saturdays' };

/** API state changes on one record. `:linkWorkerId`, `:groupId` are filled per caller. */
export const WRITE_RULES: Record<string, WriteRule> = {
  'PUT /api/cases/:id/consent': {
    record: 'case',
    body: { shareWithProviders: true },
    outcomes: CASE_WORK,
  },
  'PUT /api/cases/:id/migration-profile': {
    record: 'case',
    body: { migrantStatus: 'refugee' },
    outcomes: CASE_WORK,
  },
  'PUT /api/cases/:id/equity': {
    record: 'case',
    body: { ethnicity: 'other_arab' },
    outcomes: CASE_WORK,
  },
  'PUT /api/cases/:id/needs': {
    record: 'case',
    body: { needs: [{ domain: 'food', severity: 1, priority: false }] },
    outcomes: CASE_WORK,
  },
  'PUT /api/cases/:id/safeguarding': {
    record: 'case',
    body: { flags: ['adult_at_risk'] },
    outcomes: CASE_WORK,
  },
  'POST /api/cases/:id/crisis-points': {
    record: 'case',
    body: { type: 'destitution', occurredAt: today, pausePlacements: false },
    outcomes: CASE_WORK,
  },
  'POST /api/cases/:id/crisis-points/:crisisId/resolve': {
    record: 'crisis',
    body: { resolvedAt: today, resumePlacements: false },
    outcomes: CASE_WORK,
  },
  'POST /api/cases/:id/onward-referrals': {
    record: 'case',
    body: { service: 'legal_advice', reason: 'Needs advice' },
    outcomes: CASE_WORK,
  },
  'POST /api/cases/:id/outcomes': {
    record: 'case',
    body: { instrument: 'UCLA3', timepoint: 'review', answers: [1, 2, 1] },
    outcomes: CASE_WORK,
  },
  'POST /api/cases/:id/close': { record: 'case', body: { reason: 'other' }, outcomes: CASE_WORK },
  'POST /api/cases/:id/placements': {
    record: 'case',
    body: { groupId: ':groupId' },
    outcomes: CASE_WORK,
  },
  // An erased person cannot be erased again (issue 22): 409, nothing changes.
  'POST /api/people/:id/erase': { record: 'person', outcomes: { admin: 'ok/ok/conflict' } },
  // Merging two people: an admin, or the link worker holding both (CONTRACT.md, "Directory
  // freshness and duplicate people"); an erased person cannot be merged.
  'POST /api/people/:id/merge': {
    record: 'person',
    body: { intoPersonId: ':otherPersonId' },
    outcomes: { link_worker: 'ok/hidden/conflict', admin: 'ok/ok/conflict' },
  },
  // "Not the same person": the same people may say so, never of an erased person (the pair
  // would say what the two shared).
  'POST /api/people/:id/duplicates/:otherPersonId/dismiss': {
    record: 'person',
    outcomes: { link_worker: 'ok/hidden/conflict', admin: 'ok/ok/conflict' },
  },
  // Handing a case over is the service's team lead's or an admin's, never a link worker's.
  'POST /api/cases/:id/reassign': {
    record: 'case',
    body: { linkWorkerId: ':reassignTo', reason: 'Caseload balancing' },
    outcomes: { team_lead: 'ok/ok/conflict', admin: 'ok/ok/conflict' },
  },
  // Cover is ended by the link worker who gave it (or its colleague), the team lead or an admin.
  'DELETE /api/cover/:id': {
    record: 'cover',
    outcomes: {
      link_worker: 'ok/hidden/conflict',
      team_lead: 'ok/ok/conflict',
      admin: 'ok/ok/conflict',
    },
  },
  /** Consent to texts is recorded by the case's link worker: casework, not for a team lead. */
  'PUT /api/cases/:id/text-consent': {
    record: 'textableCase',
    body: { agreedOn: yesterday },
    outcomes: CASE_WORK,
  },
  /** A person may withdraw consent at any time, so it can be recorded on a closed case too. */
  'DELETE /api/cases/:id/text-consent': {
    record: 'textableCase',
    ownState: 'agreed',
    outcomes: { link_worker: 'ok/hidden/ok' },
  },

  // The working day: only the case's link worker records it (a team lead and admins read).
  'POST /api/cases/:id/contacts': {
    record: 'case',
    body: { at: `${addDays(today, -1)}T10:00:00Z`, mode: 'phone' },
    outcomes: CASE_WORK,
  },
  'POST /api/cases/:id/contacts/:contactId/corrections': {
    record: 'contact',
    body: { note: 'Corrected' },
    outcomes: CASE_WORK,
  },
  'POST /api/cases/:id/appointments': {
    record: 'case',
    body: { startsAt: `${addDays(today, 1)}T10:00:00Z`, durationMinutes: 30, mode: 'phone' },
    outcomes: CASE_WORK,
  },
  'POST /api/cases/:id/reviews': {
    record: 'case',
    body: { reviewedAt: today, nextReviewBy: addDays(today, 28) },
    outcomes: CASE_WORK,
  },
  'POST /api/cases/:id/tasks': {
    record: 'case',
    body: { title: 'Ring back', dueOn: addDays(today, 1) },
    outcomes: CASE_WORK,
  },
  'POST /api/appointments/:id/outcome': {
    record: 'appointment',
    body: { attended: false },
    outcomes: CASE_WORK,
  },
  'POST /api/appointments/:id/cancel': { record: 'appointment', outcomes: CASE_WORK },
  'POST /api/tasks/:id/complete': { record: 'task', outcomes: CASE_WORK },

  'POST /api/referrals/:id/assign': {
    record: 'referral',
    body: { linkWorkerId: ':linkWorkerId' },
    outcomes: REFERRAL_TRIAGE,
  },
  'POST /api/referrals/:id/route': {
    record: 'referral',
    body: { serviceId: ':otherServiceId', reason: 'Lives in the other area' },
    outcomes: { admin: 'ok/ok/conflict' },
  },
  'POST /api/referrals/:id/accept': { record: 'referral', outcomes: REFERRAL_WORK },
  'POST /api/referrals/:id/decline': {
    record: 'referral',
    body: { reason: 'not_appropriate' },
    outcomes: REFERRAL_TRIAGE,
  },
  'POST /api/referrals/:id/contact-attempts': {
    record: 'referral',
    body: { method: 'phone', outcome: 'no_answer' },
    outcomes: REFERRAL_WORK,
  },

  'POST /api/placements/:id/accept': { record: 'placement', outcomes: COORDINATOR_WORK },
  'POST /api/placements/:id/decline': {
    record: 'placement',
    body: { reason: 'other' },
    outcomes: COORDINATOR_WORK,
  },
  'POST /api/placements/:id/attendance': {
    record: 'placement',
    ownState: 'accepted',
    body: { date: today, attended: true },
    outcomes: COORDINATOR_WORK,
  },
  'POST /api/placements/:id/end': {
    record: 'placement',
    ownState: 'accepted',
    body: { reason: 'other' },
    outcomes: { ...COORDINATOR_WORK, link_worker: 'ok/hidden/conflict', admin: 'ok/ok/conflict' },
  },

  'PATCH /api/groups/:id': {
    record: 'group',
    body: { schedule: 'Mondays 10:00' },
    outcomes: GROUP_UPKEEP,
  },
  'PUT /api/groups/:id/capacity': {
    record: 'group',
    body: { places: 9, waitlistEnabled: false, intakePaused: false, offerExpiryDays: 7 },
    outcomes: GROUP_UPKEEP,
  },
  'POST /api/groups/:id/incidents': {
    record: 'group',
    body: {
      type: 'complaint',
      description: 'Late start',
      occurredAt: `${addDays(today, -1)}T10:00:00Z`,
    },
    outcomes: { group_coordinator: 'ok/hidden/ok', link_worker: 'ok/ok/ok', admin: 'ok/ok/ok' },
  },
  'POST /api/groups/:id/confirm': { record: 'group', outcomes: LISTING_CONFIRMATION },
  'POST /api/groups/:id/changes/:changeId/approve': {
    record: 'listingChange',
    outcomes: CHANGE_REVIEW,
  },
  'POST /api/groups/:id/changes/:changeId/reject': {
    record: 'listingChange',
    body: CHANGE_REJECTION,
    outcomes: CHANGE_REVIEW,
  },
  'POST /api/groups/:id/vetting-checks': {
    record: 'group',
    body: {
      check: 'insurance',
      evidence: 'Policy 123',
      verifiedAt: `${addDays(today, -1)}`,
      expiresAt: `${addDays(today, 300)}`,
    },
    outcomes: { admin: 'ok/ok/ok' },
  },
  'POST /api/groups/:id/suspend': {
    record: 'group',
    body: { reason: 'Incident under review' },
    outcomes: ADMIN_ON_GROUPS,
  },
  'POST /api/groups/:id/reinstate': {
    record: 'group',
    ownState: 'suspended',
    body: { reason: 'Reviewed' },
    outcomes: ADMIN_ON_GROUPS,
  },
  'POST /api/groups/:id/remove': {
    record: 'group',
    body: { reason: 'Closed down' },
    outcomes: ADMIN_ON_GROUPS,
  },

  'POST /api/notifications/:id/read': {
    record: 'notification',
    outcomes: {
      admin: 'ok/hidden/ok',
      link_worker: 'ok/hidden/ok',
      group_coordinator: 'ok/hidden/ok',
      referrer: 'ok/hidden/ok',
      commissioner: 'ok/hidden/ok',
      team_lead: 'ok/hidden/ok',
    },
  },

  /** The outbox is the admins' (CONTRACT.md); only a permanently failed message is sent again. */
  'POST /api/notifications/outbox/:id/retry': {
    record: 'outboxMessage',
    outcomes: { admin: 'ok/ok/conflict' },
  },
  /** An organisation's email choice: admins, or a referrer or coordinator of that organisation. */
  'PUT /api/organisations/:id/notification-preferences': {
    record: 'organisation',
    body: { emailEnabled: false, frequency: 'daily_digest' },
    outcomes: { admin: 'ok/ok/ok', referrer: 'ok/hidden/ok', group_coordinator: 'ok/hidden/ok' },
  },

  /**
   * A page with no API twin of the same rule: the vetting officer's confirmation of a listing
   * (its coordinators confirm on the group's own page, below).
   */
  'POST /admin/vetting/:id/confirm': { record: 'group', outcomes: { admin: 'ok/ok/conflict' } },

  'PUT /api/services/:id': {
    record: 'service',
    body: { name: ':serviceName' },
    outcomes: ADMIN_ONLY,
  },
  'PATCH /api/users/:id': { record: 'user', body: { name: ':userName' }, outcomes: ADMIN_ONLY },
};

/**
 * Each page form that changes a record, with its API twin: the page must answer every role and
 * record exactly as the twin does. `form` is the body as the page posts it, where it differs.
 */
export const PAGE_TWINS: Record<string, { api: string; form?: Record<string, unknown> }> = {
  'POST /cases/:id/migration-profile': { api: 'PUT /api/cases/:id/migration-profile' },
  'POST /cases/:id/equity': { api: 'PUT /api/cases/:id/equity', form: { ethnicity: 'other_arab' } },
  'POST /cases/:id/needs': { api: 'PUT /api/cases/:id/needs', form: { severity_food: '1' } },
  'POST /cases/:id/safeguarding': {
    api: 'PUT /api/cases/:id/safeguarding',
    form: { flags: 'adult_at_risk' },
  },
  'POST /cases/:id/crisis-points': {
    api: 'POST /api/cases/:id/crisis-points',
    form: {
      type: 'destitution',
      'occurredAt-day': day,
      'occurredAt-month': month,
      'occurredAt-year': year,
      pausePlacements: 'no',
    },
  },
  'POST /cases/:id/crisis-points/:crisisId/resolve': {
    api: 'POST /api/cases/:id/crisis-points/:crisisId/resolve',
    form: {
      'resolvedAt-day': day,
      'resolvedAt-month': month,
      'resolvedAt-year': year,
      resumePlacements: 'no',
    },
  },
  'POST /cases/:id/onward-referrals': { api: 'POST /api/cases/:id/onward-referrals' },
  'POST /cases/:id/outcomes': {
    api: 'POST /api/cases/:id/outcomes',
    form: { instrument: 'UCLA3', timepoint: 'review', answer_0: '1', answer_1: '2', answer_2: '1' },
  },
  'POST /cases/:id/close': { api: 'POST /api/cases/:id/close' },
  'POST /cases/:id/offer': { api: 'POST /api/cases/:id/placements' },
  'POST /cases/:id/contacts': {
    api: 'POST /api/cases/:id/contacts',
    form: { ...dateParts('at', addDays(today, -1)), mode: 'phone' },
  },
  'POST /cases/:id/contacts/:contactId/corrections': {
    api: 'POST /api/cases/:id/contacts/:contactId/corrections',
  },
  'POST /cases/:id/appointments': {
    api: 'POST /api/cases/:id/appointments',
    form: {
      ...dateParts('startsAt', addDays(today, 1)),
      'startsAt-time': '10:00',
      durationMinutes: '30',
      mode: 'phone',
    },
  },
  'POST /cases/:id/reviews': {
    api: 'POST /api/cases/:id/reviews',
    form: { ...dateParts('reviewedAt', today), ...dateParts('nextReviewBy', addDays(today, 28)) },
  },
  'POST /cases/:id/tasks': {
    api: 'POST /api/cases/:id/tasks',
    form: { title: 'Ring back', ...dateParts('dueOn', addDays(today, 1)) },
  },
  'POST /appointments/:id/outcome': {
    api: 'POST /api/appointments/:id/outcome',
    form: { attended: 'no' },
  },
  'POST /appointments/:id/cancel': { api: 'POST /api/appointments/:id/cancel' },
  'POST /tasks/:id/complete': { api: 'POST /api/tasks/:id/complete' },
  'POST /cases/:id/reassign': { api: 'POST /api/cases/:id/reassign' },
  'POST /cover/:id/end': { api: 'DELETE /api/cover/:id' },
  'POST /cases/:id/text-messages': {
    api: 'PUT /api/cases/:id/text-consent',
    form: dateParts('agreedOn', yesterday),
  },
  'POST /cases/:id/text-messages/withdraw': { api: 'DELETE /api/cases/:id/text-consent' },
  'POST /people/:id/merge': {
    api: 'POST /api/people/:id/merge',
    form: { intoPersonId: ':otherPersonId' },
  },
  'POST /people/:id/duplicates/:otherPersonId/dismiss': {
    api: 'POST /api/people/:id/duplicates/:otherPersonId/dismiss',
  },
  'POST /admin/data-protection/:id/erase': {
    api: 'POST /api/people/:id/erase',
    form: { confirm: 'yes' },
  },
  'POST /referrals/:id/assign': { api: 'POST /api/referrals/:id/assign' },
  'POST /referrals/:id/accept': { api: 'POST /api/referrals/:id/accept' },
  'POST /referrals/:id/decline': { api: 'POST /api/referrals/:id/decline' },
  'POST /referrals/:id/contact-attempts': { api: 'POST /api/referrals/:id/contact-attempts' },
  'POST /placements/:id/accept': { api: 'POST /api/placements/:id/accept' },
  'POST /placements/:id/decline': { api: 'POST /api/placements/:id/decline' },
  'POST /placements/:id/attendance': {
    api: 'POST /api/placements/:id/attendance',
    form: { 'date-day': day, 'date-month': month, 'date-year': year, attended: 'true' },
  },
  'POST /placements/:id/end': { api: 'POST /api/placements/:id/end' },
  'POST /groups/:id/edit': {
    api: 'PATCH /api/groups/:id',
    form: {
      name: 'Conversation café',
      description: 'English conversation over tea',
      activityTypes: 'conversation_esol',
      needsServed: 'language',
      languages: 'en',
      deliveryMode: 'in_person',
      schedule: 'Mondays 10:00',
    },
  },
  'POST /groups/:id/capacity': {
    api: 'PUT /api/groups/:id/capacity',
    form: { places: '9', waitlistEnabled: 'false', intakePaused: 'false', offerExpiryDays: '7' },
  },
  'POST /groups/:id/incidents': {
    api: 'POST /api/groups/:id/incidents',
    form: {
      type: 'complaint',
      description: 'Late start',
      ...dateParts('occurredAt', addDays(today, -1)),
    },
  },
  'POST /admin/vetting/:id/checks': {
    api: 'POST /api/groups/:id/vetting-checks',
    form: {
      check: 'insurance',
      evidence: 'Policy 123',
      ...dateParts('verifiedAt', addDays(today, -1)),
      ...dateParts('expiresAt', addDays(today, 300)),
    },
  },
  'POST /groups/:id/confirm': { api: 'POST /api/groups/:id/confirm' },
  'POST /admin/vetting/:id/changes/:changeId/approve': {
    api: 'POST /api/groups/:id/changes/:changeId/approve',
  },
  'POST /admin/vetting/:id/changes/:changeId/reject': {
    api: 'POST /api/groups/:id/changes/:changeId/reject',
  },
  'POST /admin/vetting/:id/suspend': { api: 'POST /api/groups/:id/suspend' },
  'POST /admin/vetting/:id/reinstate': { api: 'POST /api/groups/:id/reinstate' },
  'POST /admin/vetting/:id/remove': { api: 'POST /api/groups/:id/remove' },
  'POST /notifications/:id/read': { api: 'POST /api/notifications/:id/read' },
  'POST /admin/notifications/:id/retry': { api: 'POST /api/notifications/outbox/:id/retry' },
  'POST /admin/services/:id/edit': { api: 'PUT /api/services/:id' },
  'POST /admin/users/:id/edit': {
    api: 'PATCH /api/users/:id',
    form: { name: ':userName', caseloadLimit: '40' },
  },
};

export function outcomeFor(rule: WriteRule, role: Role, ownership: Ownership): Outcome {
  const spec = rule.outcomes[role];
  if (!spec) return 'forbidden';
  const parts = spec.split('/') as Outcome[];
  return parts.length === 1 ? parts[0] : parts[OWNERSHIPS.indexOf(ownership)];
}
