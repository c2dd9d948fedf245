import type TestAgent from 'supertest/lib/agent';
import { newCase } from './support/casework-factory';
import { createReferral } from './support/referrals-factory';
import { csrfOf, signInAgent } from './support/page-session';
import { TestContext, type TestUser } from './support/test-app';

/**
 * The admin's pages for several services on one Linkway: the services themselves, users with a
 * service, languages and report services, organisations with an ODS code and a service; the
 * header naming the signed-in user's service; the report builder's service choice.
 */
describe('Service administration pages', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let adminAgent: TestAgent;
  let city: { id: string };
  let council: { id: string };

  const newService = async (body: Record<string, unknown>) => {
    const res = await ctx.http.post('/api/services').set('Authorization', admin.auth).send(body);
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };
  /** Posts the form on `path` as the admin, and expects the status. */
  const post = async (path: string, body: Record<string, unknown>, status: number) => {
    const form = await adminAgent.get(path).expect(200);
    return adminAgent
      .post(path)
      .type('form')
      .send({ _csrf: csrfOf(form.text), ...body })
      .expect(status);
  };
  const serviceRow = async (id: string) =>
    (
      await ctx.db.query(
        'SELECT name, ods_code, local_authority_codes FROM service WHERE id = $1',
        [id],
      )
    ).rows[0];

  beforeAll(async () => {
    ctx = await TestContext.create({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    admin = await ctx.newUser('admin');
    adminAgent = await signInAgent(ctx, admin);
    city = await newService({ name: 'City PCN', odsCode: 'U12345' });
    council = await newService({ name: 'Council connectors', localAuthorityCodes: ['E07000176'] });
    await ctx.db.query(
      `INSERT INTO postcode_area (postcode, local_authority_code, local_authority_name)
       VALUES ('NG26AA', 'E07000176', 'Rushcliffe')`,
    );
  });
  afterAll(() => ctx.close());

  describe('/admin/services', () => {
    it('lists each service with its ODS code, its areas by name and its number of link workers', async () => {
      await ctx.newUser('link_worker', { serviceId: council.id });
      await ctx.newUser('link_worker', { serviceId: council.id });
      await ctx.newUser('team_lead', { serviceId: council.id });
      const page = await adminAgent.get('/admin/services').expect(200);
      expect(page.text).toContain('Default</strong>');
      expect(page.text).toMatch(
        /City PCN<span class="govuk-visually-hidden">: change<\/span><\/a>\s*<\/th>\s*<td class="govuk-table__cell">U12345<\/td>/,
      );
      expect(page.text).toMatch(
        /Council connectors[\s\S]*?<li>Rushcliffe \(E07000176\)<\/li>[\s\S]*?govuk-table__cell--numeric">2<\/td>/,
      );
    });

    it('adds a service through the same rules as the API and says so', async () => {
      const res = await post(
        '/admin/services/new',
        {
          name: 'Refugee Welcome link workers',
          odsCode: 'x9y8z',
          localAuthorityCodes: 'e06000018',
        },
        303,
      );
      expect(res.headers.location).toBe('/admin/services');
      const { rows } = await ctx.db.query(
        `SELECT ods_code, local_authority_codes FROM service WHERE name = 'Refugee Welcome link workers'`,
      );
      expect(rows).toEqual([{ ods_code: 'X9Y8Z', local_authority_codes: ['E06000018'] }]);
      const list = await adminAgent.get('/admin/services').expect(200);
      expect(list.text).toContain('Refugee Welcome link workers was added.');
    });

    it('explains bad input in GOV.UK words, keeps what was typed and adds nothing', async () => {
      const before = await ctx.snapshot();
      const res = await post(
        '/admin/services/new',
        {
          name: '',
          odsCode: 'U-1',
          localAuthorityCodes: 'Nottingham, E06000018',
        },
        422,
      );
      expect(res.text).toContain('<title>Error: Add a service – Linkway</title>');
      expect(res.text).toContain('href="#name">Enter the name of the service');
      expect(res.text).toContain(
        'href="#odsCode">Enter an ODS code of 3 to 6 letters and numbers, like U12345',
      );
      expect(res.text).toContain(
        'href="#localAuthorityCodes">Enter local authority district codes like E07000176, separated by commas',
      );
      expect(res.text).not.toMatch(/must be|must match/);
      expect(res.text).toContain('value="Nottingham, E06000018"');
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('refuses a name, ODS code or area another service has (409), on the field concerned', async () => {
      const before = await ctx.snapshot();
      const name = await post('/admin/services/new', { name: 'city pcn' }, 409);
      expect(name.text).toContain('href="#name">Another service already has this name');
      const ods = await post('/admin/services/new', { name: 'New', odsCode: 'u12345' }, 409);
      expect(ods.text).toContain('href="#odsCode">Another service already has this ODS code');
      const area = await post(
        '/admin/services/new',
        {
          name: 'New',
          localAuthorityCodes: 'E07000176',
        },
        409,
      );
      expect(area.text).toContain(
        'href="#localAuthorityCodes">Council connectors already takes self-referrals from one of these local authorities',
      );
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('changes a service from its own page; bad input changes nothing', async () => {
      const s = await newService({ name: 'Charity team', odsCode: 'C1234' });
      const form = await adminAgent.get(`/admin/services/${s.id}/edit`).expect(200);
      expect(form.text).toContain('value="Charity team"');
      expect(form.text).toContain('value="C1234"');

      const bad = await post(
        `/admin/services/${s.id}/edit`,
        {
          name: 'Renamed',
          odsCode: 'way too long',
        },
        422,
      );
      expect(bad.text).toContain('href="#odsCode">Enter an ODS code');
      expect(await serviceRow(s.id)).toEqual({
        name: 'Charity team',
        ods_code: 'C1234',
        local_authority_codes: [],
      });

      await post(
        `/admin/services/${s.id}/edit`,
        {
          name: 'Charity team (Hyson Green)',
          odsCode: '',
          localAuthorityCodes: 'E06000019',
        },
        303,
      );
      expect(await serviceRow(s.id)).toEqual({
        name: 'Charity team (Hyson Green)',
        ods_code: null,
        local_authority_codes: ['E06000019'],
      });
      const list = await adminAgent.get('/admin/services').expect(200);
      expect(list.text).toContain('Charity team (Hyson Green) was saved.');
    });

    it('says "page not found" for a service that does not exist, and is for admins only', async () => {
      await adminAgent.get('/admin/services/6f1c1a5e-0000-4000-8000-000000000000/edit').expect(404);
      for (const role of ['link_worker', 'team_lead', 'commissioner'] as const) {
        const agent = await signInAgent(ctx, await ctx.newUser(role));
        await agent.get('/admin/services').expect(403);
        await agent.get('/admin/services/new').expect(403);
      }
    });
  });

  describe('/admin/users with services', () => {
    it('creates a team lead in a service and a commissioner limited to some services', async () => {
      await post(
        '/admin/users/new',
        {
          name: 'Tomasz Nowak',
          email: 'tomasz@example.org',
          role: 'team_lead',
          serviceId: council.id,
          languages: ['pl', 'ru'],
          password: 'a long enough password',
        },
        303,
      );
      await post(
        '/admin/users/new',
        {
          name: 'Colin Commissioner',
          email: 'colin@example.org',
          role: 'commissioner',
          // The service select is left as it is: a commissioner works in no service.
          serviceId: city.id,
          serviceIds: [city.id],
          password: 'a long enough password',
        },
        303,
      );
      const { rows } = await ctx.db.query(
        `SELECT email, role, service_id, languages, report_service_ids FROM app_user
          WHERE email IN ('tomasz@example.org', 'colin@example.org') ORDER BY email`,
      );
      expect(rows).toEqual([
        {
          email: 'colin@example.org',
          role: 'commissioner',
          service_id: null,
          languages: [],
          report_service_ids: [city.id],
        },
        {
          email: 'tomasz@example.org',
          role: 'team_lead',
          service_id: council.id,
          languages: ['pl', 'ru'],
          report_service_ids: [],
        },
      ]);
      const list = await adminAgent.get('/admin/users').expect(200);
      expect(list.text).toMatch(
        /Team lead<\/td>\s*<td class="govuk-table__cell"><span class="lw-secondary-text">None<\/span><\/td>\s*<td class="govuk-table__cell">Council connectors<\/td>/,
      );
    });

    it('offers the team lead role, the services and the languages by name', async () => {
      const form = await adminAgent.get('/admin/users/new').expect(200);
      expect(form.text).toMatch(/value="team_lead"[^>]*>\s*<label[^>]*>Team lead<\/label>/);
      expect(form.text).toContain(`<option value="${council.id}">Council connectors</option>`);
      expect(form.text).toMatch(/<option value="ti"[^>]*>Tigrinya \(ትግርኛ\)<\/option>/);
      // One list per language, each chosen by name (an autocomplete with JavaScript).
      expect(form.text).toMatch(/<select[^>]*name="languages"[^>]*data-lw-choose-by-name/);
    });

    it('explains an unknown service or language in GOV.UK words and creates nobody', async () => {
      const before = await ctx.snapshot();
      const res = await post(
        '/admin/users/new',
        {
          name: 'Nobody',
          email: 'nobody@example.org',
          role: 'link_worker',
          serviceId: '6f1c1a5e-0000-4000-8000-000000000000',
          languages: ['klingon'],
          password: 'a long enough password',
        },
        422,
      );
      expect(res.text).toContain('href="#languages">Select each language from the list');
      const unknownService = await post(
        '/admin/users/new',
        {
          name: 'Nobody',
          email: 'nobody@example.org',
          role: 'link_worker',
          serviceId: '6f1c1a5e-0000-4000-8000-000000000000',
          password: 'a long enough password',
        },
        422,
      );
      expect(unknownService.text).toContain('href="#serviceId">Select a service from the list');
      expect(await ctx.snapshot()).toEqual(before);
    });

    it('changes a link worker’s name, caseload limit, languages and service', async () => {
      const lw = await ctx.newUser('link_worker', { serviceId: city.id, languages: ['so'] });
      const form = await adminAgent.get(`/admin/users/${lw.id}/edit`).expect(200);
      expect(form.text).toContain('value="40"');
      expect(form.text).toMatch(/<option value="so" selected[^>]*>Somali \(Soomaaliga\)<\/option>/);
      expect(form.text).toContain(`<option value="${city.id}" selected>City PCN</option>`);
      await post(
        `/admin/users/${lw.id}/edit`,
        {
          name: 'Sam Okafor',
          caseloadLimit: '25',
          serviceId: council.id,
          languages: ['ar', 'ti'],
        },
        303,
      );
      const { rows } = await ctx.db.query(
        'SELECT name, caseload_limit, service_id, languages FROM app_user WHERE id = $1',
        [lw.id],
      );
      expect(rows[0]).toEqual({
        name: 'Sam Okafor',
        caseload_limit: 25,
        service_id: council.id,
        languages: ['ar', 'ti'],
      });
      const list = await adminAgent.get('/admin/users').expect(200);
      expect(list.text).toContain('Changes to Sam Okafor were saved.');
    });

    it('explains a bad caseload limit and changes nothing', async () => {
      const lw = await ctx.newUser('link_worker', { serviceId: city.id });
      const row = () =>
        ctx.db
          .query('SELECT name, caseload_limit, languages FROM app_user WHERE id = $1', [lw.id])
          .then((r) => r.rows[0]);
      const before = await row();
      const res = await post(
        `/admin/users/${lw.id}/edit`,
        {
          name: 'Changed Name',
          caseloadLimit: 'lots',
          serviceId: city.id,
          languages: ['ar'],
        },
        422,
      );
      expect(res.text).toContain(
        'href="#caseloadLimit">Caseload limit must be a whole number from 1 to 200',
      );
      expect(res.text).toContain('value="Changed Name"');
      expect(res.text).toMatch(/<option value="ar" selected[^>]*>Arabic \(العربية\)<\/option>/);
      expect(await row()).toEqual(before);
    });

    it('refuses to move a link worker who still holds work, saying why in plain words (409)', async () => {
      const nameOf = async (id: string) =>
        (await ctx.db.query<{ name: string }>('SELECT name FROM app_user WHERE id = $1', [id]))
          .rows[0].name;
      const lw = await ctx.newUser('link_worker', { serviceId: city.id });
      await newCase(ctx, lw);
      const res = await post(
        `/admin/users/${lw.id}/edit`,
        {
          name: 'Kept Name',
          caseloadLimit: '40',
          serviceId: council.id,
        },
        409,
      );
      expect(res.text).toContain(
        `href="#serviceId">${await nameOf(lw.id)} cannot move yet: they still hold 1 open case in City PCN. Reassign it to another link worker there first.`,
      );
      const waiting = await ctx.newUser('link_worker', { serviceId: city.id });
      const { id } = await createReferral(ctx, waiting);
      await ctx.http
        .post(`/api/referrals/${id}/assign`)
        .set('Authorization', waiting.auth)
        .send({ linkWorkerId: waiting.id })
        .expect(200);
      const assigned = await post(
        `/admin/users/${waiting.id}/edit`,
        {
          name: 'Waiting Worker',
          caseloadLimit: '40',
          serviceId: council.id,
        },
        409,
      );
      expect(assigned.text).toContain(
        `${await nameOf(waiting.id)} cannot move yet: 1 referral in City PCN is still assigned to them.`,
      );
      const { rows } = await ctx.db.query(
        'SELECT id, name, service_id FROM app_user WHERE id IN ($1, $2) ORDER BY id',
        [lw.id, waiting.id],
      );
      for (const row of rows) {
        expect(row.service_id).toBe(city.id);
        expect(row.name).not.toMatch(/Kept Name|Waiting Worker/);
      }
    });

    it('changes which services a commissioner may read reports of', async () => {
      const commissioner = await ctx.newUser('commissioner');
      const form = await adminAgent.get(`/admin/users/${commissioner.id}/edit`).expect(200);
      expect(form.text).not.toContain('name="serviceId"');
      expect(form.text).not.toContain('name="caseloadLimit"');
      await post(
        `/admin/users/${commissioner.id}/edit`,
        {
          name: 'Limited Commissioner',
          serviceIds: [council.id],
        },
        303,
      );
      const { rows } = await ctx.db.query('SELECT report_service_ids FROM app_user WHERE id = $1', [
        commissioner.id,
      ]);
      expect(rows[0].report_service_ids).toEqual([council.id]);
    });
  });

  describe('/admin/organisations with services', () => {
    it('takes an ODS code and the service its referrals go to', async () => {
      await post(
        '/admin/organisations/new',
        {
          name: 'Lenton Medical Centre',
          kind: 'gp_practice',
          postcode: 'NG7 1AA',
          odsCode: 'c84999',
          serviceId: city.id,
        },
        303,
      );
      const { rows } = await ctx.db.query(
        `SELECT ods_code, service_id FROM organisation WHERE name = 'Lenton Medical Centre'`,
      );
      expect(rows).toEqual([{ ods_code: 'C84999', service_id: city.id }]);
      const list = await adminAgent.get('/admin/organisations').expect(200);
      expect(list.text).toMatch(
        /Lenton Medical Centre<\/th>[\s\S]*?C84999<\/td>\s*<td class="govuk-table__cell">City PCN<\/td>/,
      );
    });

    it('explains a bad ODS code and a taken one, adding nothing', async () => {
      const before = await ctx.snapshot();
      const bad = await post(
        '/admin/organisations/new',
        {
          name: 'Odd Practice',
          kind: 'gp_practice',
          odsCode: 'NOT-AN-ODS',
        },
        422,
      );
      expect(bad.text).toContain(
        'href="#odsCode">Enter an ODS code of 3 to 6 letters and numbers, like C84001',
      );
      const taken = await post(
        '/admin/organisations/new',
        {
          name: 'Twin Practice',
          kind: 'gp_practice',
          odsCode: 'C84999',
        },
        409,
      );
      expect(taken.text).toContain(
        'href="#odsCode">Another organisation already has this ODS code',
      );
      expect(await ctx.snapshot()).toEqual(before);
    });
  });

  describe('the header', () => {
    it('names the service of a signed-in link worker or team lead, and none for others', async () => {
      const lw = await signInAgent(ctx, await ctx.newUser('link_worker', { serviceId: city.id }));
      expect((await lw.get('/cases').expect(200)).text).toMatch(
        /Signed in as <strong>[^<]+<\/strong>, Link worker in City PCN<\/p>/,
      );
      const lead = await signInAgent(
        ctx,
        await ctx.newUser('team_lead', { serviceId: council.id }),
      );
      expect((await lead.get('/team').expect(200)).text).toContain(
        'Team lead in Council connectors</p>',
      );
      expect((await adminAgent.get('/admin/users').expect(200)).text).toMatch(
        /, Administrator<\/p>/,
      );
    });
  });

  describe('the report builder', () => {
    it('offers every service, and the service breakdown, to an unlimited reader', async () => {
      const page = await adminAgent.get('/reports').expect(200);
      expect(page.text).toContain('<option value="">All services</option>');
      expect(page.text).toContain(`<option value="${city.id}">City PCN</option>`);
      expect(page.text).toContain(`<option value="${council.id}">Council connectors</option>`);
      expect(page.text).toMatch(/value="service"[^>]*>\s*<label[^>]*>Social prescribing service/);
    });

    it('offers a limited commissioner only its services, and refuses the others (403)', async () => {
      const commissioner = await ctx.newUser('commissioner', { serviceIds: [council.id] });
      const agent = await signInAgent(ctx, commissioner);
      const page = await agent.get('/reports').expect(200);
      expect(page.text).toContain('<option value="">All your services</option>');
      expect(page.text).toContain(`<option value="${council.id}">Council connectors</option>`);
      expect(page.text).not.toContain('City PCN');
      await agent.get(`/reports/service-access?serviceId=${city.id}&by=service`).expect(403);
      const own = await agent
        .get(`/reports/service-access?serviceId=${council.id}&by=service`)
        .expect(200);
      expect(own.text).not.toContain('City PCN');
    });

    it('explains a service that is not one, keeping the form', async () => {
      const res = await adminAgent.get('/reports/service-access?serviceId=nowhere').expect(422);
      expect(res.text).toContain('href="#serviceId">Select a service from the list');
      expect(res.text).toContain(`<option value="${city.id}">City PCN</option>`);
    });
  });
});
