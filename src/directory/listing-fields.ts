import type { FieldError } from '../common/domain-error';
import type { ActivityType, DeliveryMode, NeedsDomain } from '../common/vocabulary';
import type { UpdateGroupDto } from './group.dto';
import type { AgeRange, CommunityGroup, GroupAccessibility } from './group.entity';
import { normaliseSessions, type Session } from './schedule';
import { parseScheduleText } from './schedule-text';
import { outwardCode } from './vetting-rules';

/**
 * What a group's listing claims in public: shown in search and matching, on the group page and in
 * the Open Referral feed. A coordinator's change to any of these waits for an admin's approval;
 * capacity, pausing intake and attendance are operational and change at once (placements).
 */
export interface ListingFields {
  name: string;
  description: string;
  activityTypes: ActivityType[];
  needsServed: NeedsDomain[];
  languages: string[];
  /** Where it meets: the venue's postcode and whether it meets in person, remotely or both. */
  postcode: string | null;
  deliveryMode: DeliveryMode;
  accessibility: GroupAccessibility;
  /** When it meets, as sessions search can use; what cannot be said so is in the notes. */
  sessions: Session[];
  scheduleNotes: string | null;
  cost: string | null;
  /** Who it is for (published as HSDS minimum_age and maximum_age). */
  ageRange: AgeRange | null;
}

export type ListingField = keyof ListingFields;

/** In the order the group page shows them, with the words it uses. */
export const LISTING_FIELD_LABELS: Record<ListingField, string> = {
  name: 'Name',
  description: 'What happens',
  activityTypes: 'Activities',
  needsServed: 'Helps with',
  languages: 'Languages',
  deliveryMode: 'Delivery',
  postcode: 'Postcode',
  accessibility: 'Access',
  sessions: 'When it meets',
  scheduleNotes: 'More about when',
  cost: 'Cost',
  ageRange: 'Ages',
};
export const LISTING_FIELDS = Object.keys(LISTING_FIELD_LABELS) as ListingField[];

export function listingFieldsOf(g: CommunityGroup, sessions: Session[]): ListingFields {
  return {
    name: g.name,
    description: g.description,
    activityTypes: g.activityTypes,
    needsServed: g.needsServed,
    languages: g.languages,
    postcode: g.postcode,
    deliveryMode: g.deliveryMode,
    accessibility: g.accessibility,
    sessions,
    scheduleNotes: g.scheduleNotes,
    cost: g.cost,
    ageRange: g.ageRange,
  };
}

/**
 * The listing fields an edit sets, as they are stored: lists without repeats, blanks as null, and
 * a partial accessibility laid over `base` (what the listing says, or would say once a change
 * still waiting is approved).
 */
export function listingFieldsFrom(
  input: UpdateGroupDto,
  base: Pick<ListingFields, 'accessibility'>,
): Partial<ListingFields> {
  const out: Partial<ListingFields> = {};
  if (input.name !== undefined) out.name = input.name;
  if (input.description !== undefined) out.description = input.description;
  if (input.activityTypes !== undefined) out.activityTypes = [...new Set(input.activityTypes)];
  if (input.needsServed !== undefined) out.needsServed = [...new Set(input.needsServed)];
  if (input.languages !== undefined) out.languages = [...new Set(input.languages)];
  if (input.postcode !== undefined) out.postcode = input.postcode || null;
  if (input.deliveryMode !== undefined) out.deliveryMode = input.deliveryMode;
  if (input.accessibility)
    out.accessibility = accessibilityOf({
      ...base.accessibility,
      ...definedOnly(input.accessibility),
    });
  if (input.schedule !== undefined) {
    const written = parseScheduleText(input.schedule);
    out.sessions = written.sessions;
    out.scheduleNotes = written.notes;
  }
  if (input.sessions !== undefined)
    out.sessions = normaliseSessions(
      input.sessions.map((x) => ({
        weekday: x.weekday,
        start: x.start,
        end: x.end || null,
        recurrence: x.recurrence ?? 'weekly',
      })),
    );
  if (input.scheduleNotes !== undefined) out.scheduleNotes = input.scheduleNotes || null;
  if (input.cost !== undefined) out.cost = input.cost || null;
  if (input.ageRange !== undefined)
    out.ageRange = input.ageRange
      ? { min: input.ageRange.min ?? null, max: input.ageRange.max ?? null }
      : null;
  return out;
}

/** Only the fields whose value differs from the listing's. */
export function changedFields(
  current: ListingFields,
  proposed: Partial<ListingFields>,
): Partial<ListingFields> {
  const out: Partial<ListingFields> = {};
  for (const field of LISTING_FIELDS) {
    if (!(field in proposed) || proposed[field] === undefined) continue;
    if (!sameValue(current[field], proposed[field]))
      Object.assign(out, { [field]: proposed[field] });
  }
  return out;
}

/**
 * Sets the fields on the group (a new postcode also sets its area). Sessions are rows of their
 * own: they are returned, when they change, for the caller to save with the group.
 */
export function applyListingFields(
  group: CommunityGroup,
  fields: Partial<ListingFields>,
): Session[] | undefined {
  const { sessions, ...columns } = fields;
  Object.assign(group, columns);
  if (fields.postcode !== undefined) group.area = outwardCode(fields.postcode);
  return sessions;
}

/**
 * What a DTO cannot check about the schedule: a free-text `schedule` is read into sessions and
 * notes, so it cannot come with them; and a session ends after it starts.
 */
export function scheduleProblems(input: UpdateGroupDto): FieldError[] {
  const problems: FieldError[] = [];
  if (
    input.schedule !== undefined &&
    (input.sessions !== undefined || input.scheduleNotes !== undefined)
  )
    problems.push({
      field: 'schedule',
      message: 'cannot be given with sessions or scheduleNotes: give one or the other',
    });
  (input.sessions ?? []).forEach((x, i) => {
    if (x.end && x.start && x.end <= x.start)
      problems.push({ field: `sessions.${i}.end`, message: 'must be after the start time' });
  });
  return problems;
}

/**
 * Values as JSON holds them, so stored and fresh values compare alike. Lists of codes are sets:
 * ticking the same activities in another order changes nothing.
 */
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v))
    return v.every((x) => typeof x === 'string') ? [...(v as string[])].sort() : v.map(canonical);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  return v ?? null;
}

/** DTO instances carry declared-but-absent fields as undefined; a partial edit must skip them. */
export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function accessibilityOf(a: Partial<GroupAccessibility> | undefined): GroupAccessibility {
  return {
    childcare: a?.childcare ?? false,
    travelSupport: a?.travelSupport ?? false,
    stepFree: a?.stepFree ?? false,
    womenOnly: a?.womenOnly ?? false,
    interpreters: a?.interpreters ?? false,
  };
}
