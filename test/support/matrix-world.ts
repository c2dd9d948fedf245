import type { Role } from '../../src/common/vocabulary';
import { newCase } from './casework-factory';
import { newPlacementGroup } from './placements-factory';
import { assignReferral, createReferral } from './referrals-factory';
import { ServicesService } from '../../src/services/services.service';
import type { TestContext, TestUser } from './test-app';
import { ukDate } from '../../src/common/uk-date';

/**
 * Distinctive strings written into every sensitive field of one case, so a test can search any
 * response for them: finding one outside the case file is a leak.
 */
export const MARKERS = {
  familyName: 'Zqfamilymarker',
  referralSummary: 'MKR-REFERRAL-SUMMARY-9c1e',
  safeguardingNote: 'MKR-SAFEGUARDING-NOTE-4b2d',
  crisisNote: 'MKR-CRISIS-NOTE-77a0',
  immigrationNote: 'MKR-IMMIGRATION-DETAIL-31f5',
  healthNote: 'MKR-HEALTH-DETAIL-e8d4',
  mentalHealthNote: 'MKR-MENTAL-HEALTH-5a6c',
  onwardReason: 'MKR-ONWARD-REASON-0d9b',
  contactNote: 'MKR-CONTACT-NOTE-2f8e',
} as const;

/** Codes only the case file should show: the migration profile, flags and crisis type. */
export const SENSITIVE_CODES = [
  'trafficked_person',
  'trafficking_survivor',
  'torture_survivor',
  'exploitation_disclosure',
] as const;

/** Keys that belong to the case file and must never appear in a group's, referrer's or commissioner's JSON. */
export const SENSITIVE_KEYS = [
  'countryOfBirth',
  'nationality',
  'migrantStatus',
  'yearOfArrival',
  'migrationProfile',
  'safeguarding',
  'safeguardingFlags',
  'flags',
  'requiredLevel',
  'crisisPoints',
  'inCrisis',
  'needs',
  'onwardReferrals',
  'outcomes',
  'summary',
] as const;

/** A group hears the given name and contact route only; a referrer's letter names the patient. */
export const GROUP_SENSITIVE_KEYS = ['familyName', 'dateOfBirth', 'nhsNumber'] as const;

export const MIGRATION_PROFILE = {
  countryOfBirth: 'ER',
  nationality: 'ER',
  yearOfArrival: 2019,
  mainLanguage: 'ti',
  migrantStatus: 'trafficked_person',
  interpreterNeeded: true,
} as const;

export interface MatrixWorld {
  /** The person acting in each role who owns nothing in the world below. */
  outsiders: Record<Role, TestUser>;
  /** The users who own the world: its link worker, group coordinator and referrer. */
  owners: Record<Role, TestUser>;
  caseId: string;
  personId: string;
  /** A second person with a case of the same link worker: a pair to review for merging. */
  duplicatePersonId: string;
  crisisId: string;
  referralId: string;
  groupId: string;
  placementId: string;
  /** The referrer's organisation. */
  organisationId: string;
  /** A notification addressed to the owning link worker. */
  notificationId: string;
  /** A message in the outbox (the referrer's "received" email). */
  outboxId: string;
  /** A second service, where the outsider team lead works; the world is in the default one. */
  otherServiceId: string;
  /** The case's contact (its note carries a marker), a booked appointment and a task. */
  contactId: string;
  appointmentId: string;
  taskId: string;
  /** The world's link worker's caseload covered by a colleague (neither of them an outsider). */
  coverId: string;
  /** A change to the group's details, sent by its coordinator and waiting for an admin. */
  changeId: string;
  /** Ids of the world's records that each outsider role must never see in a list. */
  foreignIds: Record<Role, string[]>;
}

const today = () => ukDate();

async function call(
  ctx: TestContext,
  user: TestUser,
  method: 'post' | 'put',
  url: string,
  body: object = {},
  expected = [200, 201],
): Promise<Record<string, unknown>> {
  const res = await ctx.http[method](url).set('Authorization', user.auth).send(body);
  if (!expected.includes(res.status)) {
    throw new Error(`${method.toUpperCase()} ${url} → ${res.status} ${res.text}`);
  }
  return res.body as Record<string, unknown>;
}

/**
 * One person's full journey, owned by one link worker, one group and one referrer: a referral
 * accepted into a case with a migration profile, needs, safeguarding flags, a crisis point, an
 * onward referral, an outcome and an attended placement. Plus one outsider per role.
 */
