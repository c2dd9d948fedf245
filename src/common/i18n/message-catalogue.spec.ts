import Handlebars from 'handlebars';
import { registerI18nHelpers } from './handlebars-helpers';
import { LOCALE_FILES, type LocaleFile } from './locale-files';
import { PERSON_LOCALES, type Locale } from './locales';
import { MessageCatalogue, type MessageProblem } from './message-catalogue';

/** A small catalogue: English has every message; Arabic lacks `greeting.bye`. */
function catalogue(report: (p: MessageProblem) => void = () => undefined) {
  const file = (locale: Locale, messages: LocaleFile['messages']): LocaleFile => ({
    meta: { ...LOCALE_FILES[locale].meta },
    messages,
  });
  const files = Object.fromEntries(
    PERSON_LOCALES.map((l) => [l, file(l, {})]),
  ) as unknown as Record<Locale, LocaleFile>;
  files.en = file('en', {
    greeting: { hello: 'Hello {name}', bye: 'Goodbye {name}' },
    when: 'On {when, date, full} at {when, time, short}',
    days: '{days, plural, one {# day} other {# days}}',
  });
  files.ar = file('ar', {
    greeting: { hello: 'مرحبا {name}' },
    when: 'يوم {when, date, full} الساعة {when, time, short}',
    days: '{days, plural, zero {لا أيام} one {يوم واحد} two {يومان} few {# أيام} many {# يومًا} other {# يوم}}',
  });
  files.fa = file('fa', { when: '{when, date, long}' });
  return new MessageCatalogue(files, report);
}

describe('MessageCatalogue', () => {
  it('fills in placeholders in the locale asked for', () => {
    const messages = catalogue();
    expect(messages.t('en', 'greeting.hello', { name: 'Amina' })).toBe('Hello Amina');
    expect(messages.t('ar', 'greeting.hello', { name: 'Amina' })).toBe('مرحبا Amina');
  });

  it('uses each language’s plural rules', () => {
    const messages = catalogue();
    expect(messages.t('en', 'days', { days: 1 })).toBe('1 day');
    expect(messages.t('en', 'days', { days: 3 })).toBe('3 days');
    expect(messages.t('ar', 'days', { days: 2 })).toBe('يومان');
    expect(messages.t('ar', 'days', { days: 3 })).toBe('3 أيام');
  });

  it('gives dates and times in UK time, in British English, on the Gregorian calendar', () => {
    const messages = catalogue();
    // 23:30 UTC on 31 March 2026 is 00:30 on 1 April in London (summer time).
    const when = new Date('2026-03-31T23:30:00Z');
    expect(messages.t('en', 'when', { when })).toBe('On Wednesday, 1 April 2026 at 00:30');
    // Persian would default to the Solar Hijri calendar (1405); a UK appointment is Gregorian.
    const persian = messages.t('fa', 'when', { when });
    expect(persian).toContain('آوریل');
    expect(persian).toContain('۲۰۲۶');
  });

  it('falls back to English for a message a locale lacks, and reports it once per key and locale', () => {
    const report = jest.fn();
    const messages = catalogue(report);
    expect(messages.t('ar', 'greeting.bye', { name: 'Amina' })).toBe('Goodbye Amina');
    expect(messages.t('ar', 'greeting.bye', { name: 'Yonas' })).toBe('Goodbye Yonas');
    expect(messages.t('fa', 'greeting.bye', { name: 'Amina' })).toBe('Goodbye Amina');
    expect(report.mock.calls).toEqual([
      [{ kind: 'missing', locale: 'ar', key: 'greeting.bye' }],
      [{ kind: 'missing', locale: 'fa', key: 'greeting.bye' }],
    ]);
    expect(messages.t('ar', 'greeting.hello', { name: 'Amina' })).toBe('مرحبا Amina');
    expect(report).toHaveBeenCalledTimes(2);
  });

  it('shows the key of a message nobody has, and reports that once', () => {
    const report = jest.fn();
    const messages = catalogue(report);
    expect(messages.t('ar', 'nowhere.at.all')).toBe('nowhere.at.all');
    expect(messages.t('ar', 'nowhere.at.all')).toBe('nowhere.at.all');
    expect(report.mock.calls).toEqual([
      [{ kind: 'missing_everywhere', locale: 'ar', key: 'nowhere.at.all' }],
    ]);
  });

  it('reports a message whose value was not given, rather than failing the page', () => {
    const report = jest.fn();
    const messages = catalogue(report);
    expect(messages.t('en', 'greeting.hello')).toBe('Hello {name}');
    expect(report).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'unformattable', locale: 'en', key: 'greeting.hello' }),
    );
  });

  it('knows which messages a locale has itself', () => {
    const messages = catalogue();
    expect(messages.has('ar', 'greeting.hello')).toBe(true);
    expect(messages.has('ar', 'greeting.bye')).toBe(false);
    expect(messages.has('ar', 'greeting')).toBe(false);
  });
});

describe('the {{t}} helper', () => {
  const render = (source: string, context: object, messages = catalogue()) => {
    const env = Handlebars.create();
    registerI18nHelpers(env, messages);
    return env.compile(source)(context);
  };

  it('speaks the page’s locale, escaping what it writes', () => {
    expect(render('{{t "greeting.hello" name=who}}', { locale: 'ar', who: '<b>Amina</b>' })).toBe(
      'مرحبا &lt;b&gt;Amina&lt;/b&gt;',
    );
  });

  it('uses English on a page with no locale or an unknown one', () => {
    expect(render('{{t "greeting.hello" name="Amina"}}', {})).toBe('Hello Amina');
    expect(render('{{t "greeting.hello" name="Amina"}}', { locale: 'xx' })).toBe('Hello Amina');
  });

  it('writes in the locale named by lng=, whatever the page’s', () => {
    expect(render('{{t "greeting.hello" lng="ar" name="Amina"}}', { locale: 'en' })).toBe(
      'مرحبا Amina',
    );
  });

  it('reads the page’s locale inside partials and loops', () => {
    expect(
      render('{{#each people}}{{t "greeting.hello" name=this}};{{/each}}', {
        locale: 'ar',
        people: ['A', 'B'],
      }),
    ).toBe('مرحبا A;مرحبا B;');
  });
});
