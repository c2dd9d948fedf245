import { createEncryptedColumnTransformer, type FieldCipher } from '../common/crypto/field-cipher';

let cipher: FieldCipher | undefined;

/** Set once at start-up by CaseworkModule, from the configured data encryption key. */
export function useCaseworkCipher(c: FieldCipher): void {
  cipher = c;
}

/**
 * For notes about safeguarding, immigration and crisis: sealed before they reach the database,
 * so a dump or backup does not reveal them.
 */
export const encryptedText = createEncryptedColumnTransformer(() => {
  if (!cipher) throw new Error('The casework cipher is not configured yet');
  return cipher;
});
