import type { Request } from 'express';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { humanLabel } from '../common/views/labels';

/** What the placement pages read from a posted form (strings only) and give their radios. */
export type Form = Record<string, unknown>;
export const actorOf = (req: Request) => req.user as AuthenticatedUser;
export const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
export const bool = (v: unknown) => (v === 'true' ? true : v === 'false' ? false : v);
export const int = (v: unknown) =>
  typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
export const choices = (codes: readonly string[]) =>
  codes.map((c) => ({ value: c, text: humanLabel(c) }));
export const YES_NO_BOOL = [
  { value: 'true', text: 'Yes' },
  { value: 'false', text: 'No' },
];
