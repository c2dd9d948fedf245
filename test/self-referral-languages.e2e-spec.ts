import { Logger } from '@nestjs/common';
import Handlebars from 'handlebars';
import request from 'supertest';
import { messages } from '../src/common/i18n/i18n';
import { LOCALE_FILES } from '../src/common/i18n/locale-files';
import { PERSON_LOCALES, type Locale } from '../src/common/i18n/locales';
import { personIdsNamed, storedPerson } from './support/casework-factory';
import { TestContext } from './support/test-app';

type Agent = ReturnType<typeof request.agent>;

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
/** A message as the page writes it (Handlebars escapes it). */
const shown = (locale: Locale, key: string, values?: Record<string, unknown>) =>
  Handlebars.Utils.escapeExpression(messages.t(locale, key, values));
const h1Of = (html: string) =>
  (/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, '').trim();
const htmlTag = (html: string) => /<html[^>]*>/.exec(html)?.[0] ?? '';
/** Handlebars writes "=" in an attribute as "&#x3D;", which browsers read back as "=". */
const hrefTo = (path: string) => `href="${path.replace(/=/g, '&#x3D;')}"`;
const ARABIC_SCRIPT = /[\u0600-\u06FF]/;

describe('The self-referral in the person’s language (contract: "Languages")', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx.close());

  const newAgent = () => request.agent(ctx.app.getHttpServer());

  async function answer(agent: Agent, step: string, fields: object, status: 303 | 422 = 303) {
    const page = await agent.get(`/self-referral/${step}`).expect(200);
    return agent
      .post(`/self-referral/${step}`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), ...fields })
      .expect(status);
  }

  it('asks first for the language, in each language, naming each in itself', async () => {
    const picker = await newAgent().get('/self-referral').expect(200);
    expect(htmlTag(picker.text)).toBe('<html lang="en" class="govuk-template">');
    expect(h1Of(picker.text)).toBe('Choose your language');
    for (const locale of PERSON_LOCALES) {
      const { name, direction } = LOCALE_FILES[locale].meta;
      // Each language is a link written in itself, its question beside it in the same language.
      expect(picker.text).toContain(
        `${hrefTo(`/self-referral?lang=${locale}`)} hreflang="${locale}" lang="${locale}" dir="${direction}">${name}</a>`,
      );
      expect(picker.text).toContain(
        `lang="${locale}" dir="${direction}">${shown(locale, 'languagePicker.title')}</span>`,
      );
    }
    // Not the start page yet: nothing to start until a language is chosen.
    expect(picker.text).not.toContain(hrefTo('/self-referral/name'));
  });

  it('ignores a language it does not have', async () => {
    const page = await newAgent().get('/self-referral?lang=de').expect(200);
    expect(htmlTag(page.text)).toBe('<html lang="en" class="govuk-template">');
    expect(h1Of(page.text)).toBe('Choose your language');
  });

  it('walks the whole journey in Arabic, right to left, and stores Arabic as the preferred language', async () => {
    const agent = newAgent();
    const pages: string[] = [];
    const inArabic = (html: string, titleKey: string) => {
      pages.push(html);
      expect(htmlTag(html)).toBe('<html lang="ar" dir="rtl" class="govuk-template">');
      expect(h1Of(html)).toBe(shown('ar', titleKey));
      expect(h1Of(html)).toMatch(ARABIC_SCRIPT);
      // The layout and the shared form parts speak Arabic too.
      expect(html).toContain(shown('ar', 'layout.skipLink'));
    };

    const start = await agent.get('/self-referral?lang=ar').expect(200);
    inArabic(start.text, 'selfReferral.start.title');
    expect(start.text).toContain(shown('ar', 'selfReferral.start.startButton'));
    expect(start.text).toContain(hrefTo('/self-referral/name'));

    // No ?lang= from here on: the session keeps the choice.
    const name = await agent.get('/self-referral/name').expect(200);
    inArabic(name.text, 'selfReferral.name.title');
    expect(name.text).toContain(shown('ar', 'selfReferral.progress', { step: 1, total: 5 }));
    expect(name.text).toContain(`>${shown('ar', 'common.back')}</a>`);
    const noName = await answer(agent, 'name', { 'person.givenName': ' ' }, 422);
    inArabic(noName.text, 'selfReferral.name.title');
    expect(noName.text).toContain(
      `href="#person-givenName">${shown('ar', 'selfReferral.errors.givenNameMissing')}`,
    );
    expect(noName.text).toContain(shown('ar', 'common.errorSummaryTitle'));
    expect(noName.text).not.toContain('Enter your first name');
    await answer(agent, 'name', { 'person.givenName': 'ليلى' });

    const badEmail = await answer(agent, 'contact', { 'person.email': 'not-an-email' }, 422);
    inArabic(badEmail.text, 'selfReferral.contact.title');
    expect(badEmail.text).toContain(shown('ar', 'selfReferral.errors.emailInvalid'));
    expect(badEmail.text).not.toContain('must be');
    await answer(agent, 'contact', { 'person.phone': '07700 900123' });

    // The language the pages are in is offered as the one to be contacted in.
    const language = await agent.get('/self-referral/language').expect(200);
    inArabic(language.text, 'selfReferral.language.title');
    expect(language.text).toMatch(/<option value="ar" selected>العربية<\/option>/);
    expect(language.text).toContain('<option value="ti">التغرينية</option>');
    await answer(agent, 'language', { 'person.interpreterNeeded': 'yes' });

    const help = await agent.get('/self-referral/help').expect(200);
    inArabic(help.text, 'selfReferral.help.title');
    expect(help.text).toContain(shown('ar', 'selfReferral.help.reasons.housing'));
    await answer(agent, 'help', { reasons: ['housing', 'language'] });

    const consent = await agent.get('/self-referral/consent').expect(200);
    inArabic(consent.text, 'selfReferral.consent.title');
    await answer(agent, 'consent', { 'consent.referralDiscussed': 'true' });

    const check = await agent.get('/self-referral/check').expect(200);
    inArabic(check.text, 'selfReferral.check.title');
    expect(check.text).toContain('<bdi>ليلى</bdi>');
    expect(check.text).toContain('<bdi>07700 900123</bdi>');
    expect(check.text).toContain('<bdi>العربية</bdi>');
    expect(check.text).toContain(shown('ar', 'selfReferral.help.reasons.language'));

    await agent
      .post('/self-referral/check')
      .type('form')
      .send({ _csrf: csrfOf(check.text), website: '' })
      .expect(303)
      .expect('Location', '/self-referral/sent');
    const sent = await agent.get('/self-referral/sent').expect(200);
    inArabic(sent.text, 'selfReferral.sent.title');
    const reference = /LW-\d{4}-\d{6}/.exec(sent.text)?.[0];

    const privacy = await agent.get('/self-referral/privacy').expect(200);
    inArabic(privacy.text, 'privacy.title');
    expect(privacy.text).toContain(shown('ar', 'privacy.immigrationNeverShared'));

    for (const html of pages) expect(html).not.toContain('dir="ltr" class="govuk-template"');
    const { rows: stored } = await ctx.db.query<{ person_id: string }>(
      'SELECT r.person_id FROM referral r WHERE r.reference = $1',
      [reference],
    );
    const rows = await Promise.all(
      stored.map(async (r) => {
        const p = await storedPerson(ctx, r.person_id);
        const { given_name, preferred_language, interpreter_needed } = p;
        return { given_name, preferred_language, interpreter_needed };
      }),
    );
    expect(rows).toEqual([
      { given_name: 'ليلى', preferred_language: 'ar', interpreter_needed: true },
    ]);
  });

  it('changes language part way, back on the same page, keeping the answers', async () => {
    const agent = newAgent();
    await agent.get('/self-referral?lang=ti').expect(200);
    await answer(agent, 'name', { 'person.givenName': 'Selam' });
    const contact = await agent.get('/self-referral/contact').expect(200);
    expect(htmlTag(contact.text)).toBe('<html lang="ti" class="govuk-template">');
    expect(h1Of(contact.text)).toBe(shown('ti', 'selfReferral.contact.title'));
    expect(contact.text).toContain(hrefTo('/self-referral/languages?from=contact'));

    const picker = await agent.get('/self-referral/languages?from=contact').expect(200);
    expect(picker.text).toContain(hrefTo('/self-referral/contact?lang=pl'));
    const polish = await agent.get('/self-referral/contact?lang=pl').expect(200);
    expect(htmlTag(polish.text)).toBe('<html lang="pl" class="govuk-template">');
    expect(h1Of(polish.text)).toBe(shown('pl', 'selfReferral.contact.title'));
    const name = await agent.get('/self-referral/name').expect(200);
    expect(h1Of(name.text)).toBe(shown('pl', 'selfReferral.name.title'));
    expect(name.text).toContain('value="Selam"');
  });

  it('keeps the language a person names over the one the pages are in', async () => {
    const agent = newAgent();
    await agent.get('/self-referral?lang=fa').expect(200);
    await answer(agent, 'name', { 'person.givenName': 'Dari speaker' });
    await answer(agent, 'language', { 'person.preferredLanguage': 'prs' });
    await answer(agent, 'help', { reasons: 'food' });
    await answer(agent, 'consent', { 'consent.referralDiscussed': 'true' });
    const check = await agent.get('/self-referral/check').expect(200);
    expect(htmlTag(check.text)).toBe('<html lang="fa" dir="rtl" class="govuk-template">');
    await agent
      .post('/self-referral/check')
      .type('form')
      .send({ _csrf: csrfOf(check.text), website: '' })
      .expect(303);
    const { rows } = await ctx.db.query(
      'SELECT preferred_language FROM person WHERE id = ANY($1::uuid[])',
      [await personIdsNamed(ctx, 'Dari speaker')],
    );
    expect(rows).toEqual([{ preferred_language: 'prs' }]);
  });

  it('shows English for a message a translation lacks, and logs the gap once', async () => {
    const key = 'selfReferral.name.title';
    const original = messages.i18n.getResourceBundle('ar', 'translation') as Record<
      string,
      unknown
    >;
    const without = JSON.parse(JSON.stringify(original)) as {
      selfReferral: { name: Record<string, string> };
    };
    delete without.selfReferral.name.title;
    const warn = jest.spyOn(Logger.prototype, 'warn');
    messages.i18n.removeResourceBundle('ar', 'translation');
    messages.i18n.addResourceBundle('ar', 'translation', without);
    try {
      const agent = newAgent();
      for (let i = 0; i < 2; i++) {
        const page = await agent.get('/self-referral/name?lang=ar').expect(200);
        expect(htmlTag(page.text)).toBe('<html lang="ar" dir="rtl" class="govuk-template">');
        expect(h1Of(page.text)).toBe('What is your name?');
        expect(page.text).toContain(shown('ar', 'selfReferral.name.givenName'));
      }
      const gaps = warn.mock.calls.filter(([message]) => String(message).includes(key));
      expect(gaps).toEqual([[`Message "${key}" is missing in ar; English is shown instead`]]);
    } finally {
      warn.mockRestore();
      messages.i18n.removeResourceBundle('ar', 'translation');
      messages.i18n.addResourceBundle('ar', 'translation', original);
    }
    const restored = await newAgent().get('/self-referral/name?lang=ar').expect(200);
    expect(h1Of(restored.text)).toBe(shown('ar', key));
  });
});
