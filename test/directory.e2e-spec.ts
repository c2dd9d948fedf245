import { EventEmitter2 } from '@nestjs/event-emitter';
import { GROUP_SUSPENDED, type GroupSuspendedEvent } from '../src/directory/directory.ports';
import { newCase } from './support/casework-factory';
import {
  checksForLevel,
  groupBody,
  newApprovedGroup,
  recordChecks,
} from './support/directory-factory';
import { TestContext, type TestUser } from './support/test-app';

const DAY = 86_400_000;
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();

describe('Directory: groups, vetting and suspension (contract: "Directory")', () => {
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

  const level = async (groupId: string) => {
    const res = await ctx.http
      .get(`/api/groups/${groupId}`)
      .set('Authorization', admin.auth)
      .expect(200);
    return { safeguardingLevel: res.body.safeguardingLevel, vettingStatus: res.body.vettingStatus };
  };

  describe('POST /api/groups', () => {
    it('creates a pending group at level 0 with zero capacity (admin)', async () => {
      const org = await ctx.newOrganisation({ kind: 'community_group' });
      const res = await ctx.http
        .post('/api/groups')
        .set('Authorization', admin.auth)
        .send(groupBody({ organisationId: org.id, postcode: 'ng7 1aa' }))
        .expect(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        organisationId: org.id,
        vettingStatus: 'pending',
        safeguardingLevel: 0,
        postcode: 'NG7 1AA',
        area: 'NG7',
        accessibility: { childcare: true, stepFree: true, womenOnly: false, travelSupport: false },
        capacity: {
          places: 0,
          weeklyIntakeLimit: null,
          waitlistEnabled: false,
          intakePaused: false,
          offerExpiryDays: expect.any(Number),
          availablePlaces: 0,
          waitlistLength: 0,
        },
      });
    });

    it('lets a coordinator create a group for their own organisation only', async () => {
      const own = await ctx.http
        .post('/api/groups')
        .set('Authorization', coordinator.auth)
        .send(groupBody({ organisationId: coordinator.organisationId! }))
        .expect(201);
      expect(own.body.organisationId).toBe(coordinator.organisationId);

      const other = await ctx.newOrganisation({ kind: 'community_group' });
      const before = await ctx.snapshot();
      const res = await ctx.http
        .post('/api/groups')
        .set('Authorization', coordinator.auth)
        .send(groupBody({ organisationId: other.id }));
      expect([403, 404]).toContain(res.status);
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('refuses unknown taxonomy codes and languages with 422, changing nothing', async () => {
      const org = await ctx.newOrganisation({ kind: 'community_group' });
      const before = await ctx.snapshot();
      const res = await ctx.http
        .post('/api/groups')
        .set('Authorization', admin.auth)
        .send(
          groupBody({
            organisationId: org.id,
            activityTypes: ['knitting' as never],
            needsServed: ['housing', 'astrology' as never],
            languages: ['xx'],
          }),
        )
        .expect(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['activityTypes', 'needsServed', 'languages']));
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('refuses a group for an organisation that does not exist (422)', async () => {
      await ctx.http
        .post('/api/groups')
        .set('Authorization', admin.auth)
        .send(groupBody({ organisationId: '00000000-0000-4000-8000-000000000000' }))
        .expect(422);
    });

    it('is not for link workers or referrers (403)', async () => {
      await ctx.http
        .post('/api/groups')
        .set('Authorization', linkWorker.auth)
        .send(groupBody())
        .expect(403);
      const referrer = await ctx.newUser('referrer');
      await ctx.http
        .post('/api/groups')
        .set('Authorization', referrer.auth)
        .send(groupBody())
        .expect(403);
      await ctx.http.post('/api/groups').send(groupBody()).expect(401);
    });
  });

  describe('reading and editing', () => {
    it('hides another organisation’s group from a coordinator (404) and shows it to link workers', async () => {
      const g = await newApprovedGroup(ctx, { level: 1 });
      await ctx.http.get(`/api/groups/${g.id}`).set('Authorization', coordinator.auth).expect(404);
      await ctx.http
        .patch(`/api/groups/${g.id}`)
        .set('Authorization', coordinator.auth)
        .send({ name: 'Taken over' })
        .expect(404);
      const seen = await ctx.http
        .get(`/api/groups/${g.id}`)
        .set('Authorization', linkWorker.auth)
        .expect(200);
      expect(seen.body.vettingStatus).toBe('approved');
      expect(seen.body).not.toHaveProperty('vettingChecks');
      expect(JSON.stringify(seen.body)).not.toMatch(/Seen safeguarding_policy/);
      const list = await ctx.http
        .get('/api/groups')
        .set('Authorization', coordinator.auth)
        .expect(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(g.id);
    });

    it('lets a coordinator edit their own group (once an admin approves); a link worker cannot edit', async () => {
      const g = await newApprovedGroup(ctx, {
        level: 1,
        organisationId: coordinator.organisationId!,
      });
      // A coordinator's change to public details waits for an admin (contract: "Directory freshness").
      const change = await ctx.http
        .patch(`/api/groups/${g.id}`)
        .set('Authorization', coordinator.auth)
        .send({ name: 'Renamed café', postcode: 'LE1 5AA', accessibility: { womenOnly: true } })
        .expect(202);
      await ctx.http
        .post(`/api/groups/${g.id}/changes/${change.body.id}/approve`)
        .set('Authorization', admin.auth)
        .expect(200);
      const res = await ctx.http
        .get(`/api/groups/${g.id}`)
        .set('Authorization', coordinator.auth)
        .expect(200);
      expect(res.body).toMatchObject({
        name: 'Renamed café',
        area: 'LE1',
        vettingStatus: 'approved',
      });
      expect(res.body.accessibility).toMatchObject({ womenOnly: true, childcare: true });
      await ctx.http
        .patch(`/api/groups/${g.id}`)
        .set('Authorization', linkWorker.auth)
        .send({ name: 'Nope' })
        .expect(403);
      const mine = await ctx.http
        .get('/api/groups')
        .set('Authorization', coordinator.auth)
        .expect(200);
      expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(g.id);
      expect(mine.body.nextCursor).toBeNull();
    });

    it('gives 404 for an unknown or malformed id', async () => {
      await ctx.http
        .get('/api/groups/00000000-0000-4000-8000-000000000000')
        .set('Authorization', admin.auth)
        .expect(404);
      await ctx.http.get('/api/groups/not-a-uuid').set('Authorization', admin.auth).expect(404);
    });
  });

  describe('vetting checks and the derived level', () => {
    let groupId: string;
    beforeEach(async () => {
      groupId = (await newApprovedGroup(ctx, { level: 0 })).id;
    });

    it('records a check with its verifier (admin only)', async () => {
      const body = {
        check: 'insurance',
        evidence: 'Policy 123',
        verifiedAt: iso(-1),
        expiresAt: iso(300),
      };
      await ctx.http
        .post(`/api/groups/${groupId}/vetting-checks`)
        .set('Authorization', coordinator.auth)
        .send(body)
        .expect(403);
      await ctx.http
        .post(`/api/groups/${groupId}/vetting-checks`)
        .set('Authorization', linkWorker.auth)
        .send(body)
        .expect(403);
      const res = await ctx.http
        .post(`/api/groups/${groupId}/vetting-checks`)
        .set('Authorization', admin.auth)
        .send(body)
        .expect(201);
      expect(res.body).toMatchObject({ check: 'insurance', verifiedBy: admin.id, current: true });
      expect(res.body.group).toMatchObject({ safeguardingLevel: 0, vettingStatus: 'pending' });
    });

    it('refuses an unknown check, or an expiry before verification, with 422 and changes nothing', async () => {
      const before = await ctx.snapshot();
      const unknown = await ctx.http
        .post(`/api/groups/${groupId}/vetting-checks`)
        .set('Authorization', admin.auth)
        .send({ check: 'vibes', evidence: 'x', verifiedAt: iso(-1), expiresAt: iso(30) })
        .expect(422);
      expect(unknown.body.errors[0].field).toBe('check');
      const backwards = await ctx.http
        .post(`/api/groups/${groupId}/vetting-checks`)
        .set('Authorization', admin.auth)
        .send({ check: 'insurance', evidence: 'x', verifiedAt: iso(-1), expiresAt: iso(-2) })
        .expect(422);
      expect(backwards.body.errors[0].field).toBe('expiresAt');
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('stays at level 0 with all of level 1 but one', async () => {
      await recordChecks(ctx, groupId, checksForLevel(1).slice(1));
      expect(await level(groupId)).toEqual({ safeguardingLevel: 0, vettingStatus: 'pending' });
    });

    it('reaches level 1 (approved) with every level-1 check', async () => {
      await recordChecks(ctx, groupId, checksForLevel(1));
      expect(await level(groupId)).toEqual({ safeguardingLevel: 1, vettingStatus: 'approved' });
    });

    it('stays at level 0 with level-2 checks but no level 1', async () => {
      await recordChecks(ctx, groupId, checksForLevel(2).slice(4));
      expect(await level(groupId)).toEqual({ safeguardingLevel: 0, vettingStatus: 'pending' });
    });

    it('reaches 2 and 3 with the checks of each level', async () => {
      await recordChecks(ctx, groupId, checksForLevel(2));
      expect((await level(groupId)).safeguardingLevel).toBe(2);
      await recordChecks(ctx, groupId, checksForLevel(3).slice(8));
      expect((await level(groupId)).safeguardingLevel).toBe(3);
    });

    it('drops to 1 when a level-2 check has expired', async () => {
      await recordChecks(ctx, groupId, checksForLevel(1));
      await recordChecks(ctx, groupId, checksForLevel(2).slice(4, 7));
      await recordChecks(ctx, groupId, ['boundaries_policy'], {
        verifiedAt: new Date(Date.now() - 400 * DAY),
        expiresAt: new Date(Date.now() - DAY),
      });
      expect(await level(groupId)).toEqual({ safeguardingLevel: 1, vettingStatus: 'approved' });
    });

    it('becomes expired at once when a level-1 check lapses, and approved again when renewed', async () => {
      await recordChecks(ctx, groupId, checksForLevel(1).slice(1));
      await recordChecks(ctx, groupId, [checksForLevel(1)[0]], {
        verifiedAt: new Date(Date.now() - 400 * DAY),
        expiresAt: new Date(Date.now() - DAY),
      });
      expect(await level(groupId)).toEqual({ safeguardingLevel: 0, vettingStatus: 'expired' });
      await recordChecks(ctx, groupId, [checksForLevel(1)[0]]);
      expect(await level(groupId)).toEqual({ safeguardingLevel: 1, vettingStatus: 'approved' });
    });

    it('shows admins the checks with evidence and the coordinator without', async () => {
      const g = await newApprovedGroup(ctx, {
        level: 1,
        organisationId: coordinator.organisationId!,
      });
      const a = await ctx.http
        .get(`/api/groups/${g.id}`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(a.body.vettingChecks).toHaveLength(4);
      expect(a.body.vettingChecks[0].evidence).toMatch(/^Seen /);
      const c = await ctx.http
        .get(`/api/groups/${g.id}`)
        .set('Authorization', coordinator.auth)
        .expect(200);
      expect(c.body.vettingChecks).toHaveLength(4);
      expect(c.body.vettingChecks[0]).not.toHaveProperty('evidence');
    });
  });

  describe('suspend, reinstate, remove', () => {
    it('is for admins only (link worker and coordinator get 403)', async () => {
      const g = await newApprovedGroup(ctx, {
        level: 1,
        organisationId: coordinator.organisationId!,
      });
      for (const user of [linkWorker, coordinator]) {
        await ctx.http
          .post(`/api/groups/${g.id}/suspend`)
          .set('Authorization', user.auth)
          .send({ reason: 'x' })
          .expect(403);
        await ctx.http
          .post(`/api/groups/${g.id}/remove`)
          .set('Authorization', user.auth)
          .send({})
          .expect(403);
      }
      expect((await level(g.id)).vettingStatus).toBe('approved');
    });

    it('suspends (publishing the event in the transaction), reinstates and removes', async () => {
      const g = await newApprovedGroup(ctx, { level: 2 });
      const seen: Omit<GroupSuspendedEvent, 'manager'>[] = [];
      const events = ctx.app.get(EventEmitter2);
      const listener = (e: GroupSuspendedEvent) => {
        expect(e.manager.queryRunner?.isTransactionActive).toBe(true);
        seen.push({ groupId: e.groupId, reason: e.reason, actorId: e.actorId });
      };
      events.on(GROUP_SUSPENDED, listener);
      try {
        const s = await ctx.http
          .post(`/api/groups/${g.id}/suspend`)
          .set('Authorization', admin.auth)
          .send({ reason: 'Boundary concern under review' })
          .expect(200);
        expect(s.body).toMatchObject({
          id: g.id,
          vettingStatus: 'suspended',
          safeguardingLevel: 2,
          offerable: false,
        });
        expect(seen).toEqual([
          { groupId: g.id, reason: 'Boundary concern under review', actorId: admin.id },
        ]);

        await ctx.http
          .post(`/api/groups/${g.id}/suspend`)
          .set('Authorization', admin.auth)
          .send({ reason: 'again' })
          .expect(409);
        await ctx.http
          .post(`/api/groups/${g.id}/suspend`)
          .set('Authorization', admin.auth)
          .send({})
          .expect(422);

        const r = await ctx.http
          .post(`/api/groups/${g.id}/reinstate`)
          .set('Authorization', admin.auth)
          .send({})
          .expect(200);
        expect(r.body.vettingStatus).toBe('approved');

        const removed = await ctx.http
          .post(`/api/groups/${g.id}/remove`)
          .set('Authorization', admin.auth)
          .send({})
          .expect(200);
        expect(removed.body.vettingStatus).toBe('removed');
        expect(seen).toHaveLength(2);
        await ctx.http
          .post(`/api/groups/${g.id}/reinstate`)
          .set('Authorization', admin.auth)
          .send({})
          .expect(409);
      } finally {
        events.off(GROUP_SUSPENDED, listener);
      }
      const audit = await ctx.db.query(
        `SELECT action FROM audit_event WHERE entity_id = $1 AND action IN ('suspend','reinstate','remove') ORDER BY at`,
        [g.id],
      );
      expect(audit.rows.map((r) => r.action)).toEqual(['suspend', 'reinstate', 'remove']);
    });
  });

  describe('incidents', () => {
    it('records incidents from link workers and own-group coordinators, seen by admins and the reporter', async () => {
      const g = await newApprovedGroup(ctx, {
        level: 1,
        organisationId: coordinator.organisationId!,
      });
      const body = {
        type: 'boundary_concern',
        description: 'Volunteer asked Amina for her phone number',
        occurredAt: iso(-2),
      };
      const res = await ctx.http
        .post(`/api/groups/${g.id}/incidents`)
        .set('Authorization', linkWorker.auth)
        .send(body)
        .expect(201);
      expect(res.body).toMatchObject({
        groupId: g.id,
        type: 'boundary_concern',
        reportedBy: linkWorker.id,
      });
      await ctx.http
        .post(`/api/groups/${g.id}/incidents`)
        .set('Authorization', coordinator.auth)
        .send({ ...body, type: 'complaint' })
        .expect(201);

      const stored = await ctx.db.query('SELECT description FROM group_incident WHERE id = $1', [
        res.body.id,
      ]);
      expect(stored.rows[0].description).not.toContain('Amina'); // encrypted at rest

      const all = await ctx.http
        .get(`/api/groups/${g.id}/incidents`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(all.body.items).toHaveLength(2);
      const own = await ctx.http
        .get(`/api/groups/${g.id}/incidents`)
        .set('Authorization', linkWorker.auth)
        .expect(200);
      expect(own.body.items.map((i: { id: string }) => i.id)).toEqual([res.body.id]);
      const other = await ctx.newUser('link_worker');
      const none = await ctx.http
        .get(`/api/groups/${g.id}/incidents`)
        .set('Authorization', other.auth)
        .expect(200);
      expect(none.body.items).toEqual([]);
    });

    it('refuses another organisation’s coordinator (404), unknown types (422) and referrers (403)', async () => {
      const g = await newApprovedGroup(ctx, { level: 1 });
      const body = { type: 'harm', description: 'x', occurredAt: iso(-1) };
      await ctx.http
        .post(`/api/groups/${g.id}/incidents`)
        .set('Authorization', coordinator.auth)
        .send(body)
        .expect(404);
      await ctx.http
        .post(`/api/groups/${g.id}/incidents`)
        .set('Authorization', linkWorker.auth)
        .send({ ...body, type: 'gossip' })
        .expect(422);
      const referrer = await ctx.newUser('referrer');
      await ctx.http
        .post(`/api/groups/${g.id}/incidents`)
        .set('Authorization', referrer.auth)
        .send(body)
        .expect(403);
    });
  });

  describe('GET /api/groups/search', () => {
    let lw: TestUser;
    beforeAll(async () => {
      lw = await ctx.newUser('link_worker');
    });

    const search = (user: TestUser, q: string) =>
      ctx.http.get(`/api/groups/search?${q}`).set('Authorization', user.auth);

    it('offers only approved groups at or above the case’s required level, with availability', async () => {
      const { caseId } = await newCase(ctx, lw);
      const l1 = await newApprovedGroup(ctx, { level: 1, needsServed: ['mental_health'] });
      const l3 = await newApprovedGroup(ctx, { level: 3, needsServed: ['mental_health'] });
      const pending = await newApprovedGroup(ctx, { level: 0, needsServed: ['mental_health'] });

      const plain = await search(lw, `caseId=${caseId}&need=mental_health`).expect(200);
      const ids = plain.body.items.map((g: { id: string }) => g.id);
      expect(ids).toEqual(expect.arrayContaining([l1.id, l3.id]));
      expect(ids).not.toContain(pending.id);
      expect(plain.body.items[0]).toMatchObject({
        availablePlaces: expect.any(Number),
        waitlistLength: expect.any(Number),
      });

      await ctx.http
        .put(`/api/cases/${caseId}/safeguarding`)
        .set('Authorization', lw.auth)
        .send({ flags: ['trafficking_survivor'] })
        .expect(200);
      const strict = await search(lw, `caseId=${caseId}&need=mental_health&explain=true`).expect(
        200,
      );
      const strictIds = strict.body.items.map((g: { id: string }) => g.id);
      expect(strict.body.requiredLevel).toBe(3);
      expect(strictIds).toContain(l3.id);
      expect(strictIds).not.toContain(l1.id);
      const whyNot = (id: string) =>
        strict.body.excluded.find((e: { groupId: string }) => e.groupId === id);
      expect(whyNot(l1.id).reasons).toEqual(['level_too_low']);
      expect(whyNot(pending.id).reasons).toEqual(
        expect.arrayContaining(['not_approved', 'level_too_low']),
      );
      expect(JSON.stringify(strict.body)).not.toMatch(/evidence|Seen /);
    });

    it('filters by need, language and accessibility, and explains why', async () => {
      const { caseId } = await newCase(ctx, lw);
      const somali = await newApprovedGroup(ctx, {
        level: 1,
        languages: ['so'],
        needsServed: ['food'],
        accessibility: { childcare: false, stepFree: true, womenOnly: true, travelSupport: false },
      });
      const arabic = await newApprovedGroup(ctx, {
        level: 1,
        languages: ['ar'],
        needsServed: ['food'],
      });
      const res = await search(
        lw,
        `caseId=${caseId}&need=food&language=so&womenOnly=true&explain=true`,
      ).expect(200);
      const ids = res.body.items.map((g: { id: string }) => g.id);
      expect(ids).toContain(somali.id);
      expect(ids).not.toContain(arabic.id);
      const why = res.body.excluded.find((e: { groupId: string }) => e.groupId === arabic.id);
      expect(why.reasons).toEqual(['language_not_offered', 'not_women_only']);
      expect(why.name).toBe(arabic.name);
    });

    it('hides a suspended group at once', async () => {
      const { caseId } = await newCase(ctx, lw);
      const g = await newApprovedGroup(ctx, { level: 2, needsServed: ['money'] });
      expect(
        (await search(lw, `caseId=${caseId}&need=money`)).body.items.map(
          (x: { id: string }) => x.id,
        ),
      ).toContain(g.id);
      await ctx.http
        .post(`/api/groups/${g.id}/suspend`)
        .set('Authorization', admin.auth)
        .send({ reason: 'Complaint' })
        .expect(200);
      const after = await search(lw, `caseId=${caseId}&need=money&explain=true`).expect(200);
      expect(after.body.items.map((x: { id: string }) => x.id)).not.toContain(g.id);
      expect(
        after.body.excluded.find((e: { groupId: string }) => e.groupId === g.id).reasons,
      ).toEqual(['suspended']);
    });

    it('ranks the same postcode district first, then the same area', async () => {
      const { caseId } = await newCase(ctx, lw, { person: { postcode: 'LS6 1AA' } });
      const far = await newApprovedGroup(ctx, {
        level: 1,
        postcode: 'M1 1AA',
        needsServed: ['education'],
      });
      const area = await newApprovedGroup(ctx, {
        level: 1,
        postcode: 'LS1 4AP',
        needsServed: ['education'],
      });
      const district = await newApprovedGroup(ctx, {
        level: 1,
        postcode: 'LS6 2BB',
        needsServed: ['education'],
      });
      const res = await search(lw, `caseId=${caseId}&need=education`).expect(200);
      const order = res.body.items
        .map((g: { id: string }) => g.id)
        .filter((id: string) => [far.id, area.id, district.id].includes(id));
      expect(order).toEqual([district.id, area.id, far.id]);
      const near = await search(lw, `caseId=${caseId}&need=education&near=M1`).expect(200);
      expect(near.body.items[0].id).toBe(far.id);
    });

    it('gives 404 for another link worker’s case, 403 to coordinators and 422 for bad filters', async () => {
      const { caseId } = await newCase(ctx, linkWorker);
      await search(lw, `caseId=${caseId}`).expect(404);
      await search(coordinator, `caseId=${caseId}`).expect(403);
      await search(lw, 'need=astrology').expect(422);
      await search(lw, 'language=zz').expect(422);
      await search(admin, `caseId=${caseId}`).expect(200);
    });
  });
});
