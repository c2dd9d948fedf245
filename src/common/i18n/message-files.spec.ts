import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { LOCALE_FILES, messageKeys, type MessageTree } from './locale-files';
import { directionOf, PERSON_LOCALES } from './locales';

/** templates/ at the repository root (a spec always runs from the TypeScript sources). */
const TEMPLATES_DIR = resolve(__dirname, '..', '..', '..', 'templates');

const english = LOCALE_FILES.en.messages;
const englishKeys = messageKeys(english);
const translations = PERSON_LOCALES.filter((l) => l !== 'en');

function messageAt(tree: MessageTree, key: string): string | undefined {
  let node: string | MessageTree | undefined = tree;
  for (const part of key.split('.')) {
    node = typeof node === 'object' ? node[part] : undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

const TYPE_NAMES: Partial<Record<TYPE, string>> = {
  [TYPE.argument]: 'text',
  [TYPE.number]: 'number',
  [TYPE.date]: 'date',
  [TYPE.time]: 'time',
  [TYPE.select]: 'select',
  [TYPE.plural]: 'plural',
};

/** Every placeholder of a message, with how it is formatted: ["name:text", "when:date"]. */
function placeholders(elements: MessageFormatElement[]): string[] {
  const found = new Set<string>();
  const walk = (list: MessageFormatElement[]) => {
    for (const el of list) {
      const kind = TYPE_NAMES[el.type];
      if (kind && 'value' in el) found.add(`${el.value}:${kind}`);
      if (el.type === TYPE.select || el.type === TYPE.plural) {
        for (const option of Object.values(el.options)) walk(option.value);
      }
      if (el.type === TYPE.tag) walk(el.children);
    }
  };
  walk(elements);
  return [...found].sort();
}

// i18next reads these names in a call's options itself, so a placeholder must not use them.
const I18NEXT_OPTION_NAMES = [
  'lng',
  'lngs',
  'ns',
  'count',
  'context',
  'defaultValue',
  'ordinal',
  'replace',
  'returnObjects',
  'returnDetails',
  'joinArrays',
  'postProcess',
  'interpolation',
  'fallbackLng',
  'keySeparator',
  'nsSeparator',
];

/** What is wrong with a translation, compared with English: one line per problem. */
function problemsOf(messages: MessageTree): string[] {
  const keys = messageKeys(messages);
  const problems = [
    ...englishKeys.filter((k) => !keys.includes(k)).map((k) => `${k}: missing`),
    ...keys.filter((k) => !englishKeys.includes(k)).map((k) => `${k}: not in English`),
  ];
  for (const key of keys.filter((k) => englishKeys.includes(k))) {
    const text = messageAt(messages, key) ?? '';
    if (text.trim() === '') problems.push(`${key}: empty`);
    let mine: string[];
    try {
      mine = placeholders(parse(text, { ignoreTag: true }));
    } catch (error) {
      problems.push(`${key}: does not parse (${(error as Error).message})`);
      continue;
    }
    const theirs = placeholders(parse(messageAt(english, key) ?? '', { ignoreTag: true }));
    if (mine.join() !== theirs.join()) {
      problems.push(`${key}: has {${mine.join(', ')}}, English has {${theirs.join(', ')}}`);
    }
  }
  return problems;
}

describe('message files', () => {
  describe.each(translations)('%s', (locale) => {
    const file = LOCALE_FILES[locale];

    it('has exactly the messages English has, as ICU that parses, with the same placeholders', () => {
      expect(problemsOf(file.messages)).toEqual([]);
    });

    it('names itself, says its direction and is honest about its review', () => {
      expect(file.meta.locale).toBe(locale);
      expect(file.meta.name.trim()).not.toBe('');
      expect(file.meta.direction).toBe(directionOf(locale));
      const { review } = file.meta;
      expect(['draft', 'reviewed']).toContain(review.status);
      if (review.status === 'reviewed') {
        expect(review.reviewedBy).toEqual(expect.stringMatching(/\S/));
        expect(review.reviewedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      } else {
        expect(review.reviewedBy).toBeNull();
        expect(review.reviewedOn).toBeNull();
        expect(review.note).toMatch(/\S/);
      }
    });
  });

  it('finds a missing message, an extra one, a broken one and changed placeholders', () => {
    const broken = JSON.parse(JSON.stringify(english)) as MessageTree;
    const common = broken.common as MessageTree;
    delete common.back;
    common.extra = 'Extra';
    common.continue = 'Continue {';
    ((broken.letters as MessageTree).common as MessageTree).greeting = 'Dear {nmae}';
    ((broken.letters as MessageTree).groupPlace as MessageTree).starts =
      'The first session is on {start} at {start, time, short}.';
    expect(problemsOf(broken)).toEqual([
      'common.back: missing',
      'common.extra: not in English',
      expect.stringMatching(/^common\.continue: does not parse/),
      'letters.common.greeting: has {nmae:text}, English has {name:text}',
      'letters.groupPlace.starts: has {start:text, start:time}, English has {start:date, start:time}',
    ]);
  });

  it('has English messages that parse, with placeholders i18next leaves alone', () => {
    const clashes = englishKeys.filter((key) =>
      placeholders(parse(messageAt(english, key) ?? '', { ignoreTag: true })).some((p) =>
        I18NEXT_OPTION_NAMES.includes(p.split(':')[0]),
      ),
    );
    expect(clashes).toEqual([]);
    expect(LOCALE_FILES.en.meta).toMatchObject({ locale: 'en', name: 'English', direction: 'ltr' });
  });

  it('gives each language its own name, once', () => {
    const names = PERSON_LOCALES.map((l) => LOCALE_FILES[l].meta.name);
    expect(new Set(names).size).toBe(PERSON_LOCALES.length);
  });
});

describe('templates', () => {
  function templates(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return templates(path);
      return name.endsWith('.hbs') ? [path] : [];
    });
  }

  it('only ask for messages that English has', () => {
    const missing: string[] = [];
    for (const path of templates(TEMPLATES_DIR)) {
      const source = readFileSync(path, 'utf8');
      for (const [, key] of source.matchAll(/[{(]t\s+"([^"]+)"/g)) {
        if (messageAt(english, key) === undefined) missing.push(`${path}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
