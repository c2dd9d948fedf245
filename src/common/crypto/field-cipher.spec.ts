import { randomBytes } from 'node:crypto';
import { createEncryptedColumnTransformer, FieldCipher, FieldCipherError } from './field-cipher';

const key = randomBytes(32);
const cipher = new FieldCipher(key);

/** Replaces one base64 part of a token after flipping a bit in it. */
function tamper(token: string, part: 1 | 2 | 3): string {
  const parts = token.split(':');
  const bytes = Buffer.from(parts[part], 'base64');
  bytes[0] ^= 0x01;
  parts[part] = bytes.toString('base64');
  return parts.join(':');
}

describe('FieldCipher', () => {
  it('round-trips text', () => {
    const note = 'Disclosed a recent eviction; housing advice arranged.';
    expect(cipher.decrypt(cipher.encrypt(note))).toBe(note);
  });

  it('round-trips unicode and the empty string', () => {
    for (const note of ['', 'Amina – ማስታወሻ · ملاحظة · 笔记 · 🙂', 'line one\nline two']) {
      expect(cipher.decrypt(cipher.encrypt(note))).toBe(note);
    }
  });

  it('writes a versioned token with a 12-byte IV and 16-byte tag', () => {
    const [version, iv, tag, ciphertext] = cipher.encrypt('hello').split(':');
    expect(version).toBe('v1');
    expect(Buffer.from(iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64')).toHaveLength(16);
    expect(Buffer.from(ciphertext, 'base64')).toHaveLength(5);
  });

  it('does not leak the plain text', () => {
    expect(cipher.encrypt('asylum interview on Monday')).not.toContain('asylum');
  });

  it('uses a different IV each time', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => cipher.encrypt('same note')));
    const ivs = new Set([...tokens].map((t) => t.split(':')[1]));
    expect(tokens.size).toBe(50);
    expect(ivs.size).toBe(50);
  });

  it.each([1, 2, 3] as const)('detects tampering with part %i', (part) => {
    const token = tamper(cipher.encrypt('a sensitive note'), part);
    expect(() => cipher.decrypt(token)).toThrow(FieldCipherError);
  });

  it('fails with another key', () => {
    const token = cipher.encrypt('a sensitive note');
    expect(() => new FieldCipher(randomBytes(32)).decrypt(token)).toThrow(
      /altered or sealed with another key/,
    );
  });

  it.each([
    ['plain text'],
    ['v2:AAAA:AAAA:AAAA'],
    ['v1:only:three'],
    ['v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA==:!!!'],
    ['v1:AAAA:AAAAAAAAAAAAAAAAAAAAAA==:AAAA'],
  ])('rejects the malformed token %p', (token) => {
    expect(() => cipher.decrypt(token)).toThrow(FieldCipherError);
  });

  it('rejects a key that is not 32 bytes', () => {
    expect(() => new FieldCipher(randomBytes(16))).toThrow(/32-byte key \(got 16\)/);
  });

  it('is not affected by later changes to the key buffer', () => {
    const mutable = Buffer.from(key);
    const own = new FieldCipher(mutable);
    const token = own.encrypt('note');
    mutable.fill(0);
    expect(own.decrypt(token)).toBe('note');
  });

  it('builds from a base64 key', () => {
    const fromBase64 = FieldCipher.fromBase64(key.toString('base64'));
    expect(fromBase64.decrypt(cipher.encrypt('note'))).toBe('note');
  });

  it('passes null and undefined through the nullable helpers', () => {
    expect(cipher.encryptNullable(null)).toBeNull();
    expect(cipher.encryptNullable(undefined)).toBeNull();
    expect(cipher.decryptNullable(null)).toBeNull();
    expect(cipher.decryptNullable(undefined)).toBeNull();
    expect(cipher.decryptNullable(cipher.encryptNullable('note'))).toBe('note');
  });
});

describe('createEncryptedColumnTransformer', () => {
  it('encrypts on the way to the database and decrypts on the way back', () => {
    const transformer = createEncryptedColumnTransformer(() => cipher);
    const stored = transformer.to('a note');
    expect(stored).toMatch(/^v1:/);
    expect(transformer.from(stored)).toBe('a note');
  });

  it('keeps null as null and undefined as undefined', () => {
    const transformer = createEncryptedColumnTransformer(() => cipher);
    expect(transformer.to(null)).toBeNull();
    expect(transformer.to(undefined)).toBeUndefined();
    expect(transformer.from(null)).toBeNull();
  });

  it('looks the cipher up only when used', () => {
    const getCipher = jest.fn(() => cipher);
    const transformer = createEncryptedColumnTransformer(getCipher);
    expect(getCipher).not.toHaveBeenCalled();
    transformer.from(transformer.to('x'));
    expect(getCipher).toHaveBeenCalledTimes(2);
  });
});
