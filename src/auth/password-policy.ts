import type * as ZxcvbnCore from '@zxcvbn-ts/core';
import type * as ZxcvbnCommon from '@zxcvbn-ts/language-common';
import type * as ZxcvbnEnglish from '@zxcvbn-ts/language-en';

export const MIN_PASSWORD_LENGTH = 12;

/**
 * zxcvbn's 0–4 scale; 3 is "safely unguessable": about 10^8 guesses or more, which with argon2id
 * means years for an attacker holding the hashes, let alone one limited to five tries.
 */
const MIN_SCORE = 3;

/** Words that name this service: NIST SP 800-63B refuses passwords built on them. */
const SERVICE_WORDS = ['linkway'];

let estimator: ZxcvbnCore.ZxcvbnFactory | undefined;

/**
 * Loaded and built on first use, by require() rather than imports at the top: the dictionaries
 * cost a server about 36 MB loaded and 23 MB more ranked, and most processes never check a
 * password.
 */
function strength(): ZxcvbnCore.ZxcvbnFactory {
  if (!estimator) {
    const { ZxcvbnFactory } = require('@zxcvbn-ts/core') as typeof ZxcvbnCore;
    const common = require('@zxcvbn-ts/language-common') as typeof ZxcvbnCommon;
    const english = require('@zxcvbn-ts/language-en') as typeof ZxcvbnEnglish;
    estimator = new ZxcvbnFactory({
      translations: english.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...english.dictionary },
    });
  }
  return estimator;
}

/** The parts of a person's name and email a password must not contain (three letters or more). */
function personalWords(person: { email?: string; name?: string }): string[] {
  const email = person.email?.trim().toLowerCase() ?? '';
  const localPart = email.split('@')[0] ?? '';
  const words = [
    email,
    localPart,
    ...localPart.split(/[^\p{L}\p{N}]+/u),
    ...(person.name ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u),
  ];
  return [...new Set(words.filter((w) => w.length >= 3))];
}

/**
 * Why a password a person chose is refused, in plain words to follow the field's name
 * ("Password …"), or undefined when it is fine. NCSC and NIST SP 800-63B: a minimum length, no
 * composition rules, and a check against common, breached and easily guessed passwords (zxcvbn's
 * dictionaries: common passwords, English words, names, keyboard patterns, repeats, sequences,
 * dates), against the person's own name and email, and against the name of the service.
 */
export function passwordProblem(
  password: string,
  person: { email?: string; name?: string } = {},
): string | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  const lower = password.toLowerCase();
  const personal = personalWords(person);
  if (personal.some((w) => lower.includes(w))) {
    return 'must not contain your name or email address';
  }
  if (SERVICE_WORDS.some((w) => lower.includes(w))) {
    return 'must not contain the name of this service';
  }
  const result = strength().check(password, [...personal, ...SERVICE_WORDS]);
  if (result.score >= MIN_SCORE) return undefined;
  const { warning, suggestions } = result.feedback;
  const advice = [warning, ...suggestions].filter((s): s is string => !!s);
  return [
    'is too easy to guess.',
    ...(advice.length ? advice : ['Add more words that are less common.']),
  ].join(' ');
}
