import { DirectoryImportService } from '../src/directory/directory-import.service';
import { TestContext, type TestUser } from './support/test-app';

describe('Directory import (HSDS JSON and CSV)', () => {
  let ctx: TestContext;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser('admin');
  });
  afterAll(() => ctx.close());

  const hsdsFeed = {
    total_items: 3,
    contents: [
      {
        id: 'feed-1',
        name: 'Walk and Talk',
        description: 'A gentle walk in the park',
        status: 'active',
        organization: { name: 'Green Paths CIC' },
        languages: [{ code: 'en' }, { code: 'ur' }],
        attributes: [
          { taxonomy_term: { code: 'nature' } },
          { taxonomy_term: { code: 'mental_health' } },
          { taxonomy_term: { code: 'esd:123' } },
        ],
        service_at_locations: [{ location: { addresses: [{ postal_code: 'NG1 5FS' }] } }],
        minimum_age: 16,
      },
      { id: 'feed-2', description: 'No name', organization: { name: 'Green Paths CIC' } },
      {
        id: 'feed-3',
        name: 'Online coffee',
        description: 'Chat online',
        organization: { name: 'Green Paths CIC' },
      },
    ],
  };

  it('imports an HSDS page as pending groups and reports rejected rows (admin API)', async () => {
    const res = await ctx.http
      .post('/api/groups/import')
      .set('Authorization', admin.auth)
      .send({ format: 'hsds', content: JSON.stringify(hsdsFeed) })
      .expect(200);
    expect(res.body.imported).toBe(2);
    expect(res.body.rejected).toEqual([
      { row: 2, errors: expect.arrayContaining([expect.objectContaining({ field: 'name' })]) },
    ]);
    const groups = await ctx.http.get('/api/groups').set('Authorization', admin.auth).expect(200);
    const walk = groups.body.items.find((g: { name: string }) => g.name === 'Walk and Talk');
    expect(walk).toMatchObject({
      vettingStatus: 'pending',
      safeguardingLevel: 0,
      languages: ['en', 'ur'],
      activityTypes: ['nature'],
      needsServed: ['mental_health'],
      postcode: 'NG1 5FS',
      area: 'NG1',
      ageRange: { min: 16, max: null },
    });
    const online = groups.body.items.find((g: { name: string }) => g.name === 'Online coffee');
    expect(online.organisationId).toBe(walk.organisationId);
    expect(online.deliveryMode).toBe('remote');

    const again = await ctx.http
      .post('/api/groups/import')
      .set('Authorization', admin.auth)
      .send({ format: 'hsds', content: JSON.stringify(hsdsFeed.contents) })
      .expect(200);
    expect(again.body.imported).toBe(0);
    expect(again.body.rejected.map((r: { row: number }) => r.row)).toEqual([1, 2, 3]);
  });

  it('imports CSV, rejecting rows with unknown codes, with progress', async () => {
    const org = await ctx.newOrganisation({ kind: 'community_group' });
    const csv = [
      'name,description,organisation_id,activity_types,needs_served,languages,postcode,delivery_mode,step_free,women_only,min_age,max_age',
      `Women's sewing circle,"Sewing, chat and tea",${org.id},arts;womens_group,social_connection,ar;ku,LE1 5AA,in_person,yes,yes,18,`,
      `Bad codes,Something,${org.id},knitting,housing,en,LE1 5AA,in_person,no,no,,`,
      `Bad mode,Something,${org.id},arts,housing,en,,teleport,no,no,,`,
    ].join('\r\n');
    const progress: number[] = [];
    const result = await ctx.app
      .get(DirectoryImportService)
      .import(csv, 'csv', { actorId: admin.id, onProgress: (done) => progress.push(done) });
    expect(result.imported).toBe(1);
    expect(progress).toEqual([1, 2, 3]);
    expect(result.rejected).toEqual([
      { row: 3, errors: [expect.objectContaining({ field: 'activityTypes' })] },
      { row: 4, errors: [expect.objectContaining({ field: 'deliveryMode' })] },
    ]);
    const g = await ctx.http
      .get(`/api/groups/${result.groupIds[0]}`)
      .set('Authorization', admin.auth)
      .expect(200);
    expect(g.body).toMatchObject({
      name: "Women's sewing circle",
      description: 'Sewing, chat and tea',
      organisationId: org.id,
      accessibility: { stepFree: true, womenOnly: true, childcare: false },
      vettingStatus: 'pending',
    });
  });

  it('refuses non-admins (403) and unreadable content (422, nothing changed)', async () => {
    const coordinator = await ctx.newUser('group_coordinator');
    await ctx.http
      .post('/api/groups/import')
      .set('Authorization', coordinator.auth)
      .send({ format: 'csv', content: 'name\nx' })
      .expect(403);
    const before = await ctx.snapshot();
    await ctx.http
      .post('/api/groups/import')
      .set('Authorization', admin.auth)
      .send({ format: 'hsds', content: '{not json' })
      .expect(422);
    await ctx.http
      .post('/api/groups/import')
      .set('Authorization', admin.auth)
      .send({ format: 'csv', content: 'title,summary\nx,y' })
      .expect(422);
    await ctx.http
      .post('/api/groups/import')
      .set('Authorization', admin.auth)
      .send({ format: 'xml', content: '<x/>' })
      .expect(422);
    expect(await ctx.snapshot()).toEqual(before);
  });
});
