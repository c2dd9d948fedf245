import type { Role } from '../../src/common/vocabulary';
import { addDays } from '../../src/casework/casework-dates';
import { ukDate } from '../../src/common/uk-date';

/**
 * Who may call each route on records that belong to someone else (another link worker's case,
 * another organisation's referral, group or placement, another user's notification):
 * - `ok`: the call goes through;
 * - `hidden`: the caller is told the record does not exist (404);
 * - `neverFound`: 404 for any record at all (the role can own none, so no role check gives it away);
 * - every other signed-in role: 403; nobody signed in: 401 (API) or a redirect to /login (pages).
 * `public` routes are open to all. Written by hand from DESIGN.md and CONTRACT.md, not read from
 * the decorators, so a changed decorator shows up as a failed expectation.
 */
export interface Expectation {
  public?: true;
  ok?: Role[];
  hidden?: Role[];
  neverFound?: Role[];
  /** A valid body, so that a refusal comes from access rules and not validation. */
  body?: Record<string, unknown>;
  /** Query string; `:name` is filled with the world's ids like path parameters. */
  query?: string;
  /** Statuses besides 2xx that still mean "let through" for a GET (e.g. a letter not yet due). */
  okStatuses?: number[];
}

const A = 'admin';
const T = 'team_lead';
const L = 'link_worker';
const G = 'group_coordinator';
const R = 'referrer';
const C = 'commissioner';
const EVERYONE: Role[] = [A, T, L, G, R, C];
const PUBLIC: Expectation = { public: true };

const today = ukDate();
const yesterday = addDays(ukDate(), -1);
const tomorrow = addDays(ukDate(), 1);
const [tYear, tMonth, tDay] = tomorrow.split('-');
const [year, month, day] = today.split('-');
const PERIOD = `from=2020-01-01&to=${today}`;

const BODY = {
  close: { reason: 'other' },
  crisis: { type: 'other', occurredAt: today, pausePlacements: false },
  resolve: { resolvedAt: today, resumePlacements: false },
  onward: { service: 'legal_advice', reason: 'Needs advice' },
  outcome: { instrument: 'UCLA3', timepoint: 'review', answers: [1, 1, 1] },
  offer: { groupId: ':groupId' },
  needs: { needs: [{ domain: 'food', severity: 1, priority: false }] },
  safeguarding: { flags: [] },
  profile: { migrantStatus: 'not_recorded' },
  capacity: { places: 9, waitlistEnabled: false, intakePaused: false, offerExpiryDays: 7 },
  incident: { type: 'complaint', description: 'Late start', occurredAt: `${yesterday}T10:00:00Z` },
  attendance: { date: today, attended: false },
  placementDecline: { reason: 'other' },
  placementEnd: { reason: 'other' },
  assign: { linkWorkerId: ':linkWorkerId' },
  contact: { method: 'phone', outcome: 'no_answer' },
  referralDecline: { reason: 'not_appropriate' },
  route: { serviceId: ':serviceId', reason: 'Lives in the other area' },
  service: { name: 'A renamed service' },
  caseContact: { at: `${yesterday}T10:00:00Z`, mode: 'phone' },
  correction: { note: 'Corrected' },
  appointment: { startsAt: `${tomorrow}T10:00:00Z`, durationMinutes: 30, mode: 'phone' },
  review: { reviewedAt: today, nextReviewBy: tomorrow },
  task: { title: 'Ring back', dueOn: tomorrow },
  appointmentOutcome: { attended: false },
  reassign: { linkWorkerId: ':linkWorkerId', reason: 'Caseload balancing' },
  reassignCaseload: {
    fromLinkWorkerId: ':linkWorkerId',
    toLinkWorkerId: ':linkWorkerId',
    reason: 'Left the service',
  },
  cover: { coverUserId: ':linkWorkerId', from: today, to: today },
  bulkAssign: { referralIds: [':id'], linkWorkerId: ':linkWorkerId' },
  bulkDecline: { referralIds: [':id'], reason: 'not_appropriate' },
  emailChoice: { emailEnabled: true, frequency: 'each_event' },
  textConsent: { agreedOn: yesterday },
  changeReject: { reason: 'Please say which Saturdays' },
};

