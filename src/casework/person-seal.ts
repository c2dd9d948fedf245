/**
 * How a person's name and contact details are kept: sealed with the casework cipher (AES-256-GCM),
 * with keyed blind-index tokens beside them so that search and intake's duplicate check can
 * match them in SQL without decrypting anyone. See docs/data-protection.md, "Names and contact
 * details at rest", for what the tokens reveal.
 */
import { BlindIndex } from '../common/crypto/blind-index';
import { FieldCipher } from '../common/crypto/field-cipher';
import type { PersonDetails } from './person.types';

export interface PersonSeal {
  cipher: FieldCipher;
  index: BlindIndex;
}

/** Both halves from the data encryption key; the index key is derived, never the key itself. */
export const personSeal = (dataKey: Buffer): PersonSeal => ({
  cipher: new FieldCipher(dataKey),
  index: new BlindIndex(dataKey, 'person identity v1'),
});

/** Nest injection token of the PersonSeal built from the configured key. */
export const PERSON_SEAL = Symbol('PERSON_SEAL');

/**
 * The words of a name as search compares them: accents and other marks removed (NFKD), lower
 * case, split at anything that is not a letter or digit. "Sélam Tesfa-Mariam" → selam, tesfa,
 * mariam. Scripts without case (Arabic, Ge'ez) keep their letters; their marks (harakat) go.
 */
export function nameWords(text: string | null | undefined): string[] {
  if (!text) return [];
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Digits of a phone number, a leading 44 read as 0; null when too short to be a number. */
export function phoneDigits(phone: string | null | undefined): string | null {
  const d = (phone ?? '').replace(/\D/g, '');
  return d.length >= 7 ? d.replace(/^44/, '0') : null;
}

export const nhsDigits = (nhs: string | null | undefined): string | null => {
  const d = (nhs ?? '').replace(/\s/g, '');
  return d ? d : null;
};

const WORD = 'word';
const GIVEN_PREFIX = 'given3';
const FAMILY = 'family';
const NHS = 'nhs';
const PHONE = 'phone';

const given3 = (given: string) => nameWords(given).join('').slice(0, 3);

/**
 * For intake's duplicate check, among people with the same date of birth: the first three
 * letters of the given name, and the whole family name.
 */
export function duplicateNameTokens(seal: PersonSeal, given: string, family?: string | null) {
  const tokens: Buffer[] = [];
  const prefix = given3(given);
  if (prefix) tokens.push(seal.index.token(GIVEN_PREFIX, prefix));
  const familyWords = nameWords(family);
  if (familyWords.length) tokens.push(seal.index.token(FAMILY, familyWords.join(' ')));
  return tokens;
}

/** Everything stored about a person's name: one token per word, plus the duplicate tokens. */
export function nameTokens(seal: PersonSeal, given: string, family?: string | null): Buffer[] {
  const words = [...new Set([...nameWords(given), ...nameWords(family)])];
  return [
    ...words.map((w) => seal.index.token(WORD, w)),
    ...duplicateNameTokens(seal, given, family),
  ];
}

export const phoneToken = (seal: PersonSeal, phone: string | null | undefined) => {
  const digits = phoneDigits(phone);
  return digits ? seal.index.token(PHONE, digits) : null;
};

export const nhsToken = (seal: PersonSeal, nhs: string | null | undefined) => {
  const digits = nhsDigits(nhs);
  return digits ? seal.index.token(NHS, digits) : null;
};

/** The sealed columns of a person, as they are written. */
export interface SealedIdentity {
  givenName: string;
  familyName: string | null;
  phone: string | null;
  email: string | null;
  nhsNumber: string | null;
  phoneIndex: Buffer | null;
  nhsNumberIndex: Buffer | null;
  nameTokens: Buffer[];
}

export function sealIdentity(
  seal: PersonSeal,
  p: Pick<PersonDetails, 'givenName' | 'familyName' | 'phone' | 'email' | 'nhsNumber'>,
): SealedIdentity {
  const given = p.givenName.trim();
  const family = p.familyName?.trim() || null;
  const nhs = nhsDigits(p.nhsNumber);
  return {
    givenName: seal.cipher.encrypt(given),
    familyName: seal.cipher.encryptNullable(family),
    phone: seal.cipher.encryptNullable(p.phone || null),
    email: seal.cipher.encryptNullable(p.email || null),
    nhsNumber: seal.cipher.encryptNullable(nhs),
    phoneIndex: phoneToken(seal, p.phone),
    nhsNumberIndex: nhsToken(seal, nhs),
    nameTokens: nameTokens(seal, given, family),
  };
}

/** What a caseload search asks for, read from what was typed. */
export type PersonQuery =
  | { kind: 'date_of_birth'; date: string }
  | { kind: 'reference'; reference: string }
  | { kind: 'number'; nhs: Buffer | null; phone: Buffer | null }
  | { kind: 'name'; tokens: Buffer[] };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A referral reference: letters, a hyphen, then letters, digits and hyphens with a digit among them. */
const REFERENCE = /^[A-Z]{2,6}-(?=[A-Z0-9-]*\d)[A-Z0-9-]{4,20}$/i;
const NUMBER = /^[\d\s()+-]+$/;

/**
 * A date of birth (YYYY-MM-DD), a referral reference (LW-2026-000123), an NHS or phone number
 * (digits, spaces, brackets, + and -), or else name words in any order; null when empty.
 */
export function personQuery(seal: PersonSeal, q: string): PersonQuery | null {
  const text = q.trim();
  if (!text) return null;
  if (ISO_DATE.test(text)) return { kind: 'date_of_birth', date: text };
  if (REFERENCE.test(text)) return { kind: 'reference', reference: text.toUpperCase() };
  if (NUMBER.test(text) && text.replace(/\D/g, '').length >= 7) {
    const digits = text.replace(/\D/g, '');
    return {
      kind: 'number',
      nhs: digits.length === 10 ? seal.index.token(NHS, digits) : null,
      phone: phoneToken(seal, digits),
    };
  }
  const words = [...new Set(nameWords(text))];
  return words.length
    ? { kind: 'name', tokens: words.map((w) => seal.index.token(WORD, w)) }
    : null;
}
