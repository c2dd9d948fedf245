import { monthsBefore } from '../src/referrals/retention-periods';
import { RetentionJob } from '../src/referrals/retention.job';
import { personWhose, serviceAccess } from './support/data-protection-factory';
import { storedPerson } from './support/casework-factory';
import { TestContext, type TestUser } from './support/test-app';
import { ukDate } from '../src/common/uk-date';
import { ServiceAccessService } from '../src/reports/service-access/service-access.service';
import { ALL_SERVICES } from '../src/services/scoped-transactions';

describe('data protection: retention', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let worker: TestUser;
  let referrer: TestUser;
  let commissioner: TestUser;
  let due: Record<'declined' | 'undecided' | 'closed', { personId: string; familyName: string }>;
  let kept: { personId: string; familyName: string }[];

  const erasedAt = async (personId: string) =>
    (await ctx.db.query('SELECT erased_at FROM person WHERE id = $1', [personId])).rows[0]
      .erased_at as Date | null;
  const erasures = async () =>
    (
      await ctx.db.query<{ actor_id: string | null; subject_id: string; detail: unknown }>(
        `SELECT actor_id, subject_id, detail FROM audit_event WHERE action = 'erase' ORDER BY at`,
      )
    ).rows;
  const report = (user: TestUser, query = '') =>
    ctx.http.get(`/api/admin/retention${query}`).set('Authorization', user.auth);
  const applyNow = (user: TestUser, query = '') =>
    ctx.http.post(`/api/admin/retention${query}`).set('Authorization', user.auth).send();
  const totalsQuery = () => `from=2015-01-01&to=${ukDate()}`;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser('admin');
    worker = await ctx.newUser('link_worker', { caseloadLimit: 100 });
    referrer = await ctx.newUser('referrer');
    commissioner = await ctx.newUser('commissioner');
    const users = { referrer, worker };
    due = {
      declined: await personWhose(ctx, users, 'declined', 25),
      undecided: await personWhose(ctx, users, 'undecided', 25),
      closed: await personWhose(ctx, users, 'closed', 97),
    };
    kept = [
      await personWhose(ctx, users, 'declined', 23),
      await personWhose(ctx, users, 'undecided', 1),
      await personWhose(ctx, users, 'closed', 90),
      await personWhose(ctx, users, 'open', 120),
    ];
  });
  afterAll(() => ctx.close());

  it('is for admins only', async () => {
    for (const user of [worker, referrer, commissioner]) {
      await report(user).expect(403);
      await applyNow(user).expect(403);
    }
    await ctx.http.get('/api/admin/retention').expect(401);
    await report(admin, '?dryRun=false').expect(422);
  });

  it('reports in a dry run who is past their period, by kind, and changes nothing', async () => {
    const before = await ctx.snapshot();
    const auditBefore = await ctx.count('audit_event');
    const people = (await ctx.db.query('SELECT * FROM person ORDER BY id')).rows;

    const { body } = await report(admin, '?dryRun=true').expect(200);

    expect(body).toMatchObject({
      dryRun: true,
      ran: true,
      periods: { declinedReferralMonths: 24, undecidedReferralMonths: 24, closedCaseMonths: 96 },
      counts: { declined_referral: 1, undecided_referral: 1, closed_case: 1 },
      total: 3,
      truncated: false,
    });
    expect(body.people).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ personId: due.declined.personId, kind: 'declined_referral' }),
        expect.objectContaining({ personId: due.undecided.personId, kind: 'undecided_referral' }),
        expect.objectContaining({ personId: due.closed.personId, kind: 'closed_case' }),
      ]),
    );
    expect(JSON.stringify(body)).not.toContain('Retained');
    expect((await applyNow(admin, '?dryRun=true').expect(200)).body.total).toBe(3);
    expect(await ctx.snapshot()).toEqual(before);
    expect(await ctx.count('audit_event')).toBe(auditBefore);
    expect((await ctx.db.query('SELECT * FROM person ORDER BY id')).rows).toEqual(people);
  });

  it('refuses to run while another instance holds the retention lock, changing nothing', async () => {
    const holder = await ctx.db.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtext('linkway.retention'))`);
      const res = await applyNow(admin).expect(409);
      expect(res.body.code).toBe('retention_running');
      expect(await erasedAt(due.declined.personId)).toBeNull();
      const job = ctx.app.get(RetentionJob);
      await job.nightly();
      expect(await erasedAt(due.closed.personId)).toBeNull();
    } finally {
      await holder.query(`SELECT pg_advisory_unlock(hashtext('linkway.retention'))`);
      holder.release();
    }
  });

  it('anonymises people past their period, keeps the rest, audits each, and report totals stay the same', async () => {
    const totalsBefore = await serviceAccess(ctx, commissioner, totalsQuery());
    // Seven referrals in six months of a long period: the published total would pin each month
    // to 1 or 2, so the report suppresses it. The figures it is built from must not move either.
    const figuresBefore = await reportFigures();
    expect(figuresBefore).toMatchObject({ referrals: 7, accepted: 3, completed: 2 });

    const { body } = await applyNow(admin).expect(200);

    expect(body).toMatchObject({
      dryRun: false,
      ran: true,
      counts: { declined_referral: 1, undecided_referral: 1, closed_case: 1 },
      total: 3,
    });
    for (const p of Object.values(due)) {
      const rows = [await storedPerson(ctx, p.personId)];
      expect(rows[0]).toMatchObject({
        given_name: 'Erased',
        family_name: null,
        phone: null,
        nhs_number: null,
        // The same path as an erasure request: report facts frozen, then these removed.
        date_of_birth: null,
        postcode: null,
      });
      expect(rows[0].erased_at).not.toBeNull();
      const { rows: frozen } = await ctx.db.query(
        'SELECT bool_and(report_facts_frozen_at IS NOT NULL) AS all_frozen FROM referral WHERE person_id = $1',
        [p.personId],
      );
      expect(frozen[0].all_frozen).toBe(true);
    }
    for (const p of kept) {
      expect(await erasedAt(p.personId)).toBeNull();
      const rows = [await storedPerson(ctx, p.personId)];
      expect(rows[0].family_name).toBe(p.familyName);
    }
    const audit = await erasures();
    expect(audit).toHaveLength(3);
    expect(audit.map((a) => a.subject_id).sort()).toEqual(
      Object.values(due)
        .map((p) => p.personId)
        .sort(),
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor_id: admin.id,
          subject_id: due.closed.personId,
          detail: expect.objectContaining({ reason: 'retention', kind: 'closed_case' }),
        }),
      ]),
    );
    // The referral's own details (kept encrypted) are gone too.
    const referral = await ctx.http
      .get(`/api/referrals/${(await referralOf(due.declined.personId)).id}`)
      .set('Authorization', admin.auth)
      .expect(200);
    expect(referral.body.person.givenName).toBe('[erased]');
    expect(referral.body.summary).toBeNull();
    expect(referral.body).toMatchObject({ status: 'declined', declineReason: 'unable_to_contact' });

    expect(await serviceAccess(ctx, commissioner, totalsQuery())).toEqual(totalsBefore);
    expect(await reportFigures()).toEqual(figuresBefore);
  });

  it('finds nothing more to do on the next run, and the nightly job audits as the system', async () => {
    const { body } = await report(admin).expect(200);
    expect(body).toMatchObject({ total: 0, people: [] });
    await ctx.db.query(`UPDATE support_case SET closed_at = $2 WHERE person_id = $1`, [
      kept[2].personId,
      monthsBefore(new Date(), 100),
    ]);
    await ctx.app.get(RetentionJob).nightly();
    expect(await erasedAt(kept[2].personId)).not.toBeNull();
    const last = (await erasures()).at(-1);
    expect(last).toMatchObject({ actor_id: null, subject_id: kept[2].personId });
    expect((await applyNow(admin).expect(200)).body.total).toBe(0);
  });

  /** The service-access totals before suppression, as the report reads them. */
  async function reportFigures() {
    const figures = await ctx.app
      .get(ServiceAccessService)
      .read({ from: '2015-01-01', to: ukDate(), dimensions: [] }, ALL_SERVICES);
    return figures.aggregates.find((r) => r.grouped.length === 0);
  }

  async function referralOf(personId: string) {
    const { rows } = await ctx.db.query<{ id: string }>(
      'SELECT id FROM referral WHERE person_id = $1',
      [personId],
    );
    return rows[0];
  }
});

describe('data protection: retention periods from configuration', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create({
      RETENTION_DECLINED_REFERRAL_MONTHS: '3',
      RETENTION_JOB_ENABLED: 'false',
    });
  });
  afterAll(() => ctx.close());

  it('uses the configured period, and the disabled nightly job changes nothing', async () => {
    const admin = await ctx.newUser('admin');
    const worker = await ctx.newUser('link_worker');
    const referrer = await ctx.newUser('referrer');
    const declined = await personWhose(ctx, { referrer, worker }, 'declined', 4);

    const { body } = await ctx.http
      .get('/api/admin/retention')
      .set('Authorization', admin.auth)
      .expect(200);
    expect(body.periods.declinedReferralMonths).toBe(3);
    expect(body.people).toEqual([
      expect.objectContaining({ personId: declined.personId, kind: 'declined_referral' }),
    ]);

    await ctx.app.get(RetentionJob).nightly();
    const { rows } = await ctx.db.query('SELECT erased_at FROM person WHERE id = $1', [
      declined.personId,
    ]);
    expect(rows[0].erased_at).toBeNull();
  });
});