/** The same changes as the case pages' forms post them. */
const FORM = {
  needs: { severity_food: '1' },
  crisis: {
    type: 'other',
    'occurredAt-day': day,
    'occurredAt-month': month,
    'occurredAt-year': year,
    pausePlacements: 'no',
  },
  resolve: {
    'resolvedAt-day': day,
    'resolvedAt-month': month,
    'resolvedAt-year': year,
    resumePlacements: 'no',
  },
  outcome: {
    instrument: 'UCLA3',
    timepoint: 'review',
    answer_0: '1',
    answer_1: '1',
    answer_2: '1',
  },
  contact: {
    'at-day': day,
    'at-month': month,
    'at-year': year,
    mode: 'phone',
  },
  appointment: {
    'startsAt-day': tDay,
    'startsAt-month': tMonth,
    'startsAt-year': tYear,
    'startsAt-time': '10:00',
    durationMinutes: '30',
    mode: 'phone',
  },
  review: {
    'reviewedAt-day': day,
    'reviewedAt-month': month,
    'reviewedAt-year': year,
    'nextReviewBy-day': tDay,
    'nextReviewBy-month': tMonth,
    'nextReviewBy-year': tYear,
  },
  task: { title: 'Ring back', 'dueOn-day': tDay, 'dueOn-month': tMonth, 'dueOn-year': tYear },
  cover: {
    coverUserId: ':linkWorkerId',
    'from-day': day,
    'from-month': month,
    'from-year': year,
    'to-day': day,
    'to-month': month,
    'to-year': year,
  },
  bulk: { referralIds: ':id', linkWorkerId: ':linkWorkerId', action: 'assign' },
};

