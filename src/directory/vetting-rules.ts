import {
  VETTING_CHECKS_BY_LEVEL,
  type VettingCheck,
  type VettingStatus,
} from '../common/vocabulary';

export type SafeguardingLevel = 0 | 1 | 2 | 3;

export interface CheckRecord {
  check: VettingCheck;
  verifiedAt: Date;
  expiresAt: Date;
}

export interface GroupState {
  suspendedAt: Date | null;
  removedAt: Date | null;
}

const LEVELS = [1, 2, 3] as const;
const DAY_MS = 86_400_000;
/** Coordinators and admins are told this long before a check lapses. */
export const EXPIRY_NOTICE_DAYS = 30;

/** A check counts while some record of it has been verified and has not yet expired. */
export function isCurrent(check: VettingCheck, records: CheckRecord[], now: Date): boolean {
  return records.some(
    (r) => r.check === check && r.verifiedAt <= now && r.expiresAt.getTime() > now.getTime(),
  );
}

/** Level n when every check of levels 1..n is current. Never typed in; always derived. */
export function deriveLevel(records: CheckRecord[], now: Date): SafeguardingLevel {
  let level: SafeguardingLevel = 0;
  for (const n of LEVELS) {
    if (!VETTING_CHECKS_BY_LEVEL[n].every((c) => isCurrent(c, records, now))) break;
    level = n;
  }
  return level;
}

/** removed > suspended > approved (level ≥ 1) > expired (a level-1 check lapsed) > pending. */
export function deriveStatus(
  group: GroupState,
  records: CheckRecord[],
  now: Date,
): { safeguardingLevel: SafeguardingLevel; vettingStatus: VettingStatus } {
  const safeguardingLevel = deriveLevel(records, now);
  const vettingStatus: VettingStatus = group.removedAt
    ? 'removed'
    : group.suspendedAt
      ? 'suspended'
      : safeguardingLevel >= 1
        ? 'approved'
        : hasLapsedLevelOneCheck(records, now)
          ? 'expired'
          : 'pending';
  return { safeguardingLevel, vettingStatus };
}

function hasLapsedLevelOneCheck(records: CheckRecord[], now: Date): boolean {
  return VETTING_CHECKS_BY_LEVEL[1].some(
    (c) =>
      !isCurrent(c, records, now) &&
      records.some((r) => r.check === c && r.expiresAt.getTime() <= now.getTime()),
  );
}

/** The latest expiry of each current check, soonest first: what will lapse next. */
export function currentExpiries(
  records: CheckRecord[],
  now: Date,
): { check: VettingCheck; expiresAt: Date }[] {
  const latest = new Map<VettingCheck, Date>();
  for (const r of records) {
    if (r.verifiedAt > now || r.expiresAt.getTime() <= now.getTime()) continue;
    const seen = latest.get(r.check);
    if (!seen || r.expiresAt > seen) latest.set(r.check, r.expiresAt);
  }
  return [...latest.entries()]
    .map(([check, expiresAt]) => ({ check, expiresAt }))
    .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
}

export function expiresWithinNoticePeriod(expiresAt: Date, now: Date): boolean {
  const left = expiresAt.getTime() - now.getTime();
  return left > 0 && left <= EXPIRY_NOTICE_DAYS * DAY_MS;
}

/** The outward code of a UK postcode ("NG7 1AA" → "NG7"), and its area letters ("NG"). */
export function outwardCode(postcode: string | null | undefined): string | null {
  if (!postcode) return null;
  const compact = postcode.replace(/\s+/g, '').toUpperCase();
  return compact.length > 3 ? compact.slice(0, -3) : null;
}

export function postcodeArea(postcode: string | null | undefined): string | null {
  const out = outwardCode(postcode) ?? postcode?.toUpperCase() ?? null;
  return out?.match(/^[A-Z]{1,2}/)?.[0] ?? null;
}

export type Proximity = 'same_district' | 'same_area' | 'further' | 'unknown';

/** Distance by postcode: same outward code first, then the same area letters. */
export function proximity(from: string | null, groupPostcode: string | null): Proximity {
  if (!from || !groupPostcode) return 'unknown';
  const a = outwardCode(from) ?? from.toUpperCase();
  const b = outwardCode(groupPostcode);
  if (a && b && a === b) return 'same_district';
  return postcodeArea(from) && postcodeArea(from) === postcodeArea(groupPostcode)
    ? 'same_area'
    : 'further';
}

export const PROXIMITY_RANK: Record<Proximity, number> = {
  same_district: 0,
  same_area: 1,
  further: 2,
  unknown: 3,
};
