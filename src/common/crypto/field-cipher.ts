import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Thrown when a token is malformed, was altered, or was sealed with another key. */
export class FieldCipherError extends Error {
  override readonly name = 'FieldCipherError';
}

/**
 * Application-level encryption of sensitive free text (AES-256-GCM), so that notes stay
 * unreadable in backups, replicas and database dumps. Tokens read
 * `v1:<iv base64>:<tag base64>:<ciphertext base64>`; the version leaves room for key rotation.
 * Each call uses a fresh random IV, so equal notes give different tokens and encrypted
 * columns cannot be searched or compared in SQL.
 */
export class FieldCipher {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) {
      throw new FieldCipherError(`FieldCipher needs a ${KEY_BYTES}-byte key (got ${key.length})`);
    }
    this.#key = Buffer.from(key);
  }

  /** For `DATA_ENCRYPTION_KEY`, which holds the key in base64. */
  static fromBase64(key: string): FieldCipher {
    return new FieldCipher(Buffer.from(key, 'base64'));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, iv, tag, ciphertext].map((p) => p.toString('base64')).join(':');
  }

  decrypt(token: string): string {
    const [iv, tag, ciphertext] = parseToken(token);
    const decipher = createDecipheriv(ALGORITHM, this.#key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldCipherError(
        'Encrypted value failed authentication: it was altered or sealed with another key',
      );
    }
  }

  encryptNullable(plain: string | null | undefined): string | null {
    return plain === null || plain === undefined ? null : this.encrypt(plain);
  }

  decryptNullable(token: string | null | undefined): string | null {
    return token === null || token === undefined ? null : this.decrypt(token);
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function parseToken(token: string): [iv: Buffer, tag: Buffer, ciphertext: Buffer] {
  const parts = token.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION) {
    throw new FieldCipherError(`Not an encrypted value of version ${VERSION}`);
  }
  if (!parts.slice(1).every((p) => BASE64.test(p))) {
    throw new FieldCipherError('Encrypted value is not valid base64');
  }
  const [iv, tag, ciphertext] = parts.slice(1).map((p) => Buffer.from(p, 'base64'));
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new FieldCipherError('Encrypted value has a malformed IV or authentication tag');
  }
  return [iv, tag, ciphertext];
}

/** Structurally a TypeORM `ValueTransformer`, without importing TypeORM here. */
export interface EncryptedColumnTransformer {
  to(value: string | null | undefined): string | null | undefined;
  from(value: string | null | undefined): string | null;
}

/**
 * Use as `@Column({ type: 'text', nullable: true, transformer: ... })`. The cipher is fetched
 * on each use because entity decorators run at import time, before configuration has
 * supplied the key.
 */
export function createEncryptedColumnTransformer(
  getCipher: () => FieldCipher,
): EncryptedColumnTransformer {
  return {
    // undefined means "not being set" on save, so it must stay undefined rather than become null.
    to: (value) => (value === undefined ? undefined : getCipher().encryptNullable(value)),
    from: (value) => getCipher().decryptNullable(value),
  };
}
