import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import {
  CASE_CLOSED,
  CASE_PLACEMENTS_PAUSE,
  CASE_PLACEMENTS_RESUME,
  CASES_REASSIGNED,
  type CaseClosedEvent,
  type CaseEvent,
  type CasesReassignedEvent,
} from '../casework/casework.events';
import {
  PLACEMENT_END_REASONS,
  type PlacementEndReason,
  type PlacementStatus,
} from '../common/vocabulary';
import { GROUP_SUSPENDED, type GroupSuspendedEvent } from '../directory/directory.ports';
import { IntakeService } from './intake.service';
import {
  PLACEMENT_ROW_COLUMNS,
  PlacementPublisher,
  type PlacementRow,
} from './placement-publisher';
import { returning } from './sql';
import { acrossServices } from '../services/scoped-transactions';

interface Affected extends PlacementRow {
  status: PlacementStatus;
}

/**
 * What casework and directory events do to placements. Each handler runs inside the publisher's
 * transaction (its EntityManager), and errors are not suppressed, so the crisis, the closure or
 * the suspension and its effect on placements commit or roll back together.
 */
@Injectable()
export class PlacementEventsService {
  constructor(
    private readonly intake: IntakeService,
    private readonly publisher: PlacementPublisher,
    private readonly audit: AuditService,
  ) {}

  /** A crisis: offered and accepted placements pause and keep their places. */
  @OnEvent(CASE_PLACEMENTS_PAUSE, { suppressErrors: false })
  async pauseForCase(event: CaseEvent): Promise<void> {
    const paused = await returning<Affected>(
      event.manager,
      `UPDATE placement SET status_before_pause = status, status = 'paused', updated_at = now()
        WHERE case_id = $1 AND status IN ('offered','accepted')
      RETURNING ${PLACEMENT_ROW_COLUMNS}`,
      [event.caseId],
    );
    for (const p of paused) {
      await this.record(event.manager, event.actorId, 'pause', p);
      await this.publisher.publishRow(p, 'paused', event.manager, { by: 'case' });
    }
  }

  /** The crisis is resolved: paused placements return to what they were; offers get a fresh expiry. */
  @OnEvent(CASE_PLACEMENTS_RESUME, { suppressErrors: false })
  async resumeForCase(event: CaseEvent): Promise<void> {
    const resumed = await returning<Affected>(
      event.manager,
      `UPDATE placement p
          SET status = p.status_before_pause, status_before_pause = NULL, reminder_sent_at = NULL,
              expires_at = CASE WHEN p.status_before_pause = 'offered'
                                THEN now() + make_interval(days => c.offer_expiry_days)
                                ELSE p.expires_at END,
              updated_at = now()
         FROM group_capacity c
        WHERE c.group_id = p.group_id AND p.case_id = $1 AND p.status = 'paused'
      RETURNING p.id, p.case_id, p.person_id, p.group_id, p.group_organisation_id, p.link_worker_id,
                p.status, p.position`,
      [event.caseId],
    );
    for (const p of resumed) {
      await this.record(event.manager, event.actorId, 'resume', p);
      await this.publisher.publishRow(p, 'resumed', event.manager, { by: 'case' });
    }
  }

  /** The case closed: its placements end (freeing their places) and waitlist places are withdrawn. */
  @OnEvent(CASE_CLOSED, { suppressErrors: false })
  async closeForCase(event: CaseClosedEvent): Promise<void> {
    const em = event.manager;
    const reason: PlacementEndReason = (PLACEMENT_END_REASONS as readonly string[]).includes(
      event.reason,
    )
      ? (event.reason as PlacementEndReason)
      : 'other';
    const groups = await returning<{ group_id: string }>(
      em,
      `SELECT DISTINCT group_id FROM placement
        WHERE case_id = $1 AND status IN ('offered','accepted','paused','waitlisted')
        ORDER BY group_id`,
      [event.caseId],
    );
    const now = new Date();
    for (const { group_id } of groups) {
      await this.intake.lock(em, group_id);
      const open = await returning<Affected>(
        em,
        `SELECT ${PLACEMENT_ROW_COLUMNS}
           FROM placement
          WHERE case_id = $1 AND group_id = $2
            AND status IN ('offered','accepted','paused','waitlisted')
          FOR UPDATE`,
        [event.caseId, group_id],
      );
      for (const p of open) {
        const waitlisted = p.status === 'waitlisted';
        await em.query(
          `UPDATE placement SET status = $2, position = NULL, status_before_pause = NULL,
                  end_reason = $3, ended_at = $4, updated_at = now()
            WHERE id = $1`,
          [p.id, waitlisted ? 'withdrawn' : 'ended', reason, now],
        );
        if (waitlisted) await this.intake.leaveWaitlist(em, group_id, p.position!);
        else await this.intake.release(em, group_id);
        await this.record(em, event.actorId, waitlisted ? 'withdraw' : 'end', p);
        await this.publisher.publishRow(
          { ...p, status: waitlisted ? 'withdrawn' : 'ended' },
          waitlisted ? 'withdrawn_with_case' : 'ended_with_case',
          em,
          { by: 'case', reason },
        );
      }
      await this.intake.fillFromWaitlist(em, group_id, now, event.actorId);
    }
  }

  /**
   * Cases changed link worker: their placements follow, past ones too, so the new link worker sees
   * the history and hears from groups from now on. Groups are not told: nothing changes for them.
   */
  @OnEvent(CASES_REASSIGNED, { suppressErrors: false })
  async followReassignedCases(event: CasesReassignedEvent): Promise<void> {
    await event.manager.query(
      `UPDATE placement SET link_worker_id = $2, updated_at = now()
        WHERE case_id = ANY($1::uuid[]) AND link_worker_id <> $2`,
      [event.caseIds, event.toLinkWorkerId],
    );
  }

  /**
   * The group is suspended or removed: its link workers, of every service, are asked to review
   * open placements.
   */
  @OnEvent(GROUP_SUSPENDED, { suppressErrors: false })
  async flagGroupPlacements(event: GroupSuspendedEvent): Promise<void> {
    const flagged = await acrossServices(event.manager, () =>
      returning<Affected>(
        event.manager,
        `UPDATE placement SET needs_review = true, updated_at = now()
          WHERE group_id = $1 AND status IN ('offered','accepted','paused','waitlisted')
        RETURNING ${PLACEMENT_ROW_COLUMNS}`,
        [event.groupId],
      ),
    );
    for (const p of flagged) {
      await this.record(event.manager, event.actorId, 'flag_for_review', p);
      await this.publisher.publishRow(p, 'group_suspended', event.manager, { by: 'system' });
    }
  }

  private async record(em: EntityManager, actorId: string, action: string, p: Affected) {
    await this.audit.record(
      { actorId, action, entity: 'placement', entityId: p.id, subjectId: p.person_id },
      em,
    );
  }
}
