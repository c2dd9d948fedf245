import { newApprovedGroup } from './support/directory-factory';
import { expectValidHsds as expectValid } from './support/hsds-schemas';
import { TestContext, type TestUser } from './support/test-app';

describe('Open Referral UK read API (HSDS 3.1)', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let approved: { id: string; organisationId: string; name: string };
  let pendingId: string;
  let suspendedId: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser('admin');
    approved = await newApprovedGroup(ctx, {
      level: 3,
      name: 'Tea and Talk',
      languages: ['en', 'so', 'prs'],
      needsServed: ['social_connection', 'language'],
      activityTypes: ['conversation_esol'],
      ageRange: { min: 18 },
      accessibility: {
        stepFree: true,
        childcare: true,
        womenOnly: true,
        travelSupport: false,
        interpreters: true,
      },
    });
    await newApprovedGroup(ctx, {
      level: 1,
      name: 'Remote befriending',
      deliveryMode: 'remote',
      postcode: undefined,
      activityTypes: ['befriending'],
    });
    pendingId = (await newApprovedGroup(ctx, { level: 0, name: 'Not yet vetted' })).id;
    suspendedId = (await newApprovedGroup(ctx, { level: 2, name: 'Under review' })).id;
    await ctx.http
      .post(`/api/groups/${suspendedId}/suspend`)
      .set('Authorization', admin.auth)
      .send({ reason: 'Incident' })
      .expect(200);
    await ctx.http
      .post(`/api/groups/${approved.id}/incidents`)
      .set('Authorization', admin.auth)
      .send({
        type: 'complaint',
        description: 'Secret incident text',
        occurredAt: new Date().toISOString(),
      })
      .expect(201);
  });
  afterAll(() => ctx.close());

  it('describes itself at the root, publicly, with CORS', async () => {
    const res = await ctx.http.get('/openreferral/').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.body).toMatchObject({
      version: '3.1',
      profile: expect.stringMatching(/^https:\/\//),
    });
  });

  it('lists approved services only, HSDS-paged, each valid against the schemas', async () => {
    const res = await ctx.http.get('/openreferral/services').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expectValid('page', res.body);
    expect(res.body).toMatchObject({
      total_items: 2,
      total_pages: 1,
      page_number: 1,
      size: 2,
      first_page: true,
      last_page: true,
      empty: false,
    });
    const names = res.body.contents.map((s: { name: string }) => s.name);
    expect(names.sort()).toEqual(['Remote befriending', 'Tea and Talk']);
    for (const s of res.body.contents) {
      expectValid('serviceListItem', s);
      expectValid('service', s);
    }
    expect(names).not.toContain('Not yet vetted');
    expect(names).not.toContain('Under review');
  });

  it('gives one full service with capacities, languages and taxonomy attributes, and nothing private', async () => {
    const res = await ctx.http.get(`/openreferral/services/${approved.id}`).expect(200);
    expectValid('service', res.body);
    expect(res.body).toMatchObject({
      id: approved.id,
      organization_id: approved.organisationId,
      name: 'Tea and Talk',
      status: 'active',
      minimum_age: 18,
      capacities: [
        {
          available: 0,
          maximum: 0,
          unit: { id: expect.any(String), name: expect.any(String) },
          updated: expect.any(String),
        },
      ],
    });
    expect(res.body.languages.map((l: { code: string }) => l.code)).toEqual(['en', 'so', 'prs']);
    expect(
      res.body.attributes.map((a: { taxonomy_term: { code: string } }) => a.taxonomy_term.code),
    ).toEqual(expect.arrayContaining(['conversation_esol', 'social_connection', 'language']));
    expect(res.body.service_at_locations).toHaveLength(1);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(
      /Secret incident|Seen safeguarding|safeguardingLevel|vetting|evidence|NG7 1AA/i,
    );
  });

  it('answers 404 (with CORS) for unpublished or unknown services', async () => {
    for (const id of [pendingId, suspendedId, '00000000-0000-4000-8000-000000000000']) {
      const res = await ctx.http.get(`/openreferral/services/${id}`).expect(404);
      expect(res.headers['access-control-allow-origin']).toBe('*');
    }
  });

  it('pages with page and per_page, and filters by search, organization and taxonomy term', async () => {
    const p2 = await ctx.http.get('/openreferral/services?per_page=1&page=2').expect(200);
    expect(p2.body).toMatchObject({
      total_items: 2,
      total_pages: 2,
      page_number: 2,
      size: 1,
      first_page: false,
      last_page: true,
    });
    const searched = await ctx.http.get('/openreferral/services?search=talk').expect(200);
    expect(searched.body.contents.map((s: { id: string }) => s.id)).toEqual([approved.id]);
    const byOrg = await ctx.http
      .get(`/openreferral/services?organization_id=${approved.organisationId}`)
      .expect(200);
    expect(byOrg.body.total_items).toBe(1);

    const terms = await ctx.http.get('/openreferral/taxonomy_terms?per_page=200').expect(200);
    const befriending = terms.body.contents.find((t: { code: string }) => t.code === 'befriending');
    const byTerm = await ctx.http
      .get(`/openreferral/services?taxonomy_term_id=${befriending.id}`)
      .expect(200);
    expect(byTerm.body.contents.map((s: { name: string }) => s.name)).toEqual([
      'Remote befriending',
    ]);

    const future = await ctx.http
      .get(
        `/openreferral/services?modified_after=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
      )
      .expect(200);
    expect(future.body).toMatchObject({ total_items: 0, empty: true, contents: [] });
    await ctx.http.get('/openreferral/services?page=0').expect(422);
  });

  it('publishes taxonomies and terms with stable ids', async () => {
    const list = await ctx.http.get('/openreferral/taxonomies').expect(200);
    expectValid('page', list.body);
    expect(list.body.total_items).toBe(2);
    for (const t of list.body.contents) expectValid('taxonomy', t);
    const one = await ctx.http
      .get(`/openreferral/taxonomies/${list.body.contents[0].id}`)
      .expect(200);
    expect(one.body).toEqual(list.body.contents[0]);

    const terms = await ctx.http.get('/openreferral/taxonomy_terms?per_page=200').expect(200);
    expectValid('page', terms.body);
    for (const t of terms.body.contents) expectValid('taxonomyTerm', t);
    const again = await ctx.http.get('/openreferral/taxonomy_terms?per_page=200').expect(200);
    expect(again.body.contents.map((t: { id: string }) => t.id)).toEqual(
      terms.body.contents.map((t: { id: string }) => t.id),
    );
    const ofOne = await ctx.http
      .get(`/openreferral/taxonomy_terms?taxonomy_id=${list.body.contents[0].id}&per_page=200`)
      .expect(200);
    expect(ofOne.body.total_items).toBeLessThan(terms.body.total_items);
  });

  it('lists service_at_locations and organizations, valid against the schemas', async () => {
    const sals = await ctx.http.get('/openreferral/service_at_locations').expect(200);
    expectValid('page', sals.body);
    expect(sals.body.total_items).toBe(1); // the remote group has no location
    for (const s of sals.body.contents) expectValid('serviceAtLocationListItem', s);
    const one = await ctx.http
      .get(`/openreferral/service_at_locations/${sals.body.contents[0].id}`)
      .expect(200);
    expectValid('serviceAtLocation', one.body);
    expect(one.body.service.id).toBe(approved.id);

    const orgs = await ctx.http.get('/openreferral/organizations').expect(200);
    expectValid('page', orgs.body);
    expect(orgs.body.total_items).toBe(2);
    for (const o of orgs.body.contents) expectValid('organizationListItem', o);
  });

  it('answers a CORS preflight', async () => {
    const res = await ctx.http
      .options('/openreferral/services')
      .set('Origin', 'https://example.org')
      .set('Access-Control-Request-Method', 'GET');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });
});
