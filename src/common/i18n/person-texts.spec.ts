import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { registerI18nHelpers } from './handlebars-helpers';
import { LOCALE_FILES } from './locale-files';
import { directionOf, PERSON_LOCALES, type Locale } from './locales';
import { MessageCatalogue, type MessageProblem } from './message-catalogue';

/** templates/ at the repository root (a spec always runs from the TypeScript sources). */
const TEMPLATES_DIR = resolve(__dirname, '..', '..', '..', 'templates');

/** A catalogue of the real message files that remembers every problem it reports. */
function watched() {
  const problems: MessageProblem[] = [];
  return { problems, messages: new MessageCatalogue(LOCALE_FILES, (p) => problems.push(p)) };
}

function letter(name: string, locale: Locale, context: object, messages: MessageCatalogue) {
  const env = Handlebars.create();
  registerI18nHelpers(env, messages);
  const source = readFileSync(join(TEMPLATES_DIR, 'letters', `${name}.hbs`), 'utf8');
  return env.compile(source)({ locale, lang: locale, dir: directionOf(locale), ...context });
}

const escaped = (text: string) => Handlebars.Utils.escapeExpression(text);
// 09:30 in London on Tuesday 3 March 2026 (GMT).
const START = new Date('2026-03-03T09:30:00Z');

describe('letters and texts to a person, in every locale', () => {
  describe.each(PERSON_LOCALES)('%s', (locale) => {
    it('writes the welcome letter with every message and value in place', () => {
      const { problems, messages } = watched();
      const html = letter(
        'welcome',
        locale,
        {
          today: START,
          reference: 'LW-2026-000123',
          givenName: 'Amina',
          linkWorkerName: 'Sam Okafor',
          linkWorkerContact: '0115 496 0000',
          interpreterNeeded: true,
        },
        messages,
      );
      expect(problems).toEqual([]);
      for (const key of [
        'letters.welcome.title',
        'letters.welcome.interpreter',
        'letters.welcome.infoImmigration',
      ]) {
        expect(html).toContain(escaped(messages.t(locale, key)));
      }
      expect(html).toContain('Amina');
      expect(html).toContain('Sam Okafor');
      expect(html).toContain('0115 496 0000');
      expect(html).toContain('LW-2026-000123');
      expect(html).not.toMatch(/\{[a-zA-Z]+(, [a-z]+)*\}/);
      expect(html).not.toContain('letters.');
    });

    it('writes the group place letter with the date and time in UK time', () => {
      const { problems, messages } = watched();
      const html = letter(
        'group-place',
        locale,
        {
          today: START,
          reference: 'LW-2026-000123',
          givenName: 'Amina',
          groupName: 'Women’s walking group',
          start: START,
          address: '12 Park Road, NG7 1AA',
          contactName: 'Grace',
          interpreterNeeded: true,
          linkWorkerName: 'Sam Okafor',
        },
        messages,
      );
      expect(problems).toEqual([]);
      expect(html).toContain(escaped(messages.t(locale, 'letters.groupPlace.title')));
      expect(html).toContain(
        escaped(messages.t(locale, 'letters.groupPlace.starts', { start: START })),
      );
      expect(html).toContain(escaped('Women’s walking group'));
      expect(html).not.toMatch(/\{[a-zA-Z]+(, [a-z]+)*\}/);
    });

    it('tells the person what they asked of an interpreter, in their language', () => {
      const { problems, messages } = watched();
      const html = letter(
        'welcome',
        locale,
        {
          today: START,
          givenName: 'Amina',
          linkWorkerName: 'Sam Okafor',
          interpreterNeeded: true,
          interpreterLanguageName: 'Tigrinya',
          interpreterGender: 'female',
          interpreterMode: 'phone',
        },
        messages,
      );
      expect(problems).toEqual([]);
      expect(html).toContain(
        escaped(messages.t(locale, 'letters.common.interpreterLanguage', { language: 'Tigrinya' })),
      );
      const gender = messages.t(locale, 'letters.common.interpreterGender', { gender: 'female' });
      const mode = messages.t(locale, 'letters.common.interpreterMode', { mode: 'phone' });
      expect(gender).not.toBe('');
      expect(mode).not.toBe('');
      expect(html).toContain(escaped(gender));
      expect(html).toContain(escaped(mode));
      expect(html).not.toMatch(/\{[a-zA-Z]+(, [a-z]+)*\}/);
    });

    it('writes the text message reminders with every value in place', () => {
      const { problems, messages } = watched();
      const values = {
        linkWorkerName: 'Sam',
        groupName: 'Conversation club',
        when: START,
        place: 'Hyson Green Library',
        address: '12 Park Road',
        phone: '0115 496 0000',
      };
      const appointment = messages.t(locale, 'sms.appointmentReminder', values);
      const group = messages.t(locale, 'sms.groupStartReminder', values);
      expect(problems).toEqual([]);
      for (const text of [appointment, group]) {
        expect(text).toContain('0115 496 0000');
        expect(text).not.toMatch(/\{[a-zA-Z]+/);
      }
      expect(appointment).toContain('Hyson Green Library');
      expect(group).toContain('Conversation club');
    });
  });

  it('gives the time in British English as the UK clock shows it', () => {
    const { messages } = watched();
    expect(
      messages.t('en', 'sms.appointmentReminder', {
        linkWorkerName: 'Sam',
        when: new Date('2026-07-01T08:30:00Z'),
        place: 'Hyson Green Library',
        phone: '0115 496 0000',
      }),
    ).toBe(
      'Reminder: you have an appointment with Sam tomorrow, 1 July 2026, at 09:30. Place: Hyson Green Library. If you cannot come, call 0115 496 0000.',
    );
  });
});
