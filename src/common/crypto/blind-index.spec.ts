import { createHmac, randomBytes } from 'node:crypto';
import { BLIND_TOKEN_BYTES, BlindIndex } from './blind-index';

const key = randomBytes(32);

describe('BlindIndex', () => {
  const index = new BlindIndex(key, 'people');

  it('gives the same token for the same kind and value, and 16 bytes of it', () => {
    const a = index.token('word', 'selam');
    expect(a).toHaveLength(BLIND_TOKEN_BYTES);
    expect(index.token('word', 'selam').equals(a)).toBe(true);
  });

  it('tells values apart, and the same value in another kind of field', () => {
    const word = index.token('word', 'selam');
    expect(index.token('word', 'selma').equals(word)).toBe(false);
    expect(index.token('family', 'selam').equals(word)).toBe(false);
    // The separator keeps kind and value apart: ("wo", "rdselam") is not ("word", "selam").
    expect(index.token('wo', 'rdselam').equals(word)).toBe(false);
  });

  it('depends on the key and its label, and is not an HMAC under the data key itself', () => {
    const token = index.token('word', 'selam');
    expect(new BlindIndex(randomBytes(32), 'people').token('word', 'selam').equals(token)).toBe(
      false,
    );
    expect(new BlindIndex(key, 'other').token('word', 'selam').equals(token)).toBe(false);
    const underDataKey = createHmac('sha256', key).update('word\u0000selam').digest();
    expect(underDataKey.subarray(0, BLIND_TOKEN_BYTES).equals(token)).toBe(false);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new BlindIndex(randomBytes(16), 'people')).toThrow(/32-byte data key \(got 16\)/);
  });
});
