import { ukDate } from '../src/common/uk-date';
import { ListingConfirmationJob } from '../src/directory/listing-confirmation.job';
import { addMonths } from '../src/directory/listing-rules';
import { newCase } from './support/casework-factory';
import { newApprovedGroup } from './support/directory-factory';
import { expectValidHsds } from './support/hsds-schemas';
import { signInAgent } from './support/page-session';
import { capacityBody } from './support/placements-factory';
import { TestContext, type TestUser } from './support/test-app';

const addDays = (isoDate: string, days: number) => {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
/** Noon UTC is on the same calendar day in the UK, summer or winter. */
const noonOn = (isoDate: string) => new Date(`${isoDate}T12:00:00Z`);
/** First minute of a UK calendar day, in a winter month (GMT) or a summer one (BST). */
const ukMidnight = (isoDate: string) => {
  const utcMidnight = new Date(`${isoDate}T00:00:00Z`);
  const hourBefore = new Date(utcMidnight.getTime() - 3_600_000);
  return ukDate(hourBefore) === isoDate ? hourBefore : utcMidnight;
};

describe('Directory: the confirmation schedule of a listing (contract: "Directory freshness")', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let linkWorker: TestUser;
  let coordinator: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser('admin');
    linkWorker = await ctx.newUser('link_worker');
    coordinator = await ctx.newUser('group_coordinator');
  });
  afterAll(() => ctx.close());

  /** A level-1 group run by the coordinator, with places, last confirmed on the given UK date. */
  async function groupConfirmedOn(isoDate: string | null, name?: string) {
    const g = await newApprovedGroup(ctx, {
      level: 1,
      organisationId: coordinator.organisationId!,
      needsServed: ['social_connection'],
      ...(name ? { name } : {}),
    });
    await ctx.http
      .put(`/api/groups/${g.id}/capacity`)
      .set('Authorization', coordinator.auth)
      .send(capacityBody())
      .expect(200);
    if (isoDate)
      await ctx.db.query('UPDATE community_group SET last_confirmed_at = $2 WHERE id = $1', [
        g.id,
        noonOn(isoDate),
      ]);
    return g;
  }

  const read = (id: string, as = admin) =>
    ctx.http.get(`/api/groups/${id}`).set('Authorization', as.auth).expect(200);

  const searchIds = async () => {
    const res = await ctx.http
      .get('/api/groups/search?need=social_connection&explain=true')
      .set('Authorization', linkWorker.auth)
      .expect(200);
    return {
      offered: res.body.items.map((g: { id: string }) => g.id) as string[],
      excluded: res.body.excluded as { groupId: string; reasons: string[]; messages: string[] }[],
    };
  };

  const published = async (id: string) => {
    const list = await ctx.http.get('/openreferral/services?per_page=200').expect(200);
    const inList = list.body.contents.some((s: { id: string }) => s.id === id);
    const one = await ctx.http.get(`/openreferral/services/${id}`);
    expect(one.status === 200).toBe(inList);
    return inList;
  };

  describe('POST /api/groups/:id/confirm', () => {
    it('starts a new group confirmed today, and lets its coordinator confirm it again', async () => {
      const g = await groupConfirmedOn(null);
      const fresh = await read(g.id);
      expect(fresh.body).toMatchObject({
        listingStatus: 'confirmed',
        listingLapsed: false,
        confirmationDueOn: addMonths(ukDate(), 6),
        listingLapsesOn: addMonths(ukDate(), 9),
      });
      await ctx.db.query('UPDATE community_group SET last_confirmed_at = $2 WHERE id = $1', [
        g.id,
        noonOn(addMonths(ukDate(), -7)),
      ]);
      expect((await read(g.id)).body.listingStatus).toBe('unconfirmed');

      const before = Date.now();
      const res = await ctx.http
        .post(`/api/groups/${g.id}/confirm`)
        .set('Authorization', coordinator.auth)
        .expect(200);
      expect(res.body).toMatchObject({ id: g.id, listingStatus: 'confirmed' });
      expect(new Date(res.body.lastConfirmedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
      // A coordinator's confirmation is not an admin's review.
      const { rows } = await ctx.db.query(
        `SELECT actor_id FROM audit_event WHERE entity_id = $1 AND action = 'confirm_listing'`,
        [g.id],
      );
      expect(rows).toEqual([{ actor_id: coordinator.id }]);
    });

    it('is refused to other organisations’ coordinators (404), link workers and referrers (403), changing nothing', async () => {
      const g = await groupConfirmedOn(addMonths(ukDate(), -7));
      const other = await ctx.newUser('group_coordinator');
      const referrer = await ctx.newUser('referrer');
      const before = await ctx.snapshot();
      const stamp = (await read(g.id)).body.lastConfirmedAt;
      const notFound = await ctx.http
        .post(`/api/groups/${g.id}/confirm`)
        .set('Authorization', other.auth)
        .expect(404);
      expect(notFound.headers['content-type']).toMatch(/application\/problem\+json/);
      for (const u of [linkWorker, referrer])
        await ctx.http.post(`/api/groups/${g.id}/confirm`).set('Authorization', u.auth).expect(403);
      await ctx.http.post(`/api/groups/${g.id}/confirm`).expect(401);
      await ctx.http
        .post('/api/groups/00000000-0000-4000-8000-000000000000/confirm')
        .set('Authorization', admin.auth)
        .expect(404);
      expect(await ctx.snapshot()).toEqual(before);
      expect((await read(g.id)).body).toMatchObject({
        lastConfirmedAt: stamp,
        listingStatus: 'unconfirmed',
      });
    });

    it('records an admin’s confirmation as a review, published as HSDS assured_date', async () => {
      const g = await groupConfirmedOn(addMonths(ukDate(), -7));
      await ctx.db.query('UPDATE community_group SET assured_at = NULL WHERE id = $1', [g.id]);
      const unassured = await ctx.http.get(`/openreferral/services/${g.id}`).expect(200);
      expect(unassured.body).not.toHaveProperty('assured_date');
      const res = await ctx.http
        .post(`/api/groups/${g.id}/confirm`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(res.body.assuredAt).not.toBeNull();
      const svc = await ctx.http.get(`/openreferral/services/${g.id}`).expect(200);
      expectValidHsds('service', svc.body);
      expect(svc.body.assured_date).toBe(ukDate());
      expect(new Date(svc.body.last_modified).getTime()).toBeGreaterThanOrEqual(
        new Date(unassured.body.last_modified).getTime(),
      );
    });

    it('refuses to confirm a removed group (409)', async () => {
      const g = await groupConfirmedOn(null);
      await ctx.http
        .post(`/api/groups/${g.id}/remove`)
        .set('Authorization', admin.auth)
        .send({})
        .expect(200);
      const res = await ctx.http
        .post(`/api/groups/${g.id}/confirm`)
        .set('Authorization', admin.auth)
        .expect(409);
      expect(res.body.code).toBe('group_removed');
    });
  });

  describe('6 months to the day (UK dates)', () => {
    it('shows a listing confirmed 6 months ago today as unconfirmed, still offered and published', async () => {
      const due = await groupConfirmedOn(addMonths(ukDate(), -6));
      const notYet = await groupConfirmedOn(addDays(addMonths(ukDate(), -6), 1));
      expect((await read(due.id)).body).toMatchObject({
        listingStatus: 'unconfirmed',
        listingLapsed: false,
        offerable: true,
        notOfferableReason: null,
      });
      expect((await read(notYet.id)).body).toMatchObject({
        listingStatus: 'confirmed',
        offerable: true,
      });
      // A link worker sees it too, and it is still offered and published.
      expect((await read(due.id, linkWorker)).body.listingStatus).toBe('unconfirmed');
      const { offered } = await searchIds();
      expect(offered).toEqual(expect.arrayContaining([due.id, notYet.id]));
      expect(await published(due.id)).toBe(true);
    });
  });

  describe('9 months to the day (UK dates)', () => {
    it('stops offering a listing confirmed 9 months ago today, with the reason, and leaves a day younger one alone', async () => {
      const lapsed = await groupConfirmedOn(addMonths(ukDate(), -9), 'Lapsed listing');
      const dayYounger = await groupConfirmedOn(addDays(addMonths(ukDate(), -9), 1));

      const body = (await read(lapsed.id)).body;
      expect(body).toMatchObject({
        vettingStatus: 'approved',
        listingStatus: 'unconfirmed',
        listingLapsed: true,
        offerable: false,
      });
      expect(body.notOfferableReason).toMatch(/not been confirmed for 9 months/);
      expect((await read(dayYounger.id)).body).toMatchObject({
        listingLapsed: false,
        offerable: true,
      });

      const { offered, excluded } = await searchIds();
      expect(offered).not.toContain(lapsed.id);
      expect(offered).toContain(dayYounger.id);
      expect(excluded.find((e) => e.groupId === lapsed.id)).toMatchObject({
        reasons: ['listing_lapsed'],
        messages: [expect.stringMatching(/not been confirmed for 9 months/)],
      });

      expect(await published(lapsed.id)).toBe(false);
      expect(await published(dayYounger.id)).toBe(true);

      // Matching for a case, and the offer itself, refuse it with the reason.
      const { caseId } = await newCase(ctx, linkWorker);
      const matched = await ctx.http
        .get(`/api/groups/search?caseId=${caseId}`)
        .set('Authorization', linkWorker.auth)
        .expect(200);
      expect(matched.body.items.map((g: { id: string }) => g.id)).not.toContain(lapsed.id);
      const before = await ctx.snapshot();
      const refused = await ctx.http
        .post(`/api/cases/${caseId}/placements`)
        .set('Authorization', linkWorker.auth)
        .send({ groupId: lapsed.id })
        .expect(409);
      expect(refused.body.code).toBe('group_not_offerable');
      expect(refused.body.detail).toMatch(/not been confirmed for 9 months/);
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('restores a lapsed listing as soon as its coordinator confirms it', async () => {
      const g = await groupConfirmedOn(addMonths(ukDate(), -10));
      expect(await published(g.id)).toBe(false);
      await ctx.http
        .post(`/api/groups/${g.id}/confirm`)
        .set('Authorization', coordinator.auth)
        .expect(200);
      expect((await read(g.id)).body).toMatchObject({
        listingStatus: 'confirmed',
        listingLapsed: false,
        offerable: true,
      });
      expect((await searchIds()).offered).toContain(g.id);
      expect(await published(g.id)).toBe(true);
      const since = new Date(Date.now() - 60_000).toISOString();
      const changed = await ctx.http
        .get(`/openreferral/services?modified_after=${encodeURIComponent(since)}&per_page=200`)
        .expect(200);
      expect(changed.body.contents.map((s: { id: string }) => s.id)).toContain(g.id);
    });

    it('shows the admin why on the vetting screen', async () => {
      const g = await groupConfirmedOn(addMonths(ukDate(), -9), 'Quiet knitting circle');
      const agent = await signInAgent(ctx, admin);
      const page = await agent.get(`/admin/vetting/${g.id}`).expect(200);
      expect(page.text).toContain('Not offered:');
      expect(page.text).toContain('not been confirmed for 9 months');
      const list = await agent.get('/admin/vetting').expect(200);
      expect(list.text).toMatch(/Quiet knitting circle[\s\S]*?Not offered/);
    });
  });

  describe('the daily reminder job', () => {
    const notifications = async (organisationId: string, kind: string, groupId: string) => {
      const { rows } = await ctx.db.query<{ text: string; link: string }>(
        `SELECT text, link FROM notification
          WHERE recipient_organisation_id = $1 AND kind = $2 AND link = $3`,
        [organisationId, kind, `/groups/${groupId}`],
      );
      return rows;
    };

    it('reminds the coordinators from the first UK minute of the 6-month mark, once', async () => {
      const confirmedOn = '2026-03-15';
      const g = await groupConfirmedOn(confirmedOn, 'Allotment friends');
      const job = ctx.app.get(ListingConfirmationJob);

      const dayBefore = await job.run(new Date(ukMidnight('2026-09-15').getTime() - 60_000));
      expect(dayBefore.reminded).not.toContain(g.id);
      const onTheDay = await job.run(ukMidnight('2026-09-15'));
      expect(onTheDay.reminded).toContain(g.id);
      const again = await job.run(ukMidnight('2026-09-20'));
      expect(again.reminded).not.toContain(g.id);

      const sent = await notifications(coordinator.organisationId!, 'listing_unconfirmed', g.id);
      expect(sent).toHaveLength(1);
      expect(sent[0].text).toContain('Allotment friends');
      expect(sent[0].text).toContain('15 March 2026');
      expect(sent[0].text).toContain('15 December 2026');
      // The coordinator sees it in the app.
      const inApp = await ctx.http
        .get('/api/notifications')
        .set('Authorization', coordinator.auth)
        .expect(200);
      expect(inApp.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'listing_unconfirmed', link: `/groups/${g.id}` }),
        ]),
      );
    });

    it('announces the lapse at 9 months once, to the coordinators and on the admins’ vetting screen', async () => {
      const g = await groupConfirmedOn('2026-01-31', 'Chess in the park');
      const job = ctx.app.get(ListingConfirmationJob);
      // 31 January + 9 months is 31 October; + 6 months is 31 July.
      expect((await job.run(ukMidnight('2026-07-31'))).reminded).toContain(g.id);
      const before = await job.run(new Date(ukMidnight('2026-10-31').getTime() - 60_000));
      expect(before.lapsed).not.toContain(g.id);
      const lapse = await job.run(ukMidnight('2026-10-31'));
      expect(lapse.lapsed).toContain(g.id);
      expect((await job.run(ukMidnight('2026-11-05'))).lapsed).not.toContain(g.id);

      expect(await notifications(coordinator.organisationId!, 'listing_lapsed', g.id)).toHaveLength(
        1,
      );
      const { rows: notices } = await ctx.db.query(
        `SELECT recipient_ids FROM directory_notice WHERE group_id = $1 AND kind = 'listing_lapsed'`,
        [g.id],
      );
      expect(notices).toHaveLength(1);
      expect(notices[0].recipient_ids).toContain(admin.id);
      const { rows: audit } = await ctx.db.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'listing_lapsed'`,
        [g.id],
      );
      expect(audit[0].n).toBe(1);
    });

    it('starts again after a confirmation: a new reminder only 6 months after it', async () => {
      const g = await groupConfirmedOn('2026-02-10');
      const job = ctx.app.get(ListingConfirmationJob);
      expect((await job.run(ukMidnight('2026-08-10'))).reminded).toContain(g.id);
      await ctx.http
        .post(`/api/groups/${g.id}/confirm`)
        .set('Authorization', coordinator.auth)
        .expect(200);
      const { rows } = await ctx.db.query(
        'SELECT confirmation_reminded_at, listing_lapse_noticed_at FROM community_group WHERE id = $1',
        [g.id],
      );
      expect(rows[0]).toEqual({ confirmation_reminded_at: null, listing_lapse_noticed_at: null });
      const today = ukDate();
      expect((await job.run(noonOn(addDays(addMonths(today, 6), -1)))).reminded).not.toContain(
        g.id,
      );
      expect((await job.run(noonOn(addMonths(today, 6)))).reminded).toContain(g.id);
    });

    it('does not move the published last_modified when it only tells people', async () => {
      const g = await groupConfirmedOn('2026-01-05');
      const { rows: before } = await ctx.db.query(
        'SELECT updated_at FROM community_group WHERE id = $1',
        [g.id],
      );
      await ctx.app.get(ListingConfirmationJob).run(ukMidnight('2026-07-05'));
      const { rows: after } = await ctx.db.query(
        'SELECT updated_at, confirmation_reminded_at FROM community_group WHERE id = $1',
        [g.id],
      );
      expect(after[0].confirmation_reminded_at).not.toBeNull();
      expect(after[0].updated_at).toEqual(before[0].updated_at);
    });
  });
});
