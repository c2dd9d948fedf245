import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { conflict } from '../common/domain-error';
import { PlacementPortService } from '../directory/placement-port.service';
import {
  PLACEMENT_ROW_COLUMNS,
  PlacementPublisher,
  type PlacementRow,
} from './placement-publisher';
import { isoWeekOf, returning } from './sql';
import { acrossServices } from '../services/scoped-transactions';

export interface CapacityRow {
  group_id: string;
  places: number;
  weekly_intake_limit: number | null;
  waitlist_enabled: boolean;
  intake_paused: boolean;
  offer_expiry_days: number;
  reserved: number;
  waitlist_length: number;
}

export type Admission =
  { kind: 'offered'; expiresAt: Date } | { kind: 'waitlisted'; position: number };

const DAY_MS = 86400_000;

/**
 * Takes a place only while one is free and intake is open, in one statement, so concurrent
 * offers (from any number of app instances) cannot overfill a group; the CHECK on
 * group_capacity backs it up. New offers queue behind an existing waitlist.
 */
const RESERVE_PLACE = `
  UPDATE group_capacity SET reserved = reserved + 1, updated_at = now()
   WHERE group_id = $1 AND reserved < places AND NOT intake_paused
     AND (NOT waitlist_enabled OR waitlist_length = 0)
  RETURNING weekly_intake_limit, offer_expiry_days`;

/**
 * Counts one more offer this week, only while under the limit. Offers are counted even while no
 * limit is set, so a limit set mid-week applies to the offers already made that week.
 */
const TAKE_WEEKLY_SLOT = `
  INSERT INTO group_weekly_intake (group_id, iso_week, n)
  SELECT $1, $2, 1 WHERE $3::int IS NULL OR $3::int >= 1
  ON CONFLICT (group_id, iso_week) DO UPDATE SET n = group_weekly_intake.n + 1
   WHERE $3::int IS NULL OR group_weekly_intake.n < $3::int
  RETURNING n`;

const capacityFull = (detail: string) => conflict('capacity_full', detail);

/**
 * The counting side of placements: reserving and releasing places, the weekly intake counter and
 * the waitlist. Every method runs inside the caller's transaction. Lock order, to keep
 * transactions from deadlocking: the group_capacity row first, then placement rows.
 */
@Injectable()
export class IntakeService {
  constructor(
    private readonly directory: PlacementPortService,
    private readonly publisher: PlacementPublisher,
    private readonly audit: AuditService,
  ) {}

  /** Locks the group's capacity row (for waitlist order and releases); undefined if never set. */
  async lock(em: EntityManager, groupId: string): Promise<CapacityRow | undefined> {
    const rows = await returning<CapacityRow>(
      em,
      'SELECT * FROM group_capacity WHERE group_id = $1 FOR UPDATE',
      [groupId],
    );
    return rows[0];
  }

  /** Reserves a place for a new offer, or puts it on the waitlist, or refuses with capacity_full. */
  async admit(em: EntityManager, groupId: string, now: Date): Promise<Admission> {
    const reserved = await this.tryReserve(em, groupId, now);
    if (reserved) return reserved;
    const cap = await this.lock(em, groupId);
    if (!cap || cap.places === 0) throw capacityFull('This group has no places at the moment');
    if (cap.intake_paused) throw capacityFull('This group has paused its intake');
    const queueAhead = cap.waitlist_enabled && cap.waitlist_length > 0;
    if (cap.reserved < cap.places && !queueAhead) {
      // A place was freed between the first attempt and the lock; we hold the row now.
      const retried = await this.tryReserve(em, groupId, now);
      if (retried) return retried;
    }
    if (!cap.waitlist_enabled)
      throw capacityFull("All of this group's places are taken and it keeps no waitlist");
    const [{ waitlist_length }] = await returning<{ waitlist_length: number }>(
      em,
      `UPDATE group_capacity SET waitlist_length = waitlist_length + 1, updated_at = now()
        WHERE group_id = $1 RETURNING waitlist_length`,
      [groupId],
    );
    return { kind: 'waitlisted', position: waitlist_length };
  }

  private async tryReserve(
    em: EntityManager,
    groupId: string,
    now: Date,
  ): Promise<Admission | undefined> {
    const rows = await returning<{ weekly_intake_limit: number | null; offer_expiry_days: number }>(
      em,
      RESERVE_PLACE,
      [groupId],
    );
    if (!rows.length) return undefined;
    if (!(await this.takeWeeklySlot(em, groupId, rows[0].weekly_intake_limit, now))) {
      // Throwing rolls the whole offer back, including the place reserved above.
      throw capacityFull('This group has reached its weekly intake limit');
    }
    return {
      kind: 'offered',
      expiresAt: new Date(now.getTime() + rows[0].offer_expiry_days * DAY_MS),
    };
  }