export const EXPECTATIONS: Record<string, Expectation> = {
  // Public and everyone
  'GET /': { ok: EVERYONE, okStatuses: [303] },
  'GET /accessibility': PUBLIC,
  'GET /privacy': PUBLIC,
  'GET /health': PUBLIC,
  'GET /login': PUBLIC,
  'POST /login': PUBLIC,
  'POST /logout': PUBLIC,
  'GET /self-referral': PUBLIC,
  'GET /self-referral/languages': PUBLIC,
  'GET /self-referral/privacy': PUBLIC,
  'GET /self-referral/check': PUBLIC,
  'POST /self-referral/check': PUBLIC,
  'GET /self-referral/sent': PUBLIC,
  'GET /self-referral/:step': PUBLIC,
  'POST /self-referral/:step': PUBLIC,
  'POST /api/self-referrals': PUBLIC,
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/logout': { ok: EVERYONE },
  'GET /api/me': { ok: EVERYONE },
  'PUT /api/me/password': { ok: EVERYONE },
  'POST /api/me/totp': { ok: [A] },
  'POST /api/me/totp/confirm': { ok: [A] },
  'GET /session/keepalive': { ok: EVERYONE },
  'GET /api/notifications': { ok: EVERYONE },
  'GET /notifications': { ok: EVERYONE },
  'POST /api/notifications/:id/read': { hidden: EVERYONE },
  'POST /notifications/:id/read': { hidden: EVERYONE },
  'GET /api/notifications/preferences': { ok: EVERYONE },
  'PUT /api/notifications/preferences': { ok: EVERYONE, body: BODY.emailChoice },
  'GET /notifications/preferences': { ok: EVERYONE },
  'POST /notifications/preferences': { ok: EVERYONE, body: { email: 'daily_digest' } },
  // The caller's own organisation: 404 for a role that has none
  'POST /notifications/preferences/organisation': {
    ok: [G, R],
    neverFound: [A, T, L, C],
    body: { orgEmail: 'daily_digest' },
  },
  'GET /api/organisations/:id/notification-preferences': { ok: [A], hidden: [G, R] },
  'PUT /api/organisations/:id/notification-preferences': {
    ok: [A],
    hidden: [G, R],
    body: BODY.emailChoice,
  },

  // The outbox: administrators only
  'GET /api/notifications/outbox': { ok: [A], query: 'status=queued' },
  'POST /api/notifications/outbox/:id/retry': { ok: [A] },
  'GET /admin/notifications': { ok: [A] },
  'GET /admin/notifications/:id': { ok: [A] },
  'POST /admin/notifications/:id/retry': { ok: [A] },

  // FHIR status for GP systems: the referring organisation, link workers of the service, admins
  'GET /fhir/Task': { ok: [A, L], hidden: [R], query: 'based-on=ServiceRequest/:referralId' },
  'GET /fhir/ServiceRequest/:id': { ok: [A, L], hidden: [R] },

  // Open Referral UK: public by design, approved groups only
  'GET /openreferral': PUBLIC,
  'GET /openreferral/organizations': PUBLIC,
  'GET /openreferral/organizations/:id': PUBLIC,
  'GET /openreferral/service_at_locations': PUBLIC,
  'GET /openreferral/service_at_locations/:id': PUBLIC,
  'GET /openreferral/services': PUBLIC,
  'GET /openreferral/services/:id': PUBLIC,
  'GET /openreferral/taxonomies': PUBLIC,
  'GET /openreferral/taxonomies/:id': PUBLIC,
  'GET /openreferral/taxonomy_terms': PUBLIC,
  'GET /openreferral/taxonomy_terms/:id': PUBLIC,

  // Administration and data protection
  'GET /api/audit': { ok: [A], query: 'subjectId=:personId' },
  'GET /api/users': { ok: [A, T, L] },
  'GET /api/users/:id': { ok: [A] },
  'PATCH /api/users/:id': { ok: [A], body: { name: 'Renamed' } },
  'POST /api/users': { ok: [A] },
  'GET /api/services': { ok: EVERYONE },
  'GET /api/services/:id': { ok: EVERYONE },
  'POST /api/services': { ok: [A] },
  'PUT /api/services/:id': { ok: [A], body: BODY.service },
  'GET /api/organisations': { ok: [A, L] },
  'GET /api/organisations/:id': { ok: [A, L], hidden: [G, R] },
  'POST /api/organisations': { ok: [A] },
  'GET /api/people/:id/export': { ok: [A] },
  'POST /api/people/:id/erase': { ok: [A] },
  // The world's person into themselves: refused as bad input (422) by those who may merge, so the
  // world is unchanged; the link worker holding both people is the owner.
  'POST /api/people/:id/merge': { ok: [A], hidden: [L], body: { intoPersonId: ':personId' } },
  'GET /api/people/:id/merge-review': { ok: [A], hidden: [L], query: 'into=:duplicatePersonId' },
  'POST /api/people/:id/duplicates/:otherPersonId/dismiss': { ok: [A], hidden: [L] },
  'GET /people/:id/merge': { ok: [A], hidden: [L], query: 'into=:duplicatePersonId' },
  'POST /people/:id/merge': { ok: [A], hidden: [L], body: { intoPersonId: ':personId' } },
  'POST /people/:id/duplicates/:otherPersonId/dismiss': { ok: [A], hidden: [L] },
  'GET /api/admin/retention': { ok: [A] },
  'POST /api/admin/retention': { ok: [A] },
  'GET /admin/retention': { ok: [A] },
  'GET /admin/languages': { ok: [A] },
  'POST /admin/retention': { ok: [A] },
  'GET /admin/data-protection': { ok: [A] },
  'GET /admin/data-protection/:id/export': { ok: [A] },
  'POST /admin/data-protection/:id/erase': { ok: [A] },
  'GET /admin/organisations': { ok: [A] },
  'GET /admin/organisations/new': { ok: [A] },
  'POST /admin/organisations/new': { ok: [A] },
  'GET /admin/users': { ok: [A] },
  'GET /admin/users/new': { ok: [A] },
  'GET /admin/users/:id/edit': { ok: [A] },
  'POST /admin/users/:id/edit': { ok: [A], body: { name: 'Renamed' } },
  'GET /admin/services': { ok: [A] },
  'GET /admin/services/new': { ok: [A] },
  'POST /admin/services/new': { ok: [A], body: { name: 'Another service' } },
  'GET /admin/services/:id/edit': { ok: [A] },
  'POST /admin/services/:id/edit': { ok: [A], body: BODY.service },
  'GET /team': { ok: [T] },
  'POST /admin/users/new': { ok: [A] },
  'GET /admin/incidents': { ok: [A] },
  'GET /admin/vetting': { ok: [A] },
  'GET /admin/vetting/:id': { ok: [A] },
  'POST /admin/vetting/:id/checks': { ok: [A] },
  'POST /admin/vetting/:id/confirm': { ok: [A] },
  'POST /admin/vetting/:id/changes/:changeId/approve': { ok: [A] },
  'POST /admin/vetting/:id/changes/:changeId/reject': { ok: [A], body: BODY.changeReject },
  'POST /admin/vetting/:id/suspend': { ok: [A] },
  'POST /admin/vetting/:id/reinstate': { ok: [A] },
  'POST /admin/vetting/:id/remove': { ok: [A] },

  // Referrals: staff see all; a referrer only their organisation's; work (assigning included) is
  // for the assignee, or any link worker while nobody holds it
  'POST /api/referrals': { ok: [A, L, R] },
  'POST /fhir/ServiceRequest': { ok: [A, L, R] },
  'GET /api/referrals': { ok: [A, T, L, R] },
  'GET /api/referrals/:id': { ok: [A, L], hidden: [T, R] },
  // Only for those who see the referral in full: a link worker it is not assigned to sees its status.
  'GET /api/referrals/:id/suggested-link-workers': { ok: [A], hidden: [T, L] },
  'GET /api/referrals/:id/message-back': { ok: [A], hidden: [T, R] },
  'GET /api/referrals/:id/letter': { ok: [A] },
  'POST /api/referrals/:id/assign': { ok: [A], hidden: [T], body: BODY.assign },
  'POST /api/referrals/:id/route': { ok: [A], body: BODY.route },
  'POST /api/referrals/:id/accept': { ok: [A] },
  'POST /api/referrals/:id/decline': { ok: [A], hidden: [T], body: BODY.referralDecline },
  'POST /api/referrals/:id/contact-attempts': { ok: [A], body: BODY.contact },
  // Bulk: each referral checked as a single change is (an outsider link worker may not work on
  // another's assigned referral: 403; another service's team lead never sees it: 404).
  'POST /api/referrals/bulk-assign': { ok: [A], hidden: [T], body: BODY.bulkAssign },
  'POST /api/referrals/bulk-decline': { ok: [A], hidden: [T], body: BODY.bulkDecline },
  'GET /referrals': { ok: [A, T, L] },
  'POST /referrals/bulk': { ok: [A], hidden: [T], body: FORM.bulk },
  'GET /referrals/mine': { ok: [R] },
  'GET /referrals/new': { ok: [A, L, R] },
  'POST /referrals/new': { ok: [A, L, R] },
  'GET /referrals/:id': { ok: [A, L], hidden: [T, R] },
  'GET /referrals/:id/message-back': { ok: [A], hidden: [R] },
  'GET /referrals/:id/letter': { ok: [A] },
  'POST /referrals/:id/assign': { ok: [A], hidden: [T], body: BODY.assign },
  'POST /referrals/:id/accept': { ok: [A] },
  'POST /referrals/:id/decline': { ok: [A], hidden: [T], body: BODY.referralDecline },
  'POST /referrals/:id/contact-attempts': { ok: [A], body: BODY.contact },

  // Cases: the assigned link worker works on them; admins read; everyone else is refused
  'GET /api/cases': { ok: [A, T, L] },
  'GET /api/cases/:id': { ok: [A], hidden: [T, L], neverFound: [G, R, C] },
  'GET /api/cases/:id/migration-profile': { ok: [A], hidden: [L] },
  'PUT /api/cases/:id/consent': { hidden: [L], body: { shareWithProviders: true } },
  'GET /api/cases/:id/needs': { ok: [A], hidden: [L] },
  'GET /api/cases/:id/placements': { ok: [A], hidden: [L] },
  'GET /api/cases/:id/timeline': { ok: [A], hidden: [T, L] },
  'GET /api/cases/:id/letters/welcome': { ok: [A], hidden: [T, L] },
  'GET /api/cases/:id/transfer-summary': { ok: [A], hidden: [L], okStatuses: [409] },
  // Admins read the case file (data protection) but change nothing in it, the profile included.
  'PUT /api/cases/:id/migration-profile': { hidden: [L], body: BODY.profile },
  'GET /api/cases/:id/equity': { ok: [A], hidden: [L] },
  'PUT /api/cases/:id/equity': { hidden: [L], body: { sex: 'female' } },
  'PUT /api/cases/:id/needs': { hidden: [L], body: BODY.needs },
  'PUT /api/cases/:id/safeguarding': { hidden: [L], body: BODY.safeguarding },
  'POST /api/cases/:id/crisis-points': { hidden: [L], body: BODY.crisis },
  'POST /api/cases/:id/crisis-points/:crisisId/resolve': { hidden: [L], body: BODY.resolve },
  'POST /api/cases/:id/onward-referrals': { hidden: [L], body: BODY.onward },
  'POST /api/cases/:id/outcomes': { hidden: [L], body: BODY.outcome },
  'POST /api/cases/:id/close': { hidden: [L], body: BODY.close },
  'POST /api/cases/:id/placements': { hidden: [L], body: BODY.offer },
  'GET /cases': { ok: [A, T, L] },
  'GET /cases/:id': { ok: [A], hidden: [T, L] },
  'GET /cases/:id/migration-profile': { ok: [A], hidden: [L] },
  'POST /cases/:id/migration-profile': { hidden: [L], body: BODY.profile },
  'GET /cases/:id/equity': { ok: [A], hidden: [L] },
  'POST /cases/:id/equity': { hidden: [L], body: { sex: 'female' } },
  'GET /cases/:id/needs': { ok: [A], hidden: [L] },
  'POST /cases/:id/needs': { hidden: [L], body: FORM.needs },
  'GET /cases/:id/safeguarding': { ok: [A], hidden: [L] },
  'POST /cases/:id/safeguarding': { hidden: [L] },
  'GET /cases/:id/crisis-points/new': { ok: [A], hidden: [L] },
  'POST /cases/:id/crisis-points': { hidden: [L], body: FORM.crisis },
  'GET /cases/:id/crisis-points/:crisisId/resolve': { ok: [A], hidden: [L] },
  'POST /cases/:id/crisis-points/:crisisId/resolve': { hidden: [L], body: FORM.resolve },
  'GET /cases/:id/onward-referrals/new': { ok: [A], hidden: [L] },
  'POST /cases/:id/onward-referrals': { hidden: [L], body: BODY.onward },
  'GET /cases/:id/outcomes/new': { ok: [A], hidden: [L] },
  'POST /cases/:id/outcomes': { hidden: [L], body: FORM.outcome },
  'GET /cases/:id/close': { ok: [A], hidden: [L] },
  'POST /cases/:id/close': { hidden: [L], body: BODY.close },
  'GET /cases/:id/offer': { hidden: [L] },
  'POST /cases/:id/offer': { hidden: [L], body: BODY.offer },
  'GET /cases/:id/transfer-summary': { ok: [A], hidden: [L], okStatuses: [409] },
  'GET /cases/:id/placements': { ok: [A], hidden: [L] },
  'GET /api/cases/:id/text-consent': { ok: [A], hidden: [T, L] },
  'PUT /api/cases/:id/text-consent': { hidden: [L], body: BODY.textConsent },
  'DELETE /api/cases/:id/text-consent': { hidden: [L] },
  'GET /cases/:id/text-messages': { ok: [A], hidden: [T, L] },
  'POST /cases/:id/text-messages': {
    hidden: [L],
    body: { 'agreedOn-day': day, 'agreedOn-month': month, 'agreedOn-year': year },
  },
  'POST /cases/:id/text-messages/withdraw': { hidden: [L] },

  // The working day: the case's link worker records; its team lead and admins read the contact
  // log (a team lead without notes); diaries, tasks and calendar feeds are a link worker's own
  'POST /api/cases/:id/contacts': { hidden: [L], body: BODY.caseContact },
  'GET /api/cases/:id/contacts': { ok: [A], hidden: [T, L] },
  'POST /api/cases/:id/contacts/:contactId/corrections': { hidden: [L], body: BODY.correction },
  'POST /api/cases/:id/appointments': { hidden: [L], body: BODY.appointment },
  'POST /api/cases/:id/reviews': { hidden: [L], body: BODY.review },
  'POST /api/cases/:id/tasks': { hidden: [L], body: BODY.task },
  'GET /api/appointments': { ok: [L] },
  'POST /api/appointments/:id/outcome': { hidden: [L], body: BODY.appointmentOutcome },
  'POST /api/appointments/:id/cancel': { hidden: [L] },
  'GET /api/tasks': { ok: [L], query: 'status=open' },
  'POST /api/tasks/:id/complete': { hidden: [L] },
  'GET /api/calendar-feed': { ok: [L] },
  'POST /api/calendar-feed': { ok: [L] },
  'DELETE /api/calendar-feed': { ok: [L] },
  'GET /calendar/:token.ics': PUBLIC,
  'GET /cases/:id/contacts/new': { ok: [A], hidden: [L] },
  'POST /cases/:id/contacts': { hidden: [L], body: FORM.contact },
  'GET /cases/:id/contacts/:contactId/correct': { hidden: [L] },
  'POST /cases/:id/contacts/:contactId/corrections': { hidden: [L], body: BODY.correction },
  'GET /cases/:id/appointments/new': { ok: [A], hidden: [L] },
  'POST /cases/:id/appointments': { hidden: [L], body: FORM.appointment },
  'GET /cases/:id/reviews/new': { ok: [A], hidden: [L] },
  'POST /cases/:id/reviews': { hidden: [L], body: FORM.review },
  'GET /cases/:id/tasks/new': { ok: [A], hidden: [L] },
  'POST /cases/:id/tasks': { hidden: [L], body: FORM.task },
  'GET /today': { ok: [L] },
  'GET /appointments/week': { ok: [L] },
  'GET /appointments/:id/outcome': { hidden: [L] },
  'POST /appointments/:id/outcome': { hidden: [L], body: { attended: 'no' } },
  'GET /appointments/:id/cancel': { hidden: [L] },
  'POST /appointments/:id/cancel': { hidden: [L] },
  'GET /tasks': { ok: [L] },
  'POST /tasks/:id/complete': { hidden: [L] },
  'GET /calendar-feed': { ok: [L] },
  'POST /calendar-feed': { ok: [L] },
  'POST /calendar-feed/revoke': { ok: [L] },
  // Handing cases over: reassignment by the service's team lead or an admin; cover between
  // link workers of one service (the world's cover is between two users who are not outsiders).
  'POST /api/cases/:id/reassign': { ok: [A], hidden: [T], body: BODY.reassign },
  'POST /api/cases/reassign-caseload': { ok: [A, T], body: BODY.reassignCaseload },
  'GET /cases/:id/reassign': { ok: [A], hidden: [T] },
  'POST /cases/:id/reassign': { ok: [A], hidden: [T], body: BODY.reassign },
  'GET /caseloads/reassign': { ok: [A, T] },
  'POST /caseloads/reassign': { ok: [A, T], body: BODY.reassignCaseload },
  'POST /api/cover': { ok: [A, T, L], body: BODY.cover },
  'GET /api/cover': { ok: [A, T, L] },
  'DELETE /api/cover/:id': { ok: [A], hidden: [T, L] },
  'GET /cover': { ok: [A, T, L] },
  'POST /cover': { ok: [A, T, L], body: FORM.cover },
  'POST /cover/:id/end': { ok: [A], hidden: [T, L] },

  // Directory: link workers see every group; coordinators their own organisation's
  'GET /api/groups': { ok: [A, L, G] },
  'POST /api/groups': { ok: [A, G] },
  'POST /api/groups/import': { ok: [A] },
  'GET /api/groups/search': { ok: [A], hidden: [L], query: 'caseId=:caseId' },
  'GET /api/groups/:id': { ok: [A, L], hidden: [G] },
  'PATCH /api/groups/:id': { ok: [A], hidden: [G], body: { schedule: 'Mondays' } },
  'GET /api/groups/:id/load': { ok: [A, L] },
  'GET /api/groups/:id/capacity': { ok: [A], hidden: [G] },
  'PUT /api/groups/:id/capacity': { ok: [A], hidden: [G], body: BODY.capacity },
  'GET /api/groups/:id/incidents': { ok: [A, L], hidden: [G] },
  'POST /api/groups/:id/incidents': { ok: [A, L], hidden: [G], body: BODY.incident },
  'POST /api/groups/:id/confirm': { ok: [A], hidden: [G] },
  'GET /api/groups/:id/changes': { ok: [A], hidden: [G] },
  'GET /api/groups/:id/changes/:changeId': { ok: [A], hidden: [G] },
  'POST /api/groups/:id/changes/:changeId/approve': { ok: [A] },
  'POST /api/groups/:id/changes/:changeId/reject': { ok: [A], body: BODY.changeReject },
  'POST /api/groups/:id/vetting-checks': { ok: [A] },
  'POST /api/groups/:id/suspend': { ok: [A] },
  'POST /api/groups/:id/reinstate': { ok: [A] },
  'POST /api/groups/:id/remove': { ok: [A] },
  'GET /directory': { ok: [A, L] },
  'GET /groups/mine': { ok: [A, G] },
  'GET /groups/new': { ok: [A, G] },
  'POST /groups/new': { ok: [A, G] },
  'GET /groups/:id': { ok: [A, L], hidden: [G] },
  'GET /groups/:id/edit': { ok: [A], hidden: [G] },
  'POST /groups/:id/edit': { ok: [A], hidden: [G] },
  'GET /groups/:id/capacity': { ok: [A], hidden: [G] },
  'POST /groups/:id/capacity': { ok: [A], hidden: [G], body: BODY.capacity },
  'POST /groups/:id/incidents': { ok: [A, L], hidden: [G], body: BODY.incident },
  'POST /groups/:id/confirm': { ok: [A], hidden: [G] },
  'GET /groups/:id/changes': { ok: [A], hidden: [G] },

  // Placements: the group's coordinators, the case's link worker, admins
  'GET /api/placements': { ok: [A, L, G] },
  'GET /api/placements/:id': { ok: [A], hidden: [L, G] },
  'POST /api/placements/:id/accept': { hidden: [G] },
  'POST /api/placements/:id/decline': { hidden: [G], body: BODY.placementDecline },
  'POST /api/placements/:id/attendance': { hidden: [G], body: BODY.attendance },
  'POST /api/placements/:id/end': { ok: [A], hidden: [L, G], body: BODY.placementEnd },
  'POST /api/placements/expire-overdue': { ok: [A] },
  'GET /placements': { ok: [A, L, G] },
  'GET /placements/:id': { ok: [A], hidden: [L, G] },
  'POST /placements/:id/accept': { hidden: [G] },
  'POST /placements/:id/decline': { hidden: [G], body: BODY.placementDecline },
  'POST /placements/:id/attendance': { hidden: [G], body: BODY.attendance },
  'POST /placements/:id/end': { ok: [A], hidden: [L, G], body: BODY.placementEnd },

  // Reports: aggregates for commissioners and admins only
  'GET /api/reports/service-access': { ok: [A, C], query: `${PERIOD}&by=migrantStatus` },
  'GET /api/reports/group-utilisation': { ok: [A, C], query: PERIOD },
  'GET /api/reports/unmet-need': { ok: [A, C], query: PERIOD },
  'GET /api/reports/equity': { ok: [A, C], query: `${PERIOD}&by=ethnicity` },
  'GET /reports': { ok: [A, C] },
  'GET /reports/service-access': { ok: [A, C], query: PERIOD },
  'GET /reports/group-utilisation': { ok: [A, C], query: PERIOD },
  'GET /reports/unmet-need': { ok: [A, C], query: PERIOD },
  'GET /reports/equity': { ok: [A, C], query: `${PERIOD}&by=sex` },
  // Activity: a team lead reads its own service's figures, suppressed like every report
  'GET /api/reports/activity': { ok: [A, T, C], query: PERIOD },
  'GET /team/activity': { ok: [A, T], query: PERIOD },
};

export type Verdict = 'ok' | 'hidden' | 'neverFound' | 'forbidden' | 'public';

export function verdictFor(e: Expectation, role: Role): Verdict {
  if (e.public) return 'public';
  if (e.ok?.includes(role)) return 'ok';
  if (e.hidden?.includes(role)) return 'hidden';
  if (e.neverFound?.includes(role)) return 'neverFound';
  return 'forbidden';
}