export async function buildMatrixWorld(ctx: TestContext): Promise<MatrixWorld> {
  const admin = await ctx.newUser('admin');
  const commissioner = await ctx.newUser('commissioner');
  const lwA = await ctx.newUser('link_worker');
  const refA = await ctx.newUser('referrer');
  const group = await newPlacementGroup(ctx, { places: 3 }, 3);
  const gcA = group.coordinator;
  const otherService = await ctx.app
    .get(ServicesService)
    .create({ name: 'Another service' }, admin.id);
  const outsiders: Record<Role, TestUser> = {
    admin,
    commissioner,
    team_lead: await ctx.newUser('team_lead', { serviceId: otherService.id }),
    link_worker: await ctx.newUser('link_worker'),
    group_coordinator: await ctx.newUser('group_coordinator'),
    referrer: await ctx.newUser('referrer'),
  };
  const owners: Record<Role, TestUser> = {
    admin,
    commissioner,
    team_lead: await ctx.newUser('team_lead'),
    link_worker: lwA,
    group_coordinator: gcA,
    referrer: refA,
  };

  const referral = await createReferral(ctx, refA, {
    summary: `Low mood. ${MARKERS.referralSummary}`,
    person: {
      givenName: 'Selamawit',
      familyName: MARKERS.familyName,
      dateOfBirth: '1987-03-14',
      preferredLanguage: 'ti',
    },
  });
  const assigned = await assignReferral(ctx, admin, referral.id, lwA.id);
  if (assigned.status !== 200) throw new Error(`assign → ${assigned.status} ${assigned.text}`);
  const { caseId } = (await call(ctx, lwA, 'post', `/api/referrals/${referral.id}/accept`)) as {
    caseId: string;
  };
  const caseUrl = `/api/cases/${caseId}`;
  await call(ctx, lwA, 'put', `${caseUrl}/migration-profile`, MIGRATION_PROFILE);
  await call(ctx, lwA, 'put', `${caseUrl}/needs`, {
    needs: [
      { domain: 'immigration_legal', severity: 4, priority: true, note: MARKERS.immigrationNote },
      { domain: 'physical_health', severity: 3, priority: false, note: MARKERS.healthNote },
      { domain: 'mental_health', severity: 3, priority: true, note: MARKERS.mentalHealthNote },
      { domain: 'social_connection', severity: 2, priority: true },
    ],
    whatMattersToMe: 'Meeting people who speak Tigrinya',
  });
  await call(ctx, lwA, 'put', `${caseUrl}/safeguarding`, {
    flags: ['trafficking_survivor', 'torture_survivor'],
    note: MARKERS.safeguardingNote,
  });
  await call(ctx, lwA, 'post', `${caseUrl}/onward-referrals`, {
    service: 'immigration_advice',
    reason: MARKERS.onwardReason,
  });
  await call(ctx, lwA, 'post', `${caseUrl}/outcomes`, {
    instrument: 'SWEMWBS',
    timepoint: 'baseline',
    answers: [2, 2, 3, 2, 2, 3, 2],
  });
  const placement = await call(ctx, lwA, 'post', `${caseUrl}/placements`, {
    groupId: group.id,
    note: 'Would like to practise English.',
  });
  const placementId = placement.id as string;
  await call(ctx, gcA, 'post', `/api/placements/${placementId}/accept`);
  await call(ctx, gcA, 'post', `/api/placements/${placementId}/attendance`, {
    date: today(),
    attended: true,
  });
  const crisis = await call(ctx, lwA, 'post', `${caseUrl}/crisis-points`, {
    type: 'exploitation_disclosure',
    occurredAt: today(),
    note: MARKERS.crisisNote,
    pausePlacements: false,
  });

  const contact = await call(ctx, lwA, 'post', `${caseUrl}/contacts`, {
    at: new Date(Date.now() - 3_600_000).toISOString(),
    mode: 'home_visit',
    note: MARKERS.contactNote,
  });
  const appointment = await call(ctx, lwA, 'post', `${caseUrl}/appointments`, {
    startsAt: new Date(Date.now() + 48 * 3_600_000).toISOString(),
    durationMinutes: 45,
    mode: 'face_to_face',
    location: 'Hyson Green Library',
  });
  const task = await call(ctx, lwA, 'post', `${caseUrl}/tasks`, {
    title: 'Ring the housing officer',
    dueOn: today(),
  });
  const colleague = await ctx.newUser('link_worker');
  const cover = await call(ctx, lwA, 'post', '/api/cover', {
    coverUserId: colleague.id,
    from: today(),
    to: today(),
  });
  const change = await ctx.http
    .patch(`/api/groups/${group.id}`)
    .set('Authorization', gcA.auth)
    .send({ description: 'A friendly group, now meeting on Saturdays too.' });
  if (change.status !== 202) throw new Error(`PATCH group → ${change.status} ${change.text}`);

  const { rows: people } = await ctx.db.query<{ person_id: string }>(
    'SELECT person_id FROM support_case WHERE id = $1',
    [caseId],
  );
  const { rows: notes } = await ctx.db.query<{ id: string }>(
    'SELECT id FROM notification WHERE recipient_user_id = $1 LIMIT 1',
    [lwA.id],
  );
  if (!notes[0]) throw new Error('the world has no notification for its link worker');
  const { rows: messages } = await ctx.db.query<{ id: string }>(
    `SELECT id FROM notification_outbox WHERE recipient_user_id = $1 LIMIT 1`,
    [refA.id],
  );
  if (!messages[0]) throw new Error('the world has no message in the outbox for its referrer');

  const duplicate = await newCase(ctx, lwA, {
    person: { givenName: 'Selam', familyName: 'Haile' },
  });

  const world = {
    outsiders,
    owners,
    caseId,
    personId: people[0].person_id,
    duplicatePersonId: duplicate.personId,
    crisisId: crisis.id as string,
    referralId: referral.id,
    groupId: group.id,
    placementId,
    organisationId: refA.organisationId!,
    notificationId: notes[0].id,
    outboxId: messages[0].id,
    otherServiceId: otherService.id,
    contactId: contact.id as string,
    appointmentId: appointment.id as string,
    taskId: task.id as string,
    coverId: cover.id as string,
    changeId: (change.body as { id: string }).id,
  };
  const personal = [
    world.caseId,
    world.personId,
    world.duplicatePersonId,
    world.crisisId,
    world.placementId,
    world.contactId,
    world.appointmentId,
    world.taskId,
  ];
  return {
    ...world,
    foreignIds: {
      admin: [],
      // Another service's team lead sees nothing of this service's people.
      team_lead: [...personal, world.referralId, world.notificationId, world.coverId],
      // Link workers triage every referral; once accepted, another's shows no case or person.
      link_worker: [
        world.caseId,
        world.personId,
        world.duplicatePersonId,
        world.crisisId,
        world.placementId,
        world.notificationId,
        world.contactId,
        world.appointmentId,
        world.taskId,
        world.coverId,
      ],
      group_coordinator: [
        ...personal,
        world.referralId,
        world.groupId,
        world.notificationId,
        world.coverId,
      ],
      referrer: [...personal, world.referralId, world.groupId, world.notificationId, world.coverId],
      // Group utilisation is reported per group.
      commissioner: [...personal, world.referralId, world.notificationId, world.coverId],
    },
  };
}

