import type TestAgent from 'supertest/lib/agent';
import { newApprovedGroup } from './support/directory-factory';
import { csrfOf, signInAgent } from './support/page-session';
import { newPlacementCase, newPlacementGroup, offer } from './support/placements-factory';
import { assignReferral, createReferral } from './support/referrals-factory';
import { TestContext, type TestUser } from './support/test-app';

/**
 * What a new user found on the staff pages (issue 17): lists that could not be told apart, blank
 * row labels, codes and machine words where names belong. Each test names what a person sees.
 */
const cells = (html: string, rowStart: string): string[] => {
  const row = html.split(rowStart)[1]?.split('</tr>')[0] ?? '';
  return [...row.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) =>
    m[1]
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
};

describe('Staff pages in words people use', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let worker: TestUser;
  let referrer: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser('admin');
    worker = await ctx.newUser('link_worker');
    referrer = await ctx.newUser('referrer');
  });
  afterAll(() => ctx.close());

  it('a referrer’s referrals list each referral’s reference, date, status and outcome, never the person', async () => {
    const waiting = await createReferral(ctx, referrer, {
      person: { givenName: 'Hidden', familyName: 'Person' },
    });
    const taken = await createReferral(ctx, referrer, {
      person: { givenName: 'Hidden', familyName: 'Person' },
    });
    expect((await assignReferral(ctx, admin, taken.id, worker.id)).status).toBe(200);
    await ctx.http
      .post(`/api/referrals/${taken.id}/accept`)
      .set('Authorization', worker.auth)
      .expect(201);

    const agent = await signInAgent(ctx, referrer);
    const html = (await agent.get('/referrals/mine').expect(200)).text;
    const today = new Date().toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/London',
    });
    const waitingRow = cells(html, `href="/referrals/${waiting.id}"`);
    const takenRow = cells(html, `href="/referrals/${taken.id}"`);
    expect(html).toContain(waiting.reference);
    expect(waitingRow.join(' | ')).toContain(today);
    expect(waitingRow.join(' | ')).toMatch(/Received/);
    expect(waitingRow.join(' | ')).toContain('Not yet');
    expect(takenRow.join(' | ')).toMatch(/Accepted/);
    expect(takenRow.join(' | ')).toContain('Support started');
    expect(html).not.toContain('Hidden');
  });

  it('a link worker’s placements list names the person each placement is for', async () => {
    const group = await newPlacementGroup(ctx, { places: 2 });
    const { caseId } = await newPlacementCase(ctx, worker, {
      person: { givenName: 'Tsega', familyName: 'Haile' },
    });
    await offer(ctx, worker, caseId, group.id).expect(201);
    const agent = await signInAgent(ctx, worker);
    const html = (await agent.get('/placements').expect(200)).text;
    expect(html).toContain('Tsega Haile');
    expect(html).not.toMatch(/>\s*View\s*</);
  });

  it('an offer not yet answered is withdrawn, not "ended"; the group answers it instead', async () => {
    const group = await newPlacementGroup(ctx, { places: 2 });
    const { caseId } = await newPlacementCase(ctx, worker, {
      person: { givenName: 'Dawit' },
    });
    const placement = (await offer(ctx, worker, caseId, group.id).expect(201)).body as {
      id: string;
    };
    const asWorker = await signInAgent(ctx, worker);
    const workerView = (await asWorker.get(`/placements/${placement.id}`).expect(200)).text;
    expect(workerView).not.toContain('End this placement');
    expect(workerView).toContain('Withdraw this offer');
    const asGroup = await signInAgent(ctx, group.coordinator);
    const groupView = (await asGroup.get(`/placements/${placement.id}`).expect(200)).text;
    expect(groupView).not.toContain('End this placement');
    expect(groupView).toContain('Decline this offer');

    const withdrawn = await asWorker
      .post(`/placements/${placement.id}/end`)
      .type('form')
      .send({ _csrf: csrfOf(workerView), reason: 'person_left' })
      .expect(303);
    const after = await asWorker.get(withdrawn.headers.location as string).expect(200);
    expect(after.text).toContain('Offer withdrawn');
  });

  it('a notification says which group answered, and for whom', async () => {
    const group = await newPlacementGroup(ctx, { places: 2 });
    const { caseId } = await newPlacementCase(ctx, worker, { person: { givenName: 'Hawa' } });
    const placement = (await offer(ctx, worker, caseId, group.id).expect(201)).body as {
      id: string;
    };
    await ctx.http
      .post(`/api/placements/${placement.id}/accept`)
      .set('Authorization', group.coordinator.auth)
      .expect(200);
    const agent = await signInAgent(ctx, worker);
    const html = (await agent.get('/notifications').expect(200)).text;
    expect(html).toContain(`${group.name} accepted your offer of a place for Hawa.`);
    expect(html).not.toContain('A group accepted your offer of a place.');
  });

  it('the completeness of migration data table names every row', async () => {
    const commissioner = await ctx.newUser('commissioner');
    const agent = await signInAgent(ctx, commissioner);
    const html = (await agent.get('/reports/service-access').expect(200)).text;
    const table = html.split('completeness of migration data')[1].split('</table>')[0];
    const headers = [...table.matchAll(/<th scope="row"[^>]*>([^<]*)<\/th>/g)].map((m) =>
      m[1].trim(),
    );
    expect(headers).toEqual([
      'Country of birth',
      'Nationality',
      'Year of arrival',
      'Main language',
      'Migrant status',
      'Interpreter needed',
    ]);
  });

  it('the sign-in page and every page’s footer lead people to the self-referral', async () => {
    const login = await ctx.http.get('/login').expect(200);
    expect(login.text).toContain(
      'href="/self-referral?lang=en">Ask for support from a link worker',
    );
    expect(login.text).toMatch(
      /<li lang="ti" dir="ltr"><a class="govuk-link" href="\/self-referral\?lang=ti">/,
    );
    expect(login.text).toMatch(/<li lang="ar" dir="rtl">/);
    const home = await (await signInAgent(ctx, worker)).get('/referrals').expect(200);
    expect(home.text).toContain('href="/self-referral"');
  });

  it('labels codes in words: "Text message", "Enhanced DBS check"', async () => {
    const referral = await createReferral(ctx, referrer);
    expect((await assignReferral(ctx, admin, referral.id, worker.id)).status).toBe(200);
    const asWorker = await signInAgent(ctx, worker);
    const page = (await asWorker.get(`/referrals/${referral.id}`).expect(200)).text;
    expect(page).toContain('Text message');
    expect(page).not.toMatch(/>\s*Sms\s*</);

    const group = await newApprovedGroup(ctx, { level: 2 });
    const asAdmin = await signInAgent(ctx, admin);
    const vetting = (await asAdmin.get(`/admin/vetting/${group.id}`).expect(200)).text;
    expect(vetting).toContain('Enhanced DBS check');
    expect(vetting).not.toContain('Dbs enhanced');
  });

  describe('languages and countries by name', () => {
    let agent: TestAgent;
    beforeAll(async () => {
      agent = await signInAgent(ctx, worker);
    });

    it('the referral page names the person’s language', async () => {
      const referral = await createReferral(ctx, referrer, { person: { preferredLanguage: 'ti' } });
      const html = (await agent.get(`/referrals/${referral.id}`).expect(200)).text;
      expect(html).toMatch(/Language<\/dt><dd class="govuk-summary-list__value">Tigrinya/);
      expect(html).not.toMatch(/govuk-summary-list__value">ti\b/);
    });

    it('the directory filter takes a language typed by name', async () => {
      const group = await newApprovedGroup(ctx, { level: 1, languages: ['ti', 'en'] });
      for (const typed of ['Tigrinya', 'ትግርኛ', 'Tigrinya (ትግርኛ)', 'ti']) {
        const res = await agent.get('/directory').query({ language: typed }).expect(200);
        expect(res.text).toContain(group.name);
        expect(res.text).toMatch(/<option value="ti" selected[^>]*>Tigrinya \(ትግርኛ\)<\/option>/);
      }
      const unknown = await agent.get('/directory').query({ language: 'Klingon' }).expect(422);
      expect(unknown.text).toContain('Select a language from the list');
    });

    it('migration details are chosen by name from lists that match a name in either language', async () => {
      const { caseId } = await newPlacementCase(ctx, worker);
      const form = await agent.get(`/cases/${caseId}/migration-profile`).expect(200);
      expect(form.text).toContain('data-lw-choose-by-name');
      expect(form.text).toContain('<option value="ER">Eritrea (ኤርትራ)</option>');
      await agent
        .post(`/cases/${caseId}/migration-profile`)
        .type('form')
        .send({
          _csrf: csrfOf(form.text),
          countryOfBirth: 'ER',
          nationality: 'Eritrea',
          mainLanguage: 'ትግርኛ',
        })
        .expect(303);
      const again = await agent.get(`/cases/${caseId}/migration-profile`).expect(200);
      expect(again.text).toContain('<option value="ER" selected>Eritrea (ኤርትራ)</option>');
      expect(again.text).toMatch(/<option value="ti" selected[^>]*>Tigrinya \(ትግርኛ\)<\/option>/);
      const api = await ctx.http
        .get(`/api/cases/${caseId}/migration-profile`)
        .set('Authorization', worker.auth)
        .expect(200);
      expect(api.body).toMatchObject({
        countryOfBirth: 'ER',
        nationality: 'ER',
        mainLanguage: 'ti',
      });
    });

    it('a group’s languages are chosen from lists of names, and shown by name', async () => {
      const coordinator = await ctx.newUser('group_coordinator');
      const asCoordinator = await signInAgent(ctx, coordinator);
      const form = await asCoordinator.get('/groups/new').expect(200);
      expect(form.text).toMatch(
        /<select[^>]*id="languages"[^>]*name="languages"[^>]*data-lw-choose-by-name/,
      );
      const made = await asCoordinator
        .post('/groups/new')
        .type('form')
        .send({
          _csrf: csrfOf(form.text),
          name: 'Coffee and conversation',
          description: 'Meet and talk',
          deliveryMode: 'in_person',
          languages: ['ti', 'Arabic', ''],
        })
        .expect(303);
      const page = await asCoordinator.get(made.headers.location as string).expect(200);
      expect(page.text).toContain('Tigrinya, Arabic');
    });
  });
});
