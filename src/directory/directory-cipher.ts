import { createEncryptedColumnTransformer, type FieldCipher } from '../common/crypto/field-cipher';

let cipher: FieldCipher | undefined;

/** Set once at start-up by DirectoryModule, from the configured data encryption key. */
export function useDirectoryCipher(c: FieldCipher): void {
  cipher = c;
}

/** For incident descriptions, which may name people: sealed before they reach the database. */
export const encryptedText = createEncryptedColumnTransformer(() => {
  if (!cipher) throw new Error('The directory cipher is not configured yet');
  return cipher;
});
