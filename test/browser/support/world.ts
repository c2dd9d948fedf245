import { AuthService } from '../../../src/auth/auth.service';
import { UsersService } from '../../../src/auth/users.service';
import type { Role } from '../../../src/common/vocabulary';
import { newApprovedGroup } from '../../support/directory-factory';
import { capacityBody } from '../../support/placements-factory';
import { referralBody } from '../../support/referrals-factory';
import { TEST_PASSWORD, type TestContext, type TestUser } from '../../support/test-app';

export interface NamedUser extends TestUser {
  name: string;
}

/**
 * A small, realistic world for browser tests and screenshots: one user of each role with a
 * readable name, a referring GP practice, a community group with places, a referral waiting in
 * the inbox, and a case that already has a needs assessment and an offer to the group.
 */
export interface BrowserWorld {
  admin: NamedUser;
  linkWorker: NamedUser;
  /** The team lead of the link worker's service (the default service). */
  teamLead: NamedUser;
  /** The default service, which every user and record of this world is in. */
  serviceId: string;
  coordinator: NamedUser;
  referrer: NamedUser;
  commissioner: NamedUser;
  group: { id: string; name: string };
  pendingGroup: { id: string; name: string };
  /** Waiting in the inbox, unassigned. */
  newReferral: { id: string; reference: string; givenName: string };
  /** Accepted: its case is open, with needs assessed and a place offered. */
  acceptedReferral: { id: string; reference: string };
  caseId: string;
  placementId: string;
}

export async function seedBrowserWorld(ctx: TestContext): Promise<BrowserWorld> {
  const gp = await ctx.newOrganisation({ name: 'Radford Health Centre', kind: 'gp_practice' });
  const circle = await ctx.newOrganisation({
    name: 'Refugee Women’s Circle',
    kind: 'community_group',
  });
  const admin = await namedUser(ctx, 'admin', 'Ada Admin');
  const linkWorker = await namedUser(ctx, 'link_worker', 'Lina Worker');
  const teamLead = await namedUser(ctx, 'team_lead', 'Tomasz Lead');
  const coordinator = await namedUser(ctx, 'group_coordinator', 'Grace Coordinator', circle.id);
  const referrer = await namedUser(ctx, 'referrer', 'Dr Asha Patel', gp.id);
  const commissioner = await namedUser(ctx, 'commissioner', 'Colin Commissioner');

  const group = await newApprovedGroup(ctx, {
    level: 1,
    organisationId: circle.id,
    name: 'Conversation café',
  });
  await api(ctx, 'put', `/api/groups/${group.id}/capacity`, coordinator, capacityBody());
  const pendingGroup = await newApprovedGroup(ctx, {
    level: 0,
    organisationId: circle.id,
    name: 'Sewing and stories',
    needsServed: ['social_connection', 'culture_faith'],
  });

  const accepted = await api<{ id: string; reference: string }>(
    ctx,
    'post',
    '/api/referrals',
    referrer,
    referralBody(),
  );
  await api(ctx, 'post', `/api/referrals/${accepted.id}/assign`, linkWorker, {
    linkWorkerId: linkWorker.id,
  });
  const { caseId } = await api<{ caseId: string }>(
    ctx,
    'post',
    `/api/referrals/${accepted.id}/accept`,
    linkWorker,
    {},
  );
  await api(ctx, 'put', `/api/cases/${caseId}/needs`, linkWorker, {
    needs: [
      { domain: 'social_connection', severity: 3, priority: true, note: 'Knows nobody nearby' },
      { domain: 'language', severity: 2, priority: true },
      { domain: 'housing', severity: 2, priority: false },
    ],
    whatMattersToMe: 'Meeting other mothers and practising English.',
  });
  const placement = await api<{ id: string }>(
    ctx,
    'post',
    `/api/cases/${caseId}/placements`,
    linkWorker,
    { groupId: group.id, note: 'Would like to practise English.' },
  );
  // Its review is overdue, so the team lead's dashboard lists it.
  await ctx.db.query('UPDATE support_case SET review_by = current_date - 3 WHERE id = $1', [
    caseId,
  ]);

  const newReferral = await api<{ id: string; reference: string }>(
    ctx,
    'post',
    '/api/referrals',
    referrer,
    referralBody({
      person: {
        givenName: 'Tesfay',
        familyName: 'Haile',
        dateOfBirth: '1985-07-14',
        phone: '07700 900456',
        preferredLanguage: 'ti',
        nhsNumber: null,
      },
      reasons: ['language', 'employment'],
      summary: 'New in the city; wants to improve English and find work.',
    }),
  );

  return {
    admin,
    linkWorker,
    teamLead,
    serviceId: linkWorker.serviceId!,
    coordinator,
    referrer,
    commissioner,
    group: { id: group.id, name: 'Conversation café' },
    pendingGroup: { id: pendingGroup.id, name: 'Sewing and stories' },
    newReferral: { ...newReferral, givenName: 'Tesfay' },
    acceptedReferral: accepted,
    caseId,
    placementId: placement.id,
  };
}

async function namedUser(
  ctx: TestContext,
  role: Role,
  name: string,
  organisationId?: string,
): Promise<NamedUser> {
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@linkway.test`;
  const user = await ctx.app
    .get(UsersService)
    .create({ email, name, role, password: TEST_PASSWORD, organisationId }, null);
  const { accessToken } = await ctx.app.get(AuthService).issueToken({ ...user });
  return {
    id: user.id,
    email: user.email,
    name,
    role,
    organisationId: user.organisationId,
    serviceId: user.serviceId,
    token: accessToken,
    auth: `Bearer ${accessToken}`,
  };
}

async function api<T = unknown>(
  ctx: TestContext,
  method: 'post' | 'put',
  path: string,
  user: TestUser,
  body: object,
): Promise<T> {
  const res = await ctx.http[method](path).set('Authorization', user.auth).send(body);
  if (res.status >= 300)
    throw new Error(`${method.toUpperCase()} ${path}: ${res.status} ${res.text}`);
  return res.body as T;
}
