/**
 * Email addresses and phone numbers as the outbox keeps, shows and sends them.
 */

/** Shows enough of an address to recognise it, not enough to use it: `s•••@example.org`, `•••••••123`. */
export function maskAddress(address: string | null): string {
  if (!address) return '(removed)';
  const at = address.indexOf('@');
  if (at > 0) return `${address[0]}•••@${address.slice(at + 1)}`;
  const digits = address.replace(/\D/g, '');
  return `•••••••${digits.slice(-3)}`;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export const isEmailAddress = (value: string) => EMAIL.test(value.trim());

/**
 * A UK mobile number as Notify takes it (+447…), or undefined when the number is not a UK
 * mobile: a landline cannot receive a text. Spaces, dashes and brackets are ignored.
 */
export function ukMobile(phone: string | null | undefined): string | undefined {
  if (!phone) return undefined;
  const compact = phone.replace(/[\s\-().]/g, '');
  const national = compact.startsWith('+44')
    ? `0${compact.slice(3)}`
    : compact.startsWith('0044')
      ? `0${compact.slice(4)}`
      : compact;
  return /^07\d{9}$/.test(national) ? `+44${national.slice(1)}` : undefined;
}
