import type TestAgent from 'supertest/lib/agent';
import { newCase } from './support/casework-factory';
import { newApprovedGroup } from './support/directory-factory';
import { expectValidHsds } from './support/hsds-schemas';
import { csrfOf, signInAgent } from './support/page-session';
import { capacityBody } from './support/placements-factory';
import { TestContext, type TestUser } from './support/test-app';

describe('Directory: a coordinator’s changes wait for an admin (contract: "Directory freshness")', () => {
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

  async function ownGroup(name: string) {
    const g = await newApprovedGroup(ctx, {
      level: 1,
      organisationId: coordinator.organisationId!,
      name,
      description: 'Knitting and tea',
      needsServed: ['social_connection'],
      activityTypes: ['arts'],
      languages: ['en'],
    });
    await ctx.http
      .put(`/api/groups/${g.id}/capacity`)
      .set('Authorization', coordinator.auth)
      .send(capacityBody())
      .expect(200);
    return g;
  }

  const propose = (groupId: string, body: object, as = coordinator) =>
    ctx.http.patch(`/api/groups/${groupId}`).set('Authorization', as.auth).send(body);
  const approve = (groupId: string, changeId: string, as = admin) =>
    ctx.http
      .post(`/api/groups/${groupId}/changes/${changeId}/approve`)
      .set('Authorization', as.auth);
  const reject = (groupId: string, changeId: string, body: object, as = admin) =>
    ctx.http
      .post(`/api/groups/${groupId}/changes/${changeId}/reject`)
      .set('Authorization', as.auth)
      .send(body);
  const group = (id: string, as = admin) =>
    ctx.http.get(`/api/groups/${id}`).set('Authorization', as.auth).expect(200);

  /** Everything a link worker or the public can see of the group, as text. */
  async function everywhere(id: string, caseId: string, lw: TestAgent, gc: TestAgent) {
    const search = await ctx.http
      .get('/api/groups/search?explain=true')
      .set('Authorization', linkWorker.auth)
      .expect(200);
    const housing = await ctx.http
      .get('/api/groups/search?need=housing')
      .set('Authorization', linkWorker.auth)
      .expect(200);
    const matching = await ctx.http
      .get(`/api/groups/search?caseId=${caseId}&language=ar`)
      .set('Authorization', linkWorker.auth)
      .expect(200);
    const page = await lw.get(`/groups/${id}`).expect(200);
    const ownPage = await gc.get(`/groups/${id}`).expect(200);
    const searchPage = await lw.get('/directory').expect(200);
    const service = await ctx.http.get(`/openreferral/services/${id}`).expect(200);
    const services = await ctx.http.get('/openreferral/services?per_page=200').expect(200);
    return {
      apiAsLinkWorker: JSON.stringify((await group(id, linkWorker)).body),
      apiAsCoordinator: JSON.stringify((await group(id, coordinator)).body),
      search: JSON.stringify(search.body.items.filter((g: { id: string }) => g.id === id)),
      housing: housing.body.items.map((g: { id: string }) => g.id) as string[],
      arabic: matching.body.items.map((g: { id: string }) => g.id) as string[],
      page: page.text,
      ownPage: ownPage.text,
      searchPage: searchPage.text,
      service: service.body as { name: string; description: string; last_modified: string },
      services: JSON.stringify(services.body),
    };
  }

  describe('PATCH /api/groups/:id by its coordinator', () => {
    it('answers 202 with the pending change, and nothing of it shows in search, the group page, matching or Open Referral until approved', async () => {
      const g = await ownGroup('Knit and natter');
      const { caseId } = await newCase(ctx, linkWorker);
      const lw = await signInAgent(ctx, linkWorker);
      const gc = await signInAgent(ctx, coordinator);
      const before = await everywhere(g.id, caseId, lw, gc);
      expect(before.search).toContain('Knit and natter');
      expect(before.page).toContain('Knit and natter');

      const res = await propose(g.id, {
        name: 'Knit, natter and Zebrafinch',
        description: 'Knitting, tea and Zebrafinch conversation',
        needsServed: ['social_connection', 'housing'],
        languages: ['en', 'ar'],
      }).expect(202);
      expect(res.headers['content-type']).toMatch(/json/);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        groupId: g.id,
        status: 'pending',
        proposedBy: coordinator.id,
        decidedAt: null,
      });
      expect(res.body.fields).toEqual([
        {
          field: 'name',
          label: 'Name',
          before: 'Knit and natter',
          after: 'Knit, natter and Zebrafinch',
        },
        {
          field: 'description',
          label: 'What happens',
          before: 'Knitting and tea',
          after: 'Knitting, tea and Zebrafinch conversation',
        },
        {
          field: 'needsServed',
          label: 'Helps with',
          before: ['social_connection'],
          after: ['social_connection', 'housing'],
        },
        { field: 'languages', label: 'Languages', before: ['en'], after: ['en', 'ar'] },
      ]);

      const waiting = await everywhere(g.id, caseId, lw, gc);
      for (const text of [
        waiting.apiAsLinkWorker,
        waiting.apiAsCoordinator,
        waiting.search,
        waiting.page,
        waiting.ownPage,
        waiting.searchPage,
        waiting.services,
        JSON.stringify(waiting.service),
      ]) {
        expect(text).not.toContain('Zebrafinch');
      }
      expect(waiting.search).toContain('Knit and natter');
      expect(waiting.housing).not.toContain(g.id);
      expect(waiting.arabic).not.toContain(g.id);
      expect(waiting.service).toMatchObject({ name: 'Knit and natter' });
      expect(waiting.service.last_modified).toBe(before.service.last_modified);
      const since = await ctx.http
        .get(
          `/openreferral/services?modified_after=${encodeURIComponent(before.service.last_modified)}&per_page=200`,
        )
        .expect(200);
      expect(JSON.stringify(since.body)).not.toContain('Zebrafinch');
      // The coordinator's own page says a change is waiting, without showing it as the listing.
      expect(waiting.ownPage).toContain('are waiting for the vetting team');
      expect(waiting.page).not.toContain('waiting for the vetting team');

      const approved = await approve(g.id, res.body.id).expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', decidedBy: admin.id });
      expect(approved.body.group).toMatchObject({
        name: 'Knit, natter and Zebrafinch',
        languages: ['en', 'ar'],
        listingStatus: 'confirmed',
      });
      const after = await everywhere(g.id, caseId, lw, gc);
      expect(after.search).toContain('Knit, natter and Zebrafinch');
      expect(after.page).toContain('Knitting, tea and Zebrafinch conversation');
      expect(after.housing).toContain(g.id);
      expect(after.arabic).toContain(g.id);
      expect(after.service.name).toBe('Knit, natter and Zebrafinch');
      expectValidHsds('service', after.service);
      expect(new Date(after.service.last_modified).getTime()).toBeGreaterThan(
        new Date(before.service.last_modified).getTime(),
      );

      const { rows } = await ctx.db.query(
        `SELECT actor_id, action, detail FROM audit_event
          WHERE entity_id = $1 AND action IN ('propose_change','approve_change') ORDER BY at`,
        [g.id],
      );
      expect(rows).toEqual([
        expect.objectContaining({ actor_id: coordinator.id, action: 'propose_change' }),
        expect.objectContaining({
          actor_id: admin.id,
          action: 'approve_change',
          detail: expect.objectContaining({
            changeId: res.body.id,
            fields: ['name', 'description', 'needsServed', 'languages'],
          }),
        }),
      ]);
      const history = await ctx.http
        .get(`/api/groups/${g.id}/changes`)
        .set('Authorization', coordinator.auth)
        .expect(200);
      expect(history.body.items[0]).toMatchObject({ id: res.body.id, status: 'approved' });
      expect(history.body.items[0].fields[0]).toMatchObject({
        before: 'Knit and natter',
        after: 'Knit, natter and Zebrafinch',
      });
    });

    it('holds location, schedule, cost, accessibility and activities back too', async () => {
      const g = await ownGroup('Sunday football');
      const res = await propose(g.id, {
        postcode: 'LE1 5AA',
        deliveryMode: 'both',
        schedule: 'Sundays 15:00–17:00',
        cost: '£2',
        accessibility: { womenOnly: true },
        activityTypes: ['physical_activity'],
        ageRange: { min: 16 },
      }).expect(202);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual([
        'activityTypes',
        'deliveryMode',
        'postcode',
        'accessibility',
        'sessions',
        'cost',
        'ageRange',
      ]);
      const live = (await group(g.id)).body;
      expect(live).toMatchObject({
        postcode: 'NG7 1AA',
        area: 'NG7',
        deliveryMode: 'in_person',
        cost: 'Free',
        accessibility: { womenOnly: false, childcare: true },
        activityTypes: ['arts'],
        ageRange: null,
      });
      const weekendIds = async () =>
        (
          await ctx.http
            .get('/api/groups/search?when=weekend')
            .set('Authorization', linkWorker.auth)
            .expect(200)
        ).body.items.map((x: { id: string }) => x.id);
      expect(await weekendIds()).not.toContain(g.id);
      const feed = await ctx.http.get(`/openreferral/services/${g.id}`).expect(200);
      expect(feed.body.schedules.map((x: { byday: string }) => x.byday)).toEqual(['TU']);

      await approve(g.id, res.body.id).expect(200);
      expect(await weekendIds()).toContain(g.id);
      expect((await group(g.id)).body).toMatchObject({
        postcode: 'LE1 5AA',
        area: 'LE1',
        deliveryMode: 'both',
        cost: '£2',
        accessibility: { womenOnly: true, childcare: true },
        ageRange: { min: 16, max: null },
      });
    });

    it('keeps capacity and pausing intake immediate while a change waits', async () => {
      const g = await ownGroup('Walking group');
      await propose(g.id, { name: 'Walking and talking' }).expect(202);
      const cap = await ctx.http
        .put(`/api/groups/${g.id}/capacity`)
        .set('Authorization', coordinator.auth)
        .send(capacityBody({ places: 12, intakePaused: true }))
        .expect(200);
      expect(cap.body).toMatchObject({ places: 12, intakePaused: true });
      expect((await group(g.id, linkWorker)).body.capacity).toMatchObject({
        places: 12,
        intakePaused: true,
      });
      expect((await group(g.id, linkWorker)).body.name).toBe('Walking group');
    });

    it('replaces a change still waiting with one that carries both edits, and withdraws it when edited back', async () => {
      const g = await ownGroup('Board games');
      const first = await propose(g.id, { name: 'Board games café' }).expect(202);
      const second = await propose(g.id, { cost: '£1' }).expect(202);
      expect(second.body.id).not.toBe(first.body.id);
      expect(
        second.body.fields.map((f: { field: string; after: unknown }) => [f.field, f.after]),
      ).toEqual([
        ['name', 'Board games café'],
        ['cost', '£1'],
      ]);
      const old = await ctx.http
        .get(`/api/groups/${g.id}/changes/${first.body.id}`)
        .set('Authorization', coordinator.auth)
        .expect(200);
      expect(old.body.status).toBe('superseded');
      const late = await approve(g.id, first.body.id).expect(409);
      expect(late.body.code).toBe('change_not_pending');

      const back = await propose(g.id, { name: 'Board games', cost: 'Free' }).expect(200);
      expect(back.body).toMatchObject({ id: g.id, name: 'Board games', pendingChangeId: null });
      const list = await ctx.http
        .get(`/api/groups/${g.id}/changes`)
        .set('Authorization', coordinator.auth)
        .expect(200);
      expect(list.body.items.map((c: { status: string }) => c.status)).toEqual([
        'withdrawn',
        'superseded',
      ]);
    });

    it('changes nothing when the edit says what the listing already says (200)', async () => {
      const g = await ownGroup('Choir');
      const before = await ctx.snapshot();
      const res = await propose(g.id, {
        name: 'Choir',
        languages: ['en'],
        activityTypes: ['arts'],
      }).expect(200);
      expect(res.body).toMatchObject({ id: g.id, name: 'Choir' });
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('refuses bad input with 422 problem+json and records no change', async () => {
      const g = await ownGroup('Gardening');
      const before = await ctx.snapshot();
      const res = await propose(g.id, { name: '', languages: ['xx'] }).expect(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['name', 'languages']),
      );
      expect(await ctx.snapshot()).toEqual(before);
    });
  });

  describe('an admin’s own edits', () => {
    it('apply at once (200) and count as a review', async () => {
      const g = await ownGroup('Sewing');
      const res = await propose(g.id, { name: 'Sewing circle' }, admin).expect(200);
      expect(res.body).toMatchObject({ name: 'Sewing circle', listingStatus: 'confirmed' });
      expect(res.body.assuredAt).not.toBeNull();
      const { rows } = await ctx.db.query(
        'SELECT count(*)::int AS n FROM community_group_change WHERE group_id = $1',
        [g.id],
      );
      expect(rows[0].n).toBe(0);
      expect((await ctx.http.get(`/openreferral/services/${g.id}`).expect(200)).body.name).toBe(
        'Sewing circle',
      );
    });
  });

  describe('approving and rejecting', () => {
    it('lets only an admin answer a change (403), and not a change of another group (404)', async () => {
      const g = await ownGroup('Drumming');
      const other = await ownGroup('Pottery');
      const change = await propose(g.id, { name: 'Drumming circle' }).expect(202);
      const outsider = await ctx.newUser('group_coordinator');
      const before = await ctx.snapshot();
      await approve(g.id, change.body.id, coordinator).expect(403);
      await reject(g.id, change.body.id, { reason: 'No' }, coordinator).expect(403);
      await approve(g.id, change.body.id, linkWorker).expect(403);
      await approve(other.id, change.body.id).expect(404);
      await approve(g.id, '00000000-0000-4000-8000-000000000000').expect(404);
      await ctx.http
        .get(`/api/groups/${g.id}/changes`)
        .set('Authorization', outsider.auth)
        .expect(404);
      await ctx.http
        .get(`/api/groups/${g.id}/changes`)
        .set('Authorization', linkWorker.auth)
        .expect(403);
      expect(await ctx.snapshot()).toEqual(before);
      expect((await group(g.id)).body.name).toBe('Drumming');
    });

    it('rejects with a reason the coordinator sees, audited, changing nothing in the listing', async () => {
      const g = await ownGroup('Cooking club');
      const change = await propose(g.id, { description: 'Now with a free lunch every day' }).expect(
        202,
      );
      const before = await ctx.snapshot();
      const missing = await reject(g.id, change.body.id, { reason: '  ' }).expect(422);
      expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
      expect(await ctx.snapshot()).toEqual(before);

      const res = await reject(g.id, change.body.id, {
        reason: 'Please check: the hall says lunch is on Fridays only.',
      }).expect(200);
      expect(res.body).toMatchObject({
        status: 'rejected',
        rejectionReason: 'Please check: the hall says lunch is on Fridays only.',
        decidedBy: admin.id,
      });
      expect((await group(g.id)).body.description).toBe('Knitting and tea');
      await approve(g.id, change.body.id).expect(409);

      const seen = await ctx.http
        .get(`/api/groups/${g.id}/changes`)
        .set('Authorization', coordinator.auth)
        .expect(200);
      expect(seen.body.items[0].rejectionReason).toBe(
        'Please check: the hall says lunch is on Fridays only.',
      );
      const page = await (await signInAgent(ctx, coordinator)).get(`/groups/${g.id}`).expect(200);
      expect(page.text).toContain('were not approved');
      expect(page.text).toContain('the hall says lunch is on Fridays only.');
      const notes = await ctx.http
        .get('/api/notifications')
        .set('Authorization', coordinator.auth)
        .expect(200);
      expect(notes.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'listing_change_rejected',
            text: expect.stringContaining('Fridays only'),
          }),
        ]),
      );
      const { rows } = await ctx.db.query(
        `SELECT actor_id, detail FROM audit_event WHERE entity_id = $1 AND action = 'reject_change'`,
        [g.id],
      );
      expect(rows).toEqual([
        {
          actor_id: admin.id,
          detail: expect.objectContaining({
            changeId: change.body.id,
            reason: 'Please check: the hall says lunch is on Fridays only.',
          }),
        },
      ]);
    });
  });

  describe('pages', () => {
    it('sends a coordinator’s edit to the vetting team, who see each field before and after and approve it', async () => {
      const g = await ownGroup('Family swim');
      const gc = await signInAgent(ctx, coordinator);
      const form = await gc.get(`/groups/${g.id}/edit`).expect(200);
      expect(form.text).toContain('The vetting team checks changes');
      const sent = await gc
        .post(`/groups/${g.id}/edit`)
        .type('form')
        .send({
          _csrf: csrfOf(form.text),
          name: 'Family swim and splash',
          description: 'Knitting and tea',
          activityTypes: 'arts',
          needsServed: 'social_connection',
          languages: 'en',
          deliveryMode: 'in_person',
          postcode: 'NG7 1AA',
          accessibility: ['childcare', 'stepFree'],
          cost: 'Free',
        })
        .expect(303);
      expect(sent.headers.location).toBe(`/groups/${g.id}`);
      const own = await gc.get(`/groups/${g.id}`).expect(200);
      expect(own.text).toContain('Your changes were sent to the vetting team');
      expect(own.text).not.toContain('Family swim and splash');
      // The edit page carries on from the change still waiting.
      const again = await gc.get(`/groups/${g.id}/edit`).expect(200);
      expect(again.text).toContain('value="Family swim and splash"');
      const changes = await gc.get(`/groups/${g.id}/changes`).expect(200);
      expect(changes.text).toContain('Waiting for review');
      expect(changes.text).toMatch(
        /Family swim<\/td>\s*<td class="govuk-table__cell">Family swim and splash/,
      );

      const ad = await signInAgent(ctx, admin);
      const list = await ad.get('/admin/vetting').expect(200);
      expect(list.text).toContain('Changes waiting for review');
      expect(list.text).toContain(`href="/admin/vetting/${g.id}#changes"`);
      const review = await ad.get(`/admin/vetting/${g.id}`).expect(200);
      expect(review.text).toMatch(/<th scope="col" class="govuk-table__header">Now<\/th>/);
      expect(review.text).toMatch(
        /<th scope="row" class="govuk-table__header">Name<\/th>\s*<td class="govuk-table__cell">Family swim<\/td>\s*<td class="govuk-table__cell">Family swim and splash<\/td>/,
      );
      const changeId = /changes\/([0-9a-f-]{36})\/approve/.exec(review.text)![1];

      const before = await ctx.snapshot();
      const bad = await ad
        .post(`/admin/vetting/${g.id}/changes/${changeId}/reject`)
        .type('form')
        .send({ _csrf: csrfOf(review.text), reason: '' })
        .expect(422);
      expect(bad.text).toContain('govuk-error-summary');
      expect(bad.text).toContain('Enter why the changes are not approved');
      expect(await ctx.snapshot()).toEqual(before);

      await ad
        .post(`/admin/vetting/${g.id}/changes/${changeId}/approve`)
        .type('form')
        .send({ _csrf: csrfOf(review.text) })
        .expect(303);
      const lw = await signInAgent(ctx, linkWorker);
      expect((await lw.get(`/groups/${g.id}`).expect(200)).text).toContain(
        'Family swim and splash',
      );
      const twice = await ad
        .post(`/admin/vetting/${g.id}/changes/${changeId}/approve`)
        .type('form')
        .send({ _csrf: csrfOf(review.text) })
        .expect(409);
      expect(twice.text).toContain('no longer waiting for review');
    });
  });
});
