import { ROLES, type Role } from '../../src/common/vocabulary';
import { signInAgent } from '../support/page-session';
import { buildMatrixWorld, type MatrixWorld } from '../support/matrix-world';
import { routeTable } from '../support/route-table';
import { TestContext, type TestUser } from '../support/test-app';

/**
 * Every permitted read of a case file and its migration profile is in the audit log, whoever
 * reads it and however (API or page); refused reads record nothing and show nothing; and the
 * log itself cannot be rewritten, through the app or behind it.
 */
jest.setTimeout(60_000);

interface AuditRow {
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
}

describe('Audit of sensitive reads', () => {
  let ctx: TestContext;
  let world: MatrixWorld;

  beforeAll(async () => {
    ctx = await TestContext.create({
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
    });
    world = await buildMatrixWorld(ctx);
  });
  afterAll(() => ctx.close());

  const auditOf = async (actor: TestUser): Promise<AuditRow[]> =>
    (
      await ctx.db.query<AuditRow>(
        `SELECT actor_id, action, entity, entity_id FROM audit_event
          WHERE subject_id = $1 AND actor_id = $2 ORDER BY at, action`,
        [world.personId, actor.id],
      )
    ).rows;

  const readers = (): [string, TestUser, 'permitted' | 'refused'][] => [
    ['assigned link worker', world.owners.link_worker, 'permitted'],
    ['admin', world.owners.admin, 'permitted'],
    ...ROLES.filter((r: Role) => r !== 'admin').map(
      (r) =>
        [`${r} (not assigned)`, world.outsiders[r], 'refused'] as [string, TestUser, 'refused'],
    ),
    ['group coordinator of the placement', world.owners.group_coordinator, 'refused'],
    ['referrer who sent the referral', world.owners.referrer, 'refused'],
  ];

  it('records each permitted API read of the case and its migration profile, and nothing for refused ones', async () => {
    for (const [who, user, outcome] of readers()) {
      const before = await auditOf(user);
      const caseRes = await ctx.http
        .get(`/api/cases/${world.caseId}`)
        .set('Authorization', user.auth);
      const profileRes = await ctx.http
        .get(`/api/cases/${world.caseId}/migration-profile`)
        .set('Authorization', user.auth);
      const added = (await auditOf(user)).slice(before.length);

      if (outcome === 'permitted') {
        expect([who, caseRes.status, profileRes.status]).toEqual([who, 200, 200]);
        expect(profileRes.body).toMatchObject({ migrantStatus: 'trafficked_person' });
        expect(added).toEqual([
          { actor_id: user.id, action: 'read', entity: 'case', entity_id: world.caseId },
          {
            actor_id: user.id,
            action: 'read_migration_profile',
            entity: 'migration_profile',
            entity_id: world.personId,
          },
        ]);
      } else {
        // The case itself is "not found" to everyone who cannot read it; its parts refuse other roles.
        const profileExpected = user.role === 'link_worker' ? 404 : 403;
        expect([who, caseRes.status, profileRes.status]).toEqual([who, 404, profileExpected]);
        expect(profileRes.text).not.toContain('trafficked_person');
        expect([who, added]).toEqual([who, []]);
      }
    }
  });

  it('records reads through the case pages too', async () => {
    for (const user of [world.owners.link_worker, world.owners.admin]) {
      const agent = await signInAgent(ctx, user);
      const before = await auditOf(user);
      await agent.get(`/cases/${world.caseId}`).expect(200);
      const profilePage = await agent.get(`/cases/${world.caseId}/migration-profile`).expect(200);
      expect(profilePage.text).toContain('Eritrea');
      const actions = (await auditOf(user)).slice(before.length).map((r) => r.action);
      expect(actions).toEqual(expect.arrayContaining(['read', 'read_migration_profile']));
    }
    const outsider = await signInAgent(ctx, world.outsiders.link_worker);
    const before = await auditOf(world.outsiders.link_worker);
    await outsider.get(`/cases/${world.caseId}/migration-profile`).expect(404);
    expect(await auditOf(world.outsiders.link_worker)).toEqual(before);
  });

  it('shows an admin who read the record, through GET /api/audit and the subject access export', async () => {
    await ctx.http
      .get(`/api/cases/${world.caseId}/migration-profile`)
      .set('Authorization', world.owners.link_worker.auth)
      .expect(200);
    const audit = await ctx.http
      .get(`/api/audit?subjectId=${world.personId}&limit=200`)
      .set('Authorization', world.owners.admin.auth)
      .expect(200);
    const items = audit.body.items as { actorId: string; action: string; entity: string }[];
    expect(items).toContainEqual(
      expect.objectContaining({
        actorId: world.owners.link_worker.id,
        action: 'read_migration_profile',
        entity: 'migration_profile',
      }),
    );
    expect(items.some((i) => i.actorId === world.outsiders.link_worker.id)).toBe(false);

    const exported = await ctx.http
      .get(`/api/people/${world.personId}/export`)
      .set('Authorization', world.owners.admin.auth)
      .expect(200);
    expect(JSON.stringify(exported.body)).toContain(world.owners.link_worker.id);

    for (const role of ['link_worker', 'group_coordinator', 'referrer', 'commissioner'] as const) {
      await ctx.http
        .get(`/api/audit?subjectId=${world.personId}`)
        .set('Authorization', world.owners[role].auth)
        .expect(403);
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE of audit rows in the database itself', async () => {
    const before = await ctx.count('audit_event');
    expect(before).toBeGreaterThan(0);
    await expect(
      ctx.db.query(`UPDATE audit_event SET action = 'nothing_to_see' WHERE subject_id = $1`, [
        world.personId,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      ctx.db.query('DELETE FROM audit_event WHERE subject_id = $1', [world.personId]),
    ).rejects.toThrow(/append-only/);
    await expect(ctx.db.query('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
    expect(await ctx.count('audit_event')).toBe(before);
  });

  it('has no route that writes to the audit log, and existing rows survive even an erasure', async () => {
    const auditRoutes = routeTable(ctx.app).filter((r) => /audit/.test(r.path));
    expect(auditRoutes.map((r) => r.key)).toEqual(['GET /api/audit']);

    const snapshot = async () =>
      (
        await ctx.db.query<{ digest: string; n: number }>(
          `SELECT md5(string_agg(t::text, '|' ORDER BY id)) AS digest, count(*)::int AS n
             FROM audit_event t WHERE at < $1`,
          [cutoff],
        )
      ).rows[0];
    const cutoff = (await ctx.db.query<{ now: Date }>('SELECT now() AS now')).rows[0].now;
    const before = await snapshot();

    await ctx.http
      .post(`/api/people/${world.personId}/erase`)
      .set('Authorization', world.owners.admin.auth)
      .send({})
      .expect((res) => expect(res.status).toBeLessThan(300));
    expect(await snapshot()).toEqual(before);
    const { rows } = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event WHERE subject_id = $1 AND at >= $2`,
      [world.personId, cutoff],
    );
    expect(rows[0].n).toBeGreaterThan(0);
  });
});