  private async takeWeeklySlot(
    em: EntityManager,
    groupId: string,
    limit: number | null,
    now: Date,
  ): Promise<boolean> {
    const rows = await returning(em, TAKE_WEEKLY_SLOT, [groupId, isoWeekOf(now), limit]);
    return rows.length > 0;
  }

  /** Gives back places (the caller has locked the capacity row and ended the placements). */
  async release(em: EntityManager, groupId: string, count = 1): Promise<void> {
    await em.query(
      `UPDATE group_capacity SET reserved = reserved - $2, updated_at = now() WHERE group_id = $1`,
      [groupId, count],
    );
  }

  /** Takes a waitlisted placement off the list and closes the gap behind it (capacity row locked). */
  async leaveWaitlist(em: EntityManager, groupId: string, position: number): Promise<void> {
    await em.query(
      `UPDATE group_capacity SET waitlist_length = waitlist_length - 1, updated_at = now()
        WHERE group_id = $1`,
      [groupId],
    );
    await acrossServices(em, () => this.closeGap(em, groupId, position));
  }

  /**
   * Positions after `position` move up by one. Two steps, because a unique index keeps positions
   * distinct and PostgreSQL checks it row by row: shift the tail out of the way, then back.
   */
  private async closeGap(em: EntityManager, groupId: string, position: number): Promise<void> {
    await em.query(
      `UPDATE placement SET position = position + 1000000
        WHERE group_id = $1 AND status = 'waitlisted' AND position > $2`,
      [groupId, position],
    );
    await em.query(
      `UPDATE placement SET position = position - 1000001
        WHERE group_id = $1 AND status = 'waitlisted' AND position > 1000000`,
      [groupId],
    );
  }

  /**
   * Offers free places to the head of the waitlist, one by one, while places are free, intake is
   * open, this week's limit allows and the group is still offerable. The capacity row must be
   * locked by the caller. Returns the ids of the placements now offered. The waitlist is one queue
   * across services, so this sees every service's placements whoever frees the place.
   */
  fillFromWaitlist(
    em: EntityManager,
    groupId: string,
    now: Date,
    actorId: string | null,
  ): Promise<string[]> {
    return acrossServices(em, () => this.promoteFromWaitlist(em, groupId, now, actorId));
  }

  private async promoteFromWaitlist(
    em: EntityManager,
    groupId: string,
    now: Date,
    actorId: string | null,
  ): Promise<string[]> {
    const promoted: string[] = [];
    let offerable: boolean | undefined;
    for (;;) {
      const cap = await this.lock(em, groupId);
      if (!cap || cap.intake_paused || cap.reserved >= cap.places || cap.waitlist_length === 0)
        break;
      offerable ??= (await this.directory.groupForPlacement(groupId, em)).offerable;
      if (!offerable) break;
      const [head] = await returning<PlacementRow>(
        em,
        `SELECT ${PLACEMENT_ROW_COLUMNS} FROM placement
          WHERE group_id = $1 AND status = 'waitlisted' ORDER BY position LIMIT 1 FOR UPDATE`,
        [groupId],
      );
      if (!head) break;
      if (!(await this.takeWeeklySlot(em, groupId, cap.weekly_intake_limit, now))) break;
      const expiresAt = new Date(now.getTime() + cap.offer_expiry_days * DAY_MS);
      await em.query(
        `UPDATE placement SET status = 'offered', position = NULL, offered_at = $2, expires_at = $3,
                reminder_sent_at = NULL, updated_at = now()
          WHERE id = $1`,
        [head.id, now, expiresAt],
      );
      await em.query(
        `UPDATE group_capacity SET reserved = reserved + 1, waitlist_length = waitlist_length - 1,
                updated_at = now()
          WHERE group_id = $1`,
        [groupId],
      );
      await this.closeGap(em, groupId, 1);
      await this.audit.record(
        {
          actorId,
          action: 'offer_from_waitlist',
          entity: 'placement',
          entityId: head.id,
          subjectId: head.person_id,
        },
        em,
      );
      await this.publisher.publishRow(
        { ...head, status: 'offered', position: null },
        'offered_from_waitlist',
        em,
        { by: 'system' },
      );
      promoted.push(head.id);
    }
    return promoted;
  }
}
