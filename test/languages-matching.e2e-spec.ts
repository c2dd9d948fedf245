import { Logger } from '@nestjs/common';
import { messages } from '../src/common/i18n/i18n';
import { languageDisplayName } from '../src/common/i18n/language-names';
import { directionOf, PERSON_LOCALES } from '../src/common/i18n/locales';
import { ServicesService } from '../src/services/services.service';
import { personIdsNamed } from './support/casework-factory';
import { csrfOf, signInAgent } from './support/page-session';
import { newPlacementGroup, offer } from './support/placements-factory';
import { assignReferral, createReferral } from './support/referrals-factory';
import { TestContext, type TestUser } from './support/test-app';

/**
 * Languages on the staff side (issue 17): link workers suggested by the language they speak, the
 * person's interpreter wishes at every door and wherever the need goes, the welcome letter in
 * each language, and each language's review status for administrators.
 */
const escaped = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#x27;');

describe('Languages: matching, interpreters and letters', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let referrer: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
    admin = await ctx.newUser('admin');
    referrer = await ctx.newUser('referrer');
  });
  afterAll(() => ctx.close());

  const get = (url: string, user: TestUser) => ctx.http.get(url).set('Authorization', user.auth);

  /** A link worker with a name of its own (the lists below are ordered and read by name). */
  async function linkWorker(
    name: string,
    options: { languages?: string[]; serviceId?: string; caseloadLimit?: number } = {},
  ): Promise<TestUser & { name: string }> {
    const user = await ctx.newUser('link_worker', options);
    await ctx.db.query('UPDATE app_user SET name = $1 WHERE id = $2', [name, user.id]);
    return { ...user, name };
  }

  describe('suggested link workers', () => {
    let serviceId: string;
    let speaker: TestUser;
    let busySpeaker: TestUser;
    let other: TestUser;
    let lead: TestUser;

    beforeAll(async () => {
      const service = await ctx.app
        .get(ServicesService)
        .create({ name: `Matching ${Date.now()}` }, admin.id);
      serviceId = service.id;
      other = await linkWorker('Alex Other', { languages: ['en'], serviceId });
      speaker = await linkWorker('Tsega Speaker', { languages: ['ti', 'en'], serviceId });
      busySpeaker = await linkWorker('Full Speaker', { languages: ['ti'], serviceId });
      await ctx.db.query('UPDATE app_user SET caseload_limit = 0 WHERE id = $1', [busySpeaker.id]);
      lead = await ctx.newUser('team_lead', { serviceId });
    });

    async function referralInService(language: string) {
      const r = await createReferral(ctx, referrer, { person: { preferredLanguage: language } });
      await ctx.http
        .post(`/api/referrals/${r.id}/route`)
        .set('Authorization', admin.auth)
        .send({ serviceId, reason: 'Lives in the area' })
        .expect(200);
      return r;
    }

    it('lists the service’s link workers with room, those who speak the person’s language first', async () => {
      const r = await referralInService('ti');
      const res = await get(`/api/referrals/${r.id}/suggested-link-workers`, lead).expect(200);
      const items = res.body.items as {
        id: string;
        name: string;
        languages: string[];
        openCases: number;
      }[];
      expect(items.map((i) => i.id)).toEqual([speaker.id, other.id]);
      expect(items[0]).toMatchObject({
        name: 'Tsega Speaker',
        languages: ['ti', 'en'],
        openCases: 0,
      });
      expect(items.map((i) => i.id)).not.toContain(busySpeaker.id);
    });

    it('is only a suggestion: anyone of the service may still be assigned', async () => {
      const r = await referralInService('ti');
      expect((await assignReferral(ctx, admin, r.id, other.id)).status).toBe(200);
    });

    it('shows the suggestion on the referral page, by name and language name', async () => {
      const r = await referralInService('ti');
      const agent = await signInAgent(ctx, speaker);
      const page = await agent.get(`/referrals/${r.id}`).expect(200);
      const table = page.text.split('id="suggested-link-workers"')[1].split('</table>')[0];
      expect(table.indexOf('Tsega Speaker')).toBeLessThan(table.indexOf('Alex Other'));
      expect(table).toContain('Tigrinya, English');
      expect(table).toContain('Speaks their language');
      expect(table).not.toContain('Full Speaker');
    });

    it('follows the referral’s visibility: another service’s team lead is told it does not exist', async () => {
      const r = await referralInService('ti');
      const otherLead = await ctx.newUser('team_lead');
      await get(`/api/referrals/${r.id}/suggested-link-workers`, otherLead).expect(404);
      await get(`/api/referrals/${r.id}/suggested-link-workers`, referrer).expect(403);
    });
  });

  describe('interpreter wishes', () => {
    let worker: TestUser;
    beforeAll(async () => {
      worker = await ctx.newUser('link_worker');
    });

    async function acceptedCase(person: Record<string, unknown>) {
      const r = await createReferral(ctx, referrer, {
        person,
        consent: { shareWithProviders: true },
      });
      expect((await assignReferral(ctx, admin, r.id, worker.id)).status).toBe(200);
      const accepted = await ctx.http
        .post(`/api/referrals/${r.id}/accept`)
        .set('Authorization', worker.auth)
        .expect(201);
      return { referral: r, caseId: (accepted.body as { caseId: string }).caseId };
    }

    it('come in with a referral and travel to the group offer: the need and the wishes, never why', async () => {
      const { caseId } = await acceptedCase({
        givenName: 'Selam',
        preferredLanguage: 'ti',
        interpreterNeeded: true,
        interpreter: {
          language: 'ti',
          dialect: 'as spoken in Asmara',
          gender: 'female',
          mode: 'phone',
        },
      });
      const profile = await get(`/api/cases/${caseId}/migration-profile`, worker).expect(200);
      expect(profile.body.interpreter).toEqual({
        language: 'ti',
        dialect: 'as spoken in Asmara',
        gender: 'female',
        mode: 'phone',
      });
      const group = await newPlacementGroup(ctx, { places: 2 });
      const placement = (await offer(ctx, worker, caseId, group.id).expect(201)).body as {
        id: string;
      };
      const seen = await get(`/api/placements/${placement.id}`, group.coordinator).expect(200);
      expect(seen.body.person).toMatchObject({
        givenName: 'Selam',
        preferredLanguage: 'ti',
        interpreterNeeded: true,
        interpreter: {
          language: 'ti',
          dialect: 'as spoken in Asmara',
          gender: 'female',
          mode: 'phone',
        },
      });
      expect(JSON.stringify(seen.body)).not.toMatch(/migrantStatus|safeguarding|crisis/i);
      const agent = await signInAgent(ctx, group.coordinator);
      const page = await agent.get(`/placements/${placement.id}`).expect(200);
      expect(page.text).toContain('Tigrinya (as spoken in Asmara), a woman, by phone');
    });

    it('are refused in plain words when wrong, through the API and on the referral page', async () => {
      const bad = await ctx.http
        .post('/api/referrals')
        .set('Authorization', referrer.auth)
        .send({
          channel: 'gp_practice',
          person: { givenName: 'Sam', interpreter: { gender: 'robot', mode: 'fax' } },
          reasons: ['social_connection'],
          consent: { referralDiscussed: true },
        })
        .expect(422);
      expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
        'person.interpreter.gender',
        'person.interpreter.mode',
      ]);

      const agent = await signInAgent(ctx, referrer);
      const form = await agent.get('/referrals/new').expect(200);
      const page = await agent
        .post('/referrals/new')
        .type('form')
        .send({
          _csrf: csrfOf(form.text),
          channel: 'gp_practice',
          'person.givenName': 'Sam',
          reasons: 'social_connection',
          'consent.referralDiscussed': 'true',
          'person.interpreter.language': 'Klingon',
        })
        .expect(422);
      expect(page.text).toContain(
        'href="#person-interpreter-language">Select the language the interpreter should speak from the list',
      );
      const made = await agent
        .post('/referrals/new')
        .type('form')
        .send({
          _csrf: csrfOf(form.text),
          channel: 'gp_practice',
          'person.givenName': 'Sam',
          reasons: 'social_connection',
          'consent.referralDiscussed': 'true',
          'person.interpreterNeeded': 'yes',
          'person.interpreter.language': 'Dari',
          'person.interpreter.mode': 'video',
        })
        .expect(303);
      expect(made.headers.location).toBe('/referrals/mine');
      // Names are sealed at rest: the people called Sam are found by the caseload's own tokens.
      const sams = await personIdsNamed(ctx, 'Sam');
      const stored = await ctx.db.query<{ interpreter_language: string; interpreter_mode: string }>(
        `SELECT interpreter_language, interpreter_mode FROM person
          WHERE id = ANY($1::uuid[]) AND interpreter_mode IS NOT NULL`,
        [sams],
      );
      expect(stored.rows).toEqual([{ interpreter_language: 'prs', interpreter_mode: 'video' }]);
    });

    it('are changed beside the interpreter need, on the migration details page', async () => {
      const { caseId } = await acceptedCase({ givenName: 'Farid', preferredLanguage: 'fa' });
      const agent = await signInAgent(ctx, worker);
      const form = await agent.get(`/cases/${caseId}/migration-profile`).expect(200);
      await agent
        .post(`/cases/${caseId}/migration-profile`)
        .type('form')
        .send({
          _csrf: csrfOf(form.text),
          interpreterNeeded: 'yes',
          'interpreter.language': 'Farsi',
          'interpreter.gender': 'male',
          'interpreter.mode': 'in_person',
        })
        .expect(303);
      const casePage = await agent.get(`/cases/${caseId}`).expect(200);
      expect(casePage.text).toContain('Persian, a man, in person');
    });
  });

  describe('the welcome letter', () => {
    let worker: TestUser & { name: string };
    let caseId: string;
    let reference: string;

    beforeAll(async () => {
      worker = await linkWorker('Sam Okafor');
      const r = await createReferral(ctx, referrer, {
        person: {
          givenName: 'Amina',
          preferredLanguage: 'so',
          interpreterNeeded: true,
          interpreter: { gender: 'female', mode: 'video' },
        },
      });
      reference = r.reference;
      expect((await assignReferral(ctx, admin, r.id, worker.id)).status).toBe(200);
      caseId = (
        (
          await ctx.http
            .post(`/api/referrals/${r.id}/accept`)
            .set('Authorization', worker.auth)
            .expect(201)
        ).body as { caseId: string }
      ).caseId;
    });

    it.each(PERSON_LOCALES)('is written in %s with every message in place', async (locale) => {
      const warn = jest.spyOn(Logger.prototype, 'warn');
      const error = jest.spyOn(Logger.prototype, 'error');
      const res = await get(`/api/cases/${caseId}/letters/welcome?lang=${locale}`, worker).expect(
        200,
      );
      expect(res.type).toBe('text/html');
      const missing = [...warn.mock.calls, ...error.mock.calls].filter((c) =>
        String(c[0]).includes('Message "'),
      );
      warn.mockRestore();
      error.mockRestore();
      expect(missing).toEqual([]);
      expect(res.text).toContain(
        `<html lang="${locale}"${directionOf(locale) === 'rtl' ? ' dir="rtl"' : ''}`,
      );
      for (const key of [
        'letters.welcome.title',
        'letters.welcome.linkWorkerHeading',
        'letters.welcome.infoImmigration',
      ]) {
        expect(res.text).toContain(escaped(messages.t(locale, key)));
      }
      expect(res.text).toContain(
        escaped(
          messages.t(locale, 'letters.common.interpreterLanguage', {
            language: languageDisplayName('so', locale),
          }),
        ),
      );
      expect(res.text).toContain(
        escaped(messages.t(locale, 'letters.common.interpreterMode', { mode: 'video' })),
      );
      expect(res.text).toContain(worker.name);
      expect(res.text).toContain(reference);
      expect(res.text).toContain('Amina');
      expect(res.text).not.toMatch(/\{[a-zA-Z]+(, [a-z]+)*\}/);
      expect(res.text).not.toContain('letters.');
    });

    it('is in the person’s own language when none is asked for', async () => {
      const res = await get(`/api/cases/${caseId}/letters/welcome`, worker).expect(200);
      expect(res.text).toContain('<html lang="so"');
    });

    it('has the case’s access: another link worker is told it does not exist; a bad language is refused', async () => {
      await get(`/api/cases/${caseId}/letters/welcome`, await ctx.newUser('link_worker')).expect(
        404,
      );
      await get(`/api/cases/${caseId}/letters/welcome`, admin).expect(200);
      await get(`/api/cases/${caseId}/letters/welcome?lang=xx`, worker).expect(422);
    });
  });

  it('shows administrators each language’s review status', async () => {
    const agent = await signInAgent(ctx, admin);
    const page = await agent.get('/admin/languages').expect(200);
    expect(page.text).toContain('<span lang="ti" dir="ltr">ትግርኛ</span>');
    expect(page.text).toContain('<span lang="ar" dir="rtl">العربية</span>');
    expect(page.text).toContain('Right to left');
    expect((page.text.match(/govuk-tag--yellow">Draft</g) ?? []).length).toBe(
      PERSON_LOCALES.length,
    );
    const worker = await signInAgent(ctx, await ctx.newUser('link_worker'));
    await worker.get('/admin/languages').expect(403);
  });
});
