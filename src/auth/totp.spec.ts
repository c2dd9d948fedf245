import {
  base32Decode,
  base32Encode,
  generateTotpSecret,
  matchTotp,
  otpauthUri,
  totpAt,
} from './totp';

/** RFC 6238 appendix B, SHA-1 rows: the key is the ASCII string "12345678901234567890". */
const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('gives the RFC test vector at time %d', (time, expected) => {
    expect(totpAt(RFC_KEY, time, 8)).toBe(expected);
  });

  it('gives six-digit codes by default, the last six digits of the eight-digit value', () => {
    expect(totpAt(RFC_KEY, 59)).toBe('287082');
  });

  it('round-trips base32 secrets (RFC 4648 test vector)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW 6YTB OI======').toString()).toBe('foobar');
    expect(base32Decode(base32Encode(RFC_KEY))).toEqual(RFC_KEY);
    expect(() => base32Decode('not base32!')).toThrow();
  });

  it('accepts the current code and one step either side, and nothing further', () => {
    const secret = base32Encode(RFC_KEY);
    const t = 1234567890;
    expect(matchTotp(secret, totpAt(RFC_KEY, t), t)).toBe(Math.floor(t / 30));
    expect(matchTotp(secret, totpAt(RFC_KEY, t - 30), t)).toBe(Math.floor(t / 30) - 1);
    expect(matchTotp(secret, totpAt(RFC_KEY, t + 30), t)).toBe(Math.floor(t / 30) + 1);
    expect(matchTotp(secret, totpAt(RFC_KEY, t - 90), t)).toBeUndefined();
  });

  it('refuses malformed codes', () => {
    const secret = base32Encode(RFC_KEY);
    for (const code of ['', '12345', '1234567', 'abcdef', '28708２']) {
      expect(matchTotp(secret, code, 59)).toBeUndefined();
    }
  });

  it('makes fresh 160-bit secrets and an otpauth URI apps can read', () => {
    const a = generateTotpSecret();
    expect(base32Decode(a)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(a);
    const uri = new URL(otpauthUri('Linkway', 'admin@example.org', a));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Linkway:admin@example.org');
    expect(uri.searchParams.get('secret')).toBe(a);
    expect(uri.searchParams.get('digits')).toBe('6');
  });
});
