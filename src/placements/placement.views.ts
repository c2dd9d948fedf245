import type {
  PlacementDeclineReason,
  PlacementEndReason,
  PlacementStatus,
} from '../common/vocabulary';
import type { Placement } from './placement.entity';

/** What the link worker (and admin) sees. */
export interface PlacementView {
  id: string;
  caseId: string;
  personId: string;
  /** The person's name, so a link worker can tell their placements apart. */
  personName: string | null;
  groupId: string;
  groupName: string | null;
  status: PlacementStatus;
  position: number | null;
  note: string | null;
  offeredAt: string | null;
  expiresAt: string | null;
  respondedAt: string | null;
  declineReason: PlacementDeclineReason | null;
  endReason: PlacementEndReason | null;
  endedAt: string | null;
  /** The group was suspended or removed since the offer: review this placement. */
  needsReview: boolean;
  createdAt: string;
  updatedAt: string;
  attendance?: AttendanceView[];
}

export interface GroupFacingInterpreter {
  language: string | null;
  dialect: string | null;
  gender: string | null;
  mode: string | null;
}

/** The person as their group may know them: nothing on migration, safeguarding, crisis or health. */
export interface GroupFacingPerson {
  givenName: string;
  phone: string | null;
  email: string | null;
  preferredContact: string | null;
  preferredLanguage: string | null;
  interpreterNeeded: boolean;
  /** What the person would like of an interpreter, when one is needed and they said: never why. */
  interpreter?: GroupFacingInterpreter;
  accessNeeds: string | null;
  whatMattersToMe: string | null;
}

/** What a group coordinator sees. A paused placement says only that it is paused. */
export interface GroupPlacementView {
  id: string;
  groupId: string;
  groupName: string | null;
  status: PlacementStatus;
  position: number | null;
  note: string | null;
  offeredAt: string | null;
  expiresAt: string | null;
  respondedAt: string | null;
  declineReason: PlacementDeclineReason | null;
  endReason: PlacementEndReason | null;
  endedAt: string | null;
  person: GroupFacingPerson;
  attendance?: AttendanceView[];
}

export interface AttendanceView {
  date: string;
  attended: boolean;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toPlacementView(
  p: Placement,
  groupName: string | null,
  personName: string | null,
): PlacementView {
  return {
    id: p.id,
    caseId: p.caseId,
    personId: p.personId,
    personName,
    groupId: p.groupId,
    groupName,
    status: p.status,
    position: p.position,
    note: p.note,
    offeredAt: iso(p.offeredAt),
    expiresAt: iso(p.expiresAt),
    respondedAt: iso(p.respondedAt),
    declineReason: p.declineReason,
    endReason: p.endReason,
    endedAt: iso(p.endedAt),
    needsReview: p.needsReview,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function toGroupPlacementView(
  p: Placement,
  groupName: string | null,
  person: GroupFacingPerson,
): GroupPlacementView {
  const paused = p.status === 'paused';
  return {
    id: p.id,
    groupId: p.groupId,
    groupName,
    status: p.status,
    position: p.position,
    note: p.note,
    offeredAt: iso(p.offeredAt),
    expiresAt: paused ? null : iso(p.expiresAt),
    respondedAt: iso(p.respondedAt),
    declineReason: p.declineReason,
    endReason: p.endReason,
    endedAt: iso(p.endedAt),
    person,
  };
}
