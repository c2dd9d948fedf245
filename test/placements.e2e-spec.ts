import { randomUUID } from 'node:crypto';
import {
  CASE_CLOSED,
  CASE_PLACEMENTS_PAUSE,
  CASE_PLACEMENTS_RESUME,
} from '../src/casework/casework.events';
import { SafeguardingService } from '../src/casework/safeguarding.service';
import { PlacementJobsService } from '../src/placements/placement-jobs.service';
import { newApprovedGroup } from './support/directory-factory';
import {
  capacityBody,
  emitCaseEvent,
  groupCounts,
  newPlacementCase,
  newPlacementGroup,
  offer,
} from './support/placements-factory';
import { asActor, TestContext, type TestUser } from './support/test-app';
import { addDays } from '../src/casework/casework-dates';
import { ukDate } from '../src/common/uk-date';

const DAY = 86_400_000;
const SENSITIVE_KEYS = [
  'migrantStatus',
  'countryOfBirth',
  'nationality',
  'safeguarding',
  'flags',
  'crisis',
  'needs',
  'nhsNumber',
  'dateOfBirth',
  'familyName',
  'requiredLevel',
  'inCrisis',
];

describe('placements', () => {
  let ctx: TestContext;
  let lw: TestUser;
  let otherLw: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    [lw, otherLw, admin] = await Promise.all([
      ctx.newUser('link_worker'),
      ctx.newUser('link_worker'),
      ctx.newUser('admin'),
    ]);
  });
  afterAll(() => ctx.close());

  const as = (u: TestUser) => ({ Authorization: u.auth });
  const post = (u: TestUser, url: string, body: object = {}) =>
    ctx.http.post(url).set(as(u)).send(body);

  describe('capacity', () => {
    it('lets the group coordinator set capacity and shows it with live counts', async () => {
      const group = await newPlacementGroup(ctx, { places: 2 });
      const res = await ctx.http
        .put(`/api/groups/${group.id}/capacity`)
        .set(as(group.coordinator))
        .send(capacityBody({ places: 8, weeklyIntakeLimit: 3, waitlistEnabled: true }))
        .expect(200);
      expect(res.body).toMatchObject({
        groupId: group.id,
        places: 8,
        weeklyIntakeLimit: 3,
        waitlistEnabled: true,
        intakePaused: false,
        offerExpiryDays: 7,
        reserved: 0,
        availablePlaces: 8,
        waitlistLength: 0,
      });
      const dir = await ctx.http.get(`/api/groups/${group.id}`).set(as(admin)).expect(200);
      expect(dir.body.capacity).toMatchObject({ places: 8, availablePlaces: 8 });
    });

    it('shows 0 places for a group whose capacity was never set', async () => {
      const group = await newApprovedGroup(ctx, { level: 1 });
      const res = await ctx.http.get(`/api/groups/${group.id}/capacity`).set(as(admin)).expect(200);
      expect(res.body).toMatchObject({ places: 0, availablePlaces: 0, waitlistLength: 0 });
      const refused = await offer(ctx, lw, (await newPlacementCase(ctx, lw)).caseId, group.id);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('capacity_full');
    });

    it.each([
      ['negative places', { places: -1 }, 'places'],
      ['absurd places', { places: 10001 }, 'places'],
      ['fractional places', { places: 2.5 }, 'places'],
      ['expiry over 60 days', { offerExpiryDays: 61 }, 'offerExpiryDays'],
      ['expiry of 0 days', { offerExpiryDays: 0 }, 'offerExpiryDays'],
      ['a weekly limit of 0', { weeklyIntakeLimit: 0 }, 'weeklyIntakeLimit'],
      ['a string for a flag', { waitlistEnabled: 'yes' }, 'waitlistEnabled'],
      ['an unknown field', { capacity: 3 }, 'capacity'],
    ])('refuses %s with 422 and changes nothing', async (_, patch, field) => {
      const group = await newPlacementGroup(ctx, { places: 4 });
      const before = await ctx.snapshot();
      const res = await ctx.http
        .put(`/api/groups/${group.id}/capacity`)
        .set(as(group.coordinator))
        .send({ ...capacityBody(), ...patch });
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await ctx.snapshot()).toEqual(before);
      const after = await ctx.http.get(`/api/groups/${group.id}/capacity`).set(as(admin));
      expect(after.body.places).toBe(4);
    });

    it('refuses to set places below those reserved (409 places_below_reserved)', async () => {
      const group = await newPlacementGroup(ctx, { places: 3 });
      for (let i = 0; i < 2; i++)
        await offer(ctx, lw, (await newPlacementCase(ctx, lw)).caseId, group.id).expect(201);
      const res = await ctx.http
        .put(`/api/groups/${group.id}/capacity`)
        .set(as(group.coordinator))
        .send(capacityBody({ places: 1 }));
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('places_below_reserved');
      expect(res.body.detail).toMatch(/2 places are reserved/);
      await ctx.http
        .put(`/api/groups/${group.id}/capacity`)
        .set(as(group.coordinator))
        .send(capacityBody({ places: 2 }))
        .expect(200);
    });

    it("hides another organisation's group from a coordinator (404) and refuses other roles (403)", async () => {
      const group = await newPlacementGroup(ctx);
      const stranger = await ctx.newUser('group_coordinator');
      await ctx.http
        .put(`/api/groups/${group.id}/capacity`)
        .set(as(stranger))
        .send(capacityBody())
        .expect(404);
      await ctx.http
        .put(`/api/groups/${group.id}/capacity`)
        .set(as(lw))
        .send(capacityBody())
        .expect(403);
      await ctx.http.put(`/api/groups/${group.id}/capacity`).send(capacityBody()).expect(401);
      await ctx.http
        .put(`/api/groups/${randomUUID()}/capacity`)
        .set(as(admin))
        .send(capacityBody())
        .expect(404);
    });

    it('offers freed places to the waitlist when places are raised', async () => {
      const group = await newPlacementGroup(ctx, { places: 1, waitlistEnabled: true });
      await offer(ctx, lw, (await newPlacementCase(ctx, lw)).caseId, group.id).expect(201);
      const waiting = await offer(ctx, lw, (await newPlacementCase(ctx, lw)).caseId, group.id);
      expect(waiting.body).toMatchObject({ status: 'waitlisted', position: 1 });
      await ctx.http
        .put(`/api/groups/${group.id}/capacity`)
        .set(as(group.coordinator))
        .send(capacityBody({ places: 2, waitlistEnabled: true }))
        .expect(200);
      const now = await ctx.http.get(`/api/placements/${waiting.body.id}`).set(as(lw));
      expect(now.body).toMatchObject({ status: 'offered', position: null });
    });
  });

  describe('offers', () => {
    it('offers a place: 201 offered, one place reserved, the group is notified', async () => {
      const group = await newPlacementGroup(ctx, { places: 2 });
      const c = await newPlacementCase(ctx, lw);
      const res = await offer(ctx, lw, c.caseId, group.id).expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        status: 'offered',
        caseId: c.caseId,
      });
      expect((await groupCounts(ctx, group.id)).reserved).toBe(1);

      const inbox = await ctx.http.get('/api/notifications').set(as(group.coordinator)).expect(200);
      expect(inbox.body.items[0]).toMatchObject({
        kind: 'new_offer',
        link: `/placements/${res.body.id}`,
        readAt: null,
      });
      const { rows } = await ctx.db.query(
        `SELECT subject FROM notification_outbox WHERE recipient_user_id = $1 AND event = $2`,
        [group.coordinator.id, 'placement.offered'],
      );
      expect(rows).toHaveLength(1);
      await ctx.http
        .post(`/api/notifications/${inbox.body.items[0].id}/read`)
        .set(as(group.coordinator))
        .expect(200);
      const unread = await ctx.http
        .get('/api/notifications?unread=true')
        .set(as(group.coordinator));
      expect(unread.body.items).toEqual([]);
    });

    it('applies a weekly limit set mid-week to the offers already made that week', async () => {
      const group = await newPlacementGroup(ctx, { places: 10 });
      for (let i = 0; i < 2; i++)
        await offer(ctx, lw, (await newPlacementCase(ctx, lw)).caseId, group.id).expect(201);
      await ctx.http
        .put(`/api/groups/${group.id}/capacity`)
        .set(as(group.coordinator))
        .send(capacityBody({ places: 10, weeklyIntakeLimit: 2 }))
        .expect(200);
      const third = await offer(ctx, lw, (await newPlacementCase(ctx, lw)).caseId, group.id);
      expect(third.status).toBe(409);
      expect(third.body.code).toBe('capacity_full');
      expect((await groupCounts(ctx, group.id)).reserved).toBe(2);
    });

    it('refuses when the person has not agreed to share (422 consent_to_share_missing), checked first', async () => {
      const pending = await newApprovedGroup(ctx, { level: 0 });
      const c = await newPlacementCase(ctx, lw, { consentToShare: false });
      const before = await ctx.snapshot();
      const res = await offer(ctx, lw, c.caseId, pending.id);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('consent_to_share_missing');
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('lets the link worker record consent given later, and only them; then the offer goes through', async () => {
      const group = await newPlacementGroup(ctx, { places: 2 });
      const c = await newPlacementCase(ctx, lw, { consentToShare: false });
      const consent = (who: TestUser, body: object) =>
        ctx.http.put(`/api/cases/${c.caseId}/consent`).set(as(who)).send(body);
      await consent(otherLw, { shareWithProviders: true }).expect(404);
      await consent(group.coordinator, { shareWithProviders: true }).expect(403);
      await consent(lw, { shareWithProviders: 'yes' }).expect(422);
      expect((await offer(ctx, lw, c.caseId, group.id)).status).toBe(422);

      const given = await consent(lw, { shareWithProviders: true }).expect(200);
      expect(given.body).toEqual({ caseId: c.caseId, shareWithProviders: true });
      await offer(ctx, lw, c.caseId, group.id).expect(201);
      const { rows } = await ctx.db.query(
        `SELECT action FROM audit_event WHERE entity_id = $1 AND action LIKE 'consent%'`,
        [c.caseId],
      );
      expect(rows).toEqual([{ action: 'consent_to_share_given' }]);
    });

    it('refuses a group that is not approved (409 group_not_offerable) before checking its level', async () => {
      const pending = await newApprovedGroup(ctx, { level: 0 });
      const c = await newPlacementCase(ctx, lw);
      await ctx.app
        .get(SafeguardingService)
        .set(c.caseId, asActor(lw), { flags: ['trafficking_survivor'] });
      const res = await offer(ctx, lw, c.caseId, pending.id);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('group_not_offerable');
    });

    it('refuses a suspended group (409 group_not_offerable)', async () => {
      const group = await newPlacementGroup(ctx, { places: 3 });
      await post(admin, `/api/groups/${group.id}/suspend`, {
        reason: 'Incident under review',
      }).expect(200);
      const res = await offer(ctx, lw, (await newPlacementCase(ctx, lw)).caseId, group.id);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('group_not_offerable');
    });

    it('refuses a group vetted below the level the person needs (422 safeguarding_level_insufficient)', async () => {
      const group = await newPlacementGroup(ctx, { places: 0 }, 1);
      const c = await newPlacementCase(ctx, lw);
      await ctx.app
        .get(SafeguardingService)
        .set(c.caseId, asActor(lw), { flags: ['torture_survivor'] });
      const before = await ctx.snapshot();
      const res = await offer(ctx, lw, c.caseId, group.id);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('safeguarding_level_insufficient');
      expect(await ctx.snapshot()).toEqual(before);

      const level3 = await newPlacementGroup(ctx, { places: 1 }, 3);
      await offer(ctx, lw, c.caseId, level3.id).expect(201);
    });

    it('refuses when intake is paused or full without a waitlist (409 capacity_full)', async () => {
      const paused = await newPlacementGroup(ctx, { places: 5, intakePaused: true });
      const r1 = await offer(ctx, lw, (await newPlacementCase(ctx, lw)).caseId, paused.id);
      expect([r1.status, r1.body.code]).toEqual([409, 'capacity_full']);

      const full = await newPlacementGroup(ctx, { places: 1 });
      await offer(ctx, lw, (await newPlacementCase(ctx, lw)).caseId, full.id).expect(201);
      const before = await ctx.snapshot();
      const r2 = await offer(ctx, lw, (await newPlacementCase(ctx, lw)).caseId, full.id);
      expect([r2.status, r2.body.code]).toEqual([409, 'capacity_full']);
      // Only the new case and its person (with the person's name tokens) were added.
      const { person, support_case, person_name_token, ...rest } = await ctx.snapshot();
      const { person: p0, support_case: s0, person_name_token: t0, ...rest0 } = before;
      expect([person, support_case]).toEqual([p0 + 1, s0 + 1]);
      expect(person_name_token).toBeGreaterThan(t0);
      expect(rest).toEqual(rest0);
    });

    it('refuses a second open offer to the same group for the same case (409)', async () => {
      const group = await newPlacementGroup(ctx, { places: 3 });
      const c = await newPlacementCase(ctx, lw);
      await offer(ctx, lw, c.caseId, group.id).expect(201);
      const again = await offer(ctx, lw, c.caseId, group.id);
      expect([again.status, again.body.code]).toEqual([409, 'placement_already_open']);
      expect((await groupCounts(ctx, group.id)).reserved).toBe(1);
    });

    it("hides another link worker's case (404) and refuses other roles (403)", async () => {
      const group = await newPlacementGroup(ctx, { places: 3 });
      const c = await newPlacementCase(ctx, lw);
      await offer(ctx, otherLw, c.caseId, group.id).expect(404);
      await offer(ctx, lw, randomUUID(), group.id).expect(404);
      await offer(ctx, group.coordinator, c.caseId, group.id).expect(403);
      await offer(ctx, lw, c.caseId, randomUUID()).expect(404);
      const bad = await post(lw, `/api/cases/${c.caseId}/placements`, { groupId: 'nope' });
      expect(bad.status).toBe(422);
      expect((await groupCounts(ctx, group.id)).reserved).toBe(0);
    });

    it('refuses an offer for a closed case (409)', async () => {
      const group = await newPlacementGroup(ctx, { places: 3 });
      const c = await newPlacementCase(ctx, lw);
      await post(lw, `/api/cases/${c.caseId}/close`, { reason: 'goals_met' }).expect(200);
      const res = await offer(ctx, lw, c.caseId, group.id);
      expect(res.status).toBe(409);
    });
  });

  describe("the group's portal", () => {
    it('shows a coordinator only their groups, with the minimum about the person', async () => {
      const group = await newPlacementGroup(ctx, { places: 3 });
      const other = await newPlacementGroup(ctx, { places: 3 });
      const c = await newPlacementCase(ctx, lw, {
        person: {
          givenName: 'Amina',
          phone: '07700 900123',
          email: 'amina@example.org',
          nhsNumber: '9434765919',
          accessNeeds: 'Step-free access',
        },
      });
      await ctx.app
        .get(SafeguardingService)
        .set(c.caseId, asActor(lw), { flags: ['adult_at_risk'], note: 'Private note' });
      const level2 = await newPlacementGroup(ctx, { places: 3 }, 2);
      const mine = await offer(ctx, lw, c.caseId, level2.id).expect(201);
      const theirs = await offer(ctx, lw, (await newPlacementCase(ctx, lw)).caseId, other.id);

      const list = await ctx.http.get('/api/placements').set(as(level2.coordinator)).expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([mine.body.id]);
      expect(list.body.items[0].person).toEqual({
        givenName: 'Amina',
        phone: '07700 900123',
        email: 'amina@example.org',
        preferredContact: null,
        preferredLanguage: 'so',
        interpreterNeeded: true,
        accessNeeds: 'Step-free access',
        whatMattersToMe: null,
      });
      const one = await ctx.http
        .get(`/api/placements/${mine.body.id}`)
        .set(as(level2.coordinator))
        .expect(200);
      for (const body of [list.text, one.text]) {
        for (const key of SENSITIVE_KEYS) expect(body).not.toContain(`"${key}"`);
        expect(body).not.toContain('9434765919');
        expect(body).not.toContain('Yusuf');
        expect(body).not.toContain('1990-04-02');
        expect(body).not.toContain(c.personId);
        expect(body).not.toContain(c.caseId);
      }

      await ctx.http
        .get(`/api/placements/${theirs.body.id}`)
        .set(as(level2.coordinator))
        .expect(404);
      await post(level2.coordinator, `/api/placements/${theirs.body.id}/accept`).expect(404);
      await post(level2.coordinator, `/api/placements/${theirs.body.id}/decline`, {
        reason: 'other',
      }).expect(404);
      await ctx.http.get(`/api/placements/${mine.body.id}`).set(as(otherLw)).expect(404);
      await ctx.http
        .get(`/api/placements/${mine.body.id}`)
        .set(as(await ctx.newUser('referrer')))
        .expect(403);
      expect(group.id).not.toBe(level2.id);
    });

    it('filters by status and group, and lists a link worker only their own', async () => {
      const group = await newPlacementGroup(ctx, { places: 3 });
      const a = await offer(ctx, lw, (await newPlacementCase(ctx, lw)).caseId, group.id);
      const b = await offer(ctx, otherLw, (await newPlacementCase(ctx, otherLw)).caseId, group.id);
      await post(group.coordinator, `/api/placements/${a.body.id}/accept`).expect(200);

      const accepted = await ctx.http
        .get(`/api/placements?status=accepted&groupId=${group.id}`)
        .set(as(group.coordinator));
      expect(accepted.body.items.map((i: { id: string }) => i.id)).toEqual([a.body.id]);
      const mine = await ctx.http.get(`/api/placements?groupId=${group.id}`).set(as(otherLw));
      expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([b.body.id]);
      await ctx.http.get('/api/placements?status=nonsense').set(as(lw)).expect(422);
    });

    it('accepts, records attendance and ends; wrong transitions are 409', async () => {
      const group = await newPlacementGroup(ctx, { places: 1 });
      const p = await offer(ctx, lw, (await newPlacementCase(ctx, lw)).caseId, group.id);
      const id = p.body.id as string;
      const early = await post(group.coordinator, `/api/placements/${id}/attendance`, {
        date: '2026-01-05',
        attended: true,
      });
      expect(early.status).toBe(409);

      const accepted = await post(group.coordinator, `/api/placements/${id}/accept`).expect(200);
      expect(accepted.body).toMatchObject({ id, status: 'accepted' });
      await post(group.coordinator, `/api/placements/${id}/accept`).expect(409);
      await post(group.coordinator, `/api/placements/${id}/decline`, { reason: 'other' }).expect(
        409,
      );

      const today = ukDate();
      const att = await post(group.coordinator, `/api/placements/${id}/attendance`, {
        date: today,
        attended: true,
      }).expect(201);
      expect(att.body.attendance).toEqual([{ date: today, attended: true }]);
      const tomorrow = await post(group.coordinator, `/api/placements/${id}/attendance`, {
        date: addDays(today, 1),
        attended: true,
      }).expect(422);
      expect(tomorrow.body.code).toBe('date_in_future');
      await post(group.coordinator, `/api/placements/${id}/attendance`, {
        date: '2026-02-31',
        attended: true,
      }).expect(422);
      await post(lw, `/api/placements/${id}/attendance`, { date: today, attended: true }).expect(
        403,
      );

      await post(lw, `/api/placements/${id}/end`, { reason: 'finished' }).expect(422);
      await post(otherLw, `/api/placements/${id}/end`, { reason: 'completed' }).expect(404);
      const ended = await post(lw, `/api/placements/${id}/end`, { reason: 'completed' }).expect(
        200,
      );
      expect(ended.body).toMatchObject({ status: 'ended', endReason: 'completed' });
      await post(lw, `/api/placements/${id}/end`, { reason: 'completed' }).expect(409);
      expect((await groupCounts(ctx, group.id)).reserved).toBe(0);
    });

    it('refuses a decline reason outside the vocabulary with 422 and changes nothing', async () => {
      const group = await newPlacementGroup(ctx, { places: 1 });
      const p = await offer(ctx, lw, (await newPlacementCase(ctx, lw)).caseId, group.id);
      const before = await ctx.snapshot();
      await post(group.coordinator, `/api/placements/${p.body.id}/decline`, {
        reason: 'too_busy',
      }).expect(422);
      await post(group.coordinator, `/api/placements/${p.body.id}/decline`, {}).expect(422);
      expect(await ctx.snapshot()).toEqual(before);
    });
  });

  describe('the waitlist', () => {
    async function fullGroupWithQueue() {
      const group = await newPlacementGroup(ctx, { places: 1, waitlistEnabled: true });
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await offer(ctx, lw, (await newPlacementCase(ctx, lw)).caseId, group.id);
        ids.push(r.body.id);
      }
      return { group, ids };
    }
    const statusOf = async (id: string) =>
      (await ctx.http.get(`/api/placements/${id}`).set(as(lw))).body as {
        status: string;
        position: number | null;
      };

    it('gives a declined place to the head of the waitlist, and the rest move up', async () => {
      const { group, ids } = await fullGroupWithQueue();
      expect((await groupCounts(ctx, group.id)).positions).toEqual([1, 2, 3]);
      await post(group.coordinator, `/api/placements/${ids[0]}/decline`, {
        reason: 'not_suitable_time',
      }).expect(200);
      expect(await statusOf(ids[1])).toMatchObject({ status: 'offered', position: null });
      expect(await statusOf(ids[2])).toMatchObject({ status: 'waitlisted', position: 1 });
      expect(await statusOf(ids[3])).toMatchObject({ status: 'waitlisted', position: 2 });
      const counts = await groupCounts(ctx, group.id);
      expect([counts.reserved, counts.waitlistLength]).toEqual([1, 2]);

      const notes = await ctx.http.get('/api/notifications').set(as(lw));
      expect(notes.body.items.map((n: { kind: string }) => n.kind)).toContain('place_freed');
    });

    it('gives an ended place to the head of the waitlist', async () => {
      const { group, ids } = await fullGroupWithQueue();
      await post(group.coordinator, `/api/placements/${ids[0]}/accept`).expect(200);
      await post(group.coordinator, `/api/placements/${ids[0]}/end`, {
        reason: 'person_left',
      }).expect(200);
      expect(await statusOf(ids[1])).toMatchObject({ status: 'offered' });
      expect((await groupCounts(ctx, group.id)).positions).toEqual([1, 2]);
    });

    it('closes the gap when someone in the middle leaves the waitlist', async () => {
      const { group, ids } = await fullGroupWithQueue();
      const left = await post(lw, `/api/placements/${ids[2]}/end`, { reason: 'other' }).expect(200);
      expect(left.body).toMatchObject({ status: 'withdrawn', position: null });
      expect(await statusOf(ids[3])).toMatchObject({ status: 'waitlisted', position: 2 });
      expect((await groupCounts(ctx, group.id)).waitlistLength).toBe(2);
    });

    it('expires unanswered offers, reminds the day before, and offers the place on', async () => {
      const { group, ids } = await fullGroupWithQueue();
      const jobs = ctx.app.get(PlacementJobsService);
      const reminder = await jobs.expireOverdueOffers(new Date(Date.now() + 6.5 * DAY));
      expect(reminder.ran).toBe(true);
      expect(reminder.reminded).toBeGreaterThanOrEqual(1);
      expect(await statusOf(ids[0])).toMatchObject({ status: 'offered' });
      const inbox = await ctx.http.get('/api/notifications').set(as(group.coordinator));
      expect(inbox.body.items[0].kind).toBe('offer_reminder');

      const run = await jobs.expireOverdueOffers(new Date(Date.now() + 7 * DAY + 60_000));
      expect(run.ran).toBe(true);
      expect(run.expired).toBeGreaterThanOrEqual(1);
      expect(run.offeredFromWaitlist).toBeGreaterThanOrEqual(1);
      expect(await statusOf(ids[0])).toMatchObject({ status: 'expired' });
      expect(await statusOf(ids[1])).toMatchObject({ status: 'offered' });
      expect((await groupCounts(ctx, group.id)).positions).toEqual([1, 2]);
      expect((await groupCounts(ctx, group.id)).reserved).toBe(1);

      const late = await post(group.coordinator, `/api/placements/${ids[0]}/accept`);
      expect(late.status).toBe(409);
    });

    it('runs the expiry job once when two instances start it together', async () => {
      const { group } = await fullGroupWithQueue();
      const jobs = ctx.app.get(PlacementJobsService);
      const later = new Date(Date.now() + 8 * DAY);
      const runs = await Promise.all([
        jobs.expireOverdueOffers(later),
        jobs.expireOverdueOffers(later),
      ]);
      const expired = runs.reduce((n, r) => n + r.expired, 0);
      expect(expired).toBeGreaterThanOrEqual(1);
      const counts = await groupCounts(ctx, group.id);
      expect(counts.reserved).toBe(counts.reservingPlacements);
      expect(counts.positions).toEqual(
        Array.from({ length: counts.waitlistLength }, (_, i) => i + 1),
      );
    });
  });

  describe('crisis, closure and suspension', () => {
    it('pauses offered and accepted placements, keeping their places, and resumes them', async () => {
      const g1 = await newPlacementGroup(ctx, { places: 1 });
      const g2 = await newPlacementGroup(ctx, { places: 1 });
      const c = await newPlacementCase(ctx, lw);
      const offered = await offer(ctx, lw, c.caseId, g1.id).expect(201);
      const accepted = await offer(ctx, lw, c.caseId, g2.id).expect(201);
      await post(g2.coordinator, `/api/placements/${accepted.body.id}/accept`).expect(200);

      await emitCaseEvent(ctx, CASE_PLACEMENTS_PAUSE, { caseId: c.caseId, actorId: lw.id });
      const seen = await ctx.http.get(`/api/placements/${offered.body.id}`).set(as(g1.coordinator));
      expect(seen.body.status).toBe('paused');
      expect(seen.text).not.toMatch(/crisis/i);
      expect((await groupCounts(ctx, g1.id)).reserved).toBe(1);
      expect((await groupCounts(ctx, g2.id)).reserved).toBe(1);
      await post(g1.coordinator, `/api/placements/${offered.body.id}/accept`).expect(409);
      const full = await offer(ctx, lw, (await newPlacementCase(ctx, lw)).caseId, g1.id);
      expect(full.body.code).toBe('capacity_full');

      await emitCaseEvent(ctx, CASE_PLACEMENTS_RESUME, { caseId: c.caseId, actorId: lw.id });
      const back1 = await ctx.http.get(`/api/placements/${offered.body.id}`).set(as(lw));
      const back2 = await ctx.http.get(`/api/placements/${accepted.body.id}`).set(as(lw));
      expect([back1.body.status, back2.body.status]).toEqual(['offered', 'accepted']);
    });

    it('ends open placements and withdraws waitlist places when the case closes', async () => {
      const group = await newPlacementGroup(ctx, { places: 1, waitlistEnabled: true });
      const c1 = await newPlacementCase(ctx, lw);
      const c2 = await newPlacementCase(ctx, lw);
      const c3 = await newPlacementCase(ctx, lw);
      const p1 = await offer(ctx, lw, c1.caseId, group.id);
      const p2 = await offer(ctx, lw, c2.caseId, group.id);
      const p3 = await offer(ctx, lw, c3.caseId, group.id);
      expect([p2.body.position, p3.body.position]).toEqual([1, 2]);

      await emitCaseEvent(ctx, CASE_CLOSED, {
        caseId: c2.caseId,
        actorId: lw.id,
        reason: 'moved_away',
      });
      const w = await ctx.http.get(`/api/placements/${p2.body.id}`).set(as(lw));
      expect(w.body).toMatchObject({ status: 'withdrawn', endReason: 'moved_away' });
      expect((await ctx.http.get(`/api/placements/${p3.body.id}`).set(as(lw))).body.position).toBe(
        1,
      );

      await emitCaseEvent(ctx, CASE_CLOSED, {
        caseId: c1.caseId,
        actorId: lw.id,
        reason: 'goals_met',
      });
      const e = await ctx.http.get(`/api/placements/${p1.body.id}`).set(as(lw));
      expect(e.body).toMatchObject({ status: 'ended', endReason: 'other' });
      expect((await ctx.http.get(`/api/placements/${p3.body.id}`).set(as(lw))).body.status).toBe(
        'offered',
      );
      const counts = await groupCounts(ctx, group.id);
      expect([counts.reserved, counts.waitlistLength]).toEqual([1, 0]);
    });

    it('flags placements for review when their group is suspended', async () => {
      const group = await newPlacementGroup(ctx, { places: 2 });
      const p = await offer(ctx, lw, (await newPlacementCase(ctx, lw)).caseId, group.id);
      expect(p.body.needsReview).toBe(false);
      await post(admin, `/api/groups/${group.id}/suspend`, { reason: 'Incident' }).expect(200);
      const after = await ctx.http.get(`/api/placements/${p.body.id}`).set(as(lw));
      expect(after.body.needsReview).toBe(true);
      const notes = await ctx.http.get('/api/notifications').set(as(lw));
      expect(notes.body.items.map((n: { kind: string }) => n.kind)).toContain('group_suspended');
    });
  });

  describe('for link workers', () => {
    it("shows a group's load, including declines by reason over 90 days", async () => {
      const group = await newPlacementGroup(ctx, { places: 3, waitlistEnabled: true });
      const p = await offer(ctx, lw, (await newPlacementCase(ctx, lw)).caseId, group.id);
      await offer(ctx, lw, (await newPlacementCase(ctx, lw)).caseId, group.id);
      await post(group.coordinator, `/api/placements/${p.body.id}/decline`, {
        reason: 'language_barrier',
      }).expect(200);
      const load = await ctx.http.get(`/api/groups/${group.id}/load`).set(as(lw)).expect(200);
      expect(load.body).toMatchObject({
        places: 3,
        reserved: 1,
        waitlistLength: 0,
        recentDeclines: { language_barrier: 1 },
      });
      await ctx.http.get(`/api/groups/${group.id}/load`).set(as(group.coordinator)).expect(403);
    });

    it("lists a case's placement history for its link worker only", async () => {
      const g1 = await newPlacementGroup(ctx, { places: 1 });
      const g2 = await newPlacementGroup(ctx, { places: 1 });
      const c = await newPlacementCase(ctx, lw);
      const a = await offer(ctx, lw, c.caseId, g1.id);
      await post(g1.coordinator, `/api/placements/${a.body.id}/decline`, { reason: 'other' });
      await offer(ctx, lw, c.caseId, g2.id);
      const history = await ctx.http
        .get(`/api/cases/${c.caseId}/placements`)
        .set(as(lw))
        .expect(200);
      expect(history.body.items.map((i: { status: string }) => i.status)).toEqual([
        'offered',
        'declined',
      ]);
      await ctx.http.get(`/api/cases/${c.caseId}/placements`).set(as(otherLw)).expect(404);
      await ctx.http.get(`/api/cases/${c.caseId}/placements`).set(as(admin)).expect(200);
    });
  });
});
