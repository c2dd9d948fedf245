import type { Response } from 'supertest';
import type { Role } from '../../src/common/vocabulary';
import {
  GROUP_SENSITIVE_KEYS,
  MARKERS,
  SENSITIVE_CODES,
  SENSITIVE_KEYS,
  type MatrixWorld,
} from './matrix-world';

/** Roles that must never see the case file: what to search their responses for. */
export type OutsideRole = Extract<Role, 'group_coordinator' | 'referrer' | 'commissioner'>;
export const OUTSIDE_ROLES: OutsideRole[] = ['group_coordinator', 'referrer', 'commissioner'];

const humanise = (code: string) => code.replace(/_/g, ' ');

/**
 * Who is searched for leaks: the roles that never see a case file, nobody signed in, a link
 * worker who is not the case's (once a referral is another worker's case, they keep its
 * reference and status only), the team lead of the case's service (who reads the case but never
 * its immigration, safeguarding, crisis or health detail), and anyone of another service.
 */
export type LeakAudience =
  OutsideRole | 'anonymous' | 'other_link_worker' | 'team_lead' | 'other_service';

/** What a team lead of the case's own service must never read: the sensitive detail. */
const SENSITIVE_MARKERS = [
  MARKERS.safeguardingNote,
  MARKERS.crisisNote,
  MARKERS.immigrationNote,
  MARKERS.healthNote,
  MARKERS.mentalHealthNote,
  // The world's onward referral is to immigration advice, which a team lead is not shown.
  MARKERS.onwardReason,
];

/** Strings that must not appear anywhere in a response to this role (or to nobody signed in). */
export function forbiddenStrings(world: MatrixWorld, role: LeakAudience): string[] {
  // Codes are their vocabulary too (a validation message lists them); the world's strings are not.
  if (role === 'other_link_worker') return Object.values(MARKERS);
  if (role === 'other_service') return [...Object.values(MARKERS), ...SENSITIVE_CODES];
  if (role === 'team_lead') {
    return [...SENSITIVE_MARKERS, ...SENSITIVE_CODES.flatMap((c) => [c, humanise(c)])];
  }
  const strings: string[] = Object.values(MARKERS).filter((m) => m !== MARKERS.familyName);
  // The message back to the referrer names the patient; nobody else outside the case hears it.
  if (role !== 'referrer') strings.push(MARKERS.familyName);
  if (role === 'commissioner' || role === 'anonymous') strings.push('Selamawit');
  // A redirect to sign in repeats the URL asked for, so ids are searched for in answers to users.
  if (role === 'commissioner') strings.push(world.personId, world.caseId);
  // Aggregates may name a migrant status as a (suppressed) row; never a person.
  if (role !== 'commissioner') {
    for (const code of SENSITIVE_CODES) strings.push(code, humanise(code));
  }
  return strings;
}

function keysOf(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

/** What in the response this role should not have seen; empty when nothing leaked. */
export function leaksIn(res: Response, world: MatrixWorld, role: LeakAudience): string[] {
  const text = res.text ?? JSON.stringify(res.body ?? '');
  const lower = text.toLowerCase();
  const found = forbiddenStrings(world, role).filter((s) => lower.includes(s.toLowerCase()));
  const isJson = /json/.test(String(res.headers['content-type'] ?? ''));
  // Staff's own views carry these keys; for them only the world's strings are searched.
  const staff: LeakAudience[] = ['commissioner', 'other_link_worker', 'team_lead', 'other_service'];
  if (isJson && !staff.includes(role)) {
    const keys = keysOf(res.body, new Set());
    const sensitive: readonly string[] =
      role === 'group_coordinator' ? [...SENSITIVE_KEYS, ...GROUP_SENSITIVE_KEYS] : SENSITIVE_KEYS;
    found.push(...sensitive.filter((k) => keys.has(k)).map((k) => `key "${k}"`));
  }
  return found;
}
