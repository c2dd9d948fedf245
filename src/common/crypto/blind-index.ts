import { createHmac, hkdfSync } from 'node:crypto';

const KEY_BYTES = 32;
/** 128 bits: no collisions in practice, half the index of a full SHA-256. */
export const BLIND_TOKEN_BYTES = 16;

/**
 * A keyed blind index: HMAC-SHA-256 tokens of normalised values, so that an encrypted column can
 * still be matched for equality in SQL without being decrypted. The key is derived from the data
 * encryption key (HKDF, with its own label), so it is never the key that seals the values, and
 * without it a token cannot be computed from a guessed value. What tokens do reveal is equality:
 * rows with the same token hold the same normalised value. Each token is bound to its `kind`, so
 * equal text in two kinds of field gives unrelated tokens.
 */
export class BlindIndex {
  readonly #key: Buffer;

  constructor(dataKey: Buffer, label: string) {
    if (dataKey.length !== KEY_BYTES) {
      throw new Error(`BlindIndex needs a ${KEY_BYTES}-byte data key (got ${dataKey.length})`);
    }
    this.#key = Buffer.from(hkdfSync('sha256', dataKey, 'linkway blind index', label, KEY_BYTES));
  }

  /** The token of one already normalised value of one kind. */
  token(kind: string, value: string): Buffer {
    return createHmac('sha256', this.#key)
      .update(kind)
      .update('\u0000')
      .update(value)
      .digest()
      .subarray(0, BLIND_TOKEN_BYTES);
  }
}