/** The ids a route's path parameters (and query templates) are filled with. */
export function worldIds(world: MatrixWorld, path: string, as?: TestUser): Record<string, string> {
  const organisationId = as?.organisationId ?? world.organisationId;
  const byPath: [RegExp, string][] = [
    [/^\/fhir\//, world.referralId],
    [/^\/(api\/)?cases\//, world.caseId],
    [/^\/(api\/)?appointments\//, world.appointmentId],
    [/^\/(api\/)?tasks\//, world.taskId],
    [/referrals\//, world.referralId],
    [/^\/(api\/)?(groups|admin\/vetting)\//, world.groupId],
    [/^\/openreferral\/(services|service_at_locations)\//, world.groupId],
    [/placements\//, world.placementId],
    [/organisations\//, organisationId],
    [/^\/(api|admin)\/users\//, world.owners.link_worker.id],
    [/^\/(api\/people|people|admin\/data-protection)\//, world.personId],
    [/^\/(api\/notifications\/outbox|admin\/notifications)\//, world.outboxId],
    [/notifications\//, world.notificationId],
    [/^\/(api\/)?cover\//, world.coverId],
    [/^\/(api|admin)\/services\//, world.otherServiceId],
  ];
  const recordId =
    byPath.find(([pattern]) => pattern.test(path))?.[1] ?? '6f1c1a5e-0000-4000-8000-000000000000';
  return {
    id: recordId,
    crisisId: world.crisisId,
    caseId: world.caseId,
    groupId: world.groupId,
    personId: world.personId,
    duplicatePersonId: world.duplicatePersonId,
    otherPersonId: world.duplicatePersonId,
    serviceId: world.otherServiceId,
    linkWorkerId: world.owners.link_worker.id,
    contactId: world.contactId,
    referralId: world.referralId,
    changeId: world.changeId,
  };
}
