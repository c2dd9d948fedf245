import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { CaseworkService } from '../casework/casework.service';
import { conflict, invalid, notFound } from '../common/domain-error';
import { decodeCursor, toPage, type Page } from '../common/http/pagination';
import type {
  PlacementDeclineReason,
  PlacementEndReason,
  PlacementStatus,
} from '../common/vocabulary';
import { PlacementPortService } from '../directory/placement-port.service';
import { IntakeService } from './intake.service';
import { PlacementPublisher } from './placement-publisher';
import type { PlacementChange } from './placements.events';
import {
  canChangePlacement,
  canSeePlacement,
  isCaseSide,
  isGroupSide,
  placementListScope,
} from './placement-access';
import { Placement, PlacementAttendance } from './placement.entity';
import type { AcceptPlacementDto, AttendanceDto, OfferPlacementDto } from './placement.dto';
import {
  toGroupPlacementView,
  toPlacementView,
  type GroupFacingPerson,
  type GroupPlacementView,
  type PlacementView,
} from './placement.views';
import { isUniqueViolation } from './sql';
import { ukDate } from '../common/uk-date';
import { ScopedTransactions } from '../services/scoped-transactions';

export const OPEN_STATUSES: PlacementStatus[] = ['offered', 'accepted', 'paused', 'waitlisted'];
const RESERVING: PlacementStatus[] = ['offered', 'accepted', 'paused'];

export type AnyPlacementView = PlacementView | GroupPlacementView;

export interface PlacementQuery {
  limit: number;
  cursor?: string;
  status?: PlacementStatus;
  groupId?: string;
  caseId?: string;
}

const wrongState = (p: Placement, action: string) =>
  conflict('invalid_transition', `This placement is ${p.status}, so it cannot be ${action}`);

@Injectable()
export class PlacementsService {
  constructor(
    @InjectRepository(Placement) private readonly placements: Repository<Placement>,
    private readonly casework: CaseworkService,
    private readonly directory: PlacementPortService,
    private readonly intake: IntakeService,
    private readonly publisher: PlacementPublisher,
    private readonly audit: AuditService,
    private readonly scoped: ScopedTransactions,
  ) {}

  /** Data protection: the ids of a person's placements, inside the caller's transaction. */
  async placementIdsOf(personId: string, em: EntityManager): Promise<string[]> {
    const rows = await em.find(Placement, { where: { personId }, select: { id: true } });
    return rows.map((p) => p.id);
  }

  private load(id: string, actor: AuthenticatedUser): Promise<Placement> {
    return this.scoped.forActor(actor, (em) => em.findOneByOrFail(Placement, { id }));
  }

  // ---- offers --------------------------------------------------------------------------------

  /**
   * Offers the case's person a place, or a waitlist position, in one transaction. Checked in
   * this order: the case is open, consent to share, the group is offerable, its safeguarding
   * level, then capacity.
   */
  async offer(
    caseId: string,
    input: OfferPlacementDto,
    actor: AuthenticatedUser,
  ): Promise<AnyPlacementView> {
    const now = new Date();
    try {
      const id = await this.scoped.forActor(actor, async (em) => {
        const profile = await this.casework.matchingProfile(caseId, actor, em);
        if (!isCaseSide(actor, profile)) throw notFound('Case');
        if (profile.status !== 'open')
          throw conflict('case_closed', 'This case is closed, so no place can be offered');
        if (!profile.consentToShare)
          throw invalid(
            'consent_to_share_missing',
            'The person has not agreed to their details being shared with community groups',
          );
        const group = await this.directory.groupForPlacement(input.groupId, em);
        if (!group.offerable)
          throw conflict(
            'group_not_offerable',
            `This group cannot take offers. ${group.notOfferableReason ?? `Its vetting status is ${group.vettingStatus}.`}`,
          );
        if (group.safeguardingLevel < profile.requiredLevel)
          throw invalid(
            'safeguarding_level_insufficient',
            `This person needs a group vetted to safeguarding level ${profile.requiredLevel}; this group is at level ${group.safeguardingLevel}`,
          );
        const open = await em.exists(Placement, {
          where: OPEN_STATUSES.map((status) => ({ caseId, groupId: group.id, status })),
        });
        if (open) throw alreadyOpen();

        const admission = await this.intake.admit(em, group.id, now);
        const placement = em.create(Placement, {
          caseId,
          personId: profile.personId,
          linkWorkerId: profile.linkWorkerId,
          groupId: group.id,
          groupOrganisationId: group.organisationId,
          status: admission.kind,
          position: admission.kind === 'waitlisted' ? admission.position : null,
          offeredAt: admission.kind === 'offered' ? now : null,
          expiresAt: admission.kind === 'offered' ? admission.expiresAt : null,
          note: input.note?.trim() || null,
          createdBy: actor.id,
        });
        await em.insert(Placement, placement);
        await this.audit.record(
          {
            actorId: actor.id,
            action: admission.kind === 'offered' ? 'offer' : 'waitlist',
            entity: 'placement',
            entityId: placement.id,
            subjectId: profile.personId,
            detail: { groupId: group.id },
          },
          em,
        );
        await this.publish(placement, admission.kind, em, { by: 'case' });
        return placement.id;
      });
      return this.viewForActor(await this.load(id, actor), actor);
    } catch (e) {
      if (isUniqueViolation(e, 'IDX_placement_one_open_per_case_group')) throw alreadyOpen();
      throw e;
    }
  }

  // ---- reading -------------------------------------------------------------------------------

  async list(actor: AuthenticatedUser, query: PlacementQuery): Promise<Page<AnyPlacementView>> {
    const scope = placementListScope(actor);
    if (scope === 'none') return { items: [], nextCursor: null };
    return this.scoped.forActor(actor, (em) => this.page(em, query, actor, scope));
  }

  /** A case's placements, for its link worker (or an admin). */
  async historyForCase(
    caseId: string,
    actor: AuthenticatedUser,
    query: PlacementQuery,
  ): Promise<Page<AnyPlacementView>> {
    return this.scoped.forActor(actor, async (em) => {
      await this.casework.caseForActor(caseId, actor, em);
      return this.page(em, { ...query, caseId }, actor, {});
    });
  }

  private async page(
    em: EntityManager,
    query: PlacementQuery,
    actor: AuthenticatedUser,
    scope: { linkWorkerId?: string; groupOrganisationId?: string },
  ): Promise<Page<AnyPlacementView>> {
    const cursor = decodeCursor(query.cursor);
    const qb = em
      .createQueryBuilder(Placement, 'p')
      .orderBy('p.createdAt', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .take(query.limit + 1);
    if (scope.linkWorkerId) qb.andWhere('p.linkWorkerId = :lw', { lw: scope.linkWorkerId });
    if (scope.groupOrganisationId)
      qb.andWhere('p.groupOrganisationId = :org', { org: scope.groupOrganisationId });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.groupId) qb.andWhere('p.groupId = :groupId', { groupId: query.groupId });
    if (query.caseId) qb.andWhere('p.caseId = :caseId', { caseId: query.caseId });
    if (cursor) qb.andWhere('(p.createdAt, p.id) < (:at, :id)', { at: cursor.at, id: cursor.id });
    const page = toPage(await qb.getMany(), query.limit, (p) => ({
      at: p.createdAt.toISOString(),
      id: p.id,
    }));
    return { items: await this.viewsForActor(page.items, actor), nextCursor: page.nextCursor };
  }

  async get(id: string, actor: AuthenticatedUser): Promise<AnyPlacementView> {
    const [p, attendance] = await this.scoped.forActor(actor, async (em) => {
      const found = await em.findOne(Placement, { where: { id } });
      if (!found || !canSeePlacement(actor, found)) throw notFound('Placement');
      return [
        found,
        await em.find(PlacementAttendance, { where: { placementId: id }, order: { date: 'DESC' } }),
      ] as const;
    });
    const view = await this.viewForActor(p, actor);
    return { ...view, attendance: attendance.map((a) => ({ date: a.date, attended: a.attended })) };
  }

  /** Sessions attended and missed per placement, for placements the caller has already read. */
  async attendanceCounts(
    placementIds: string[],
    actor: AuthenticatedUser,
  ): Promise<Map<string, { attended: number; missed: number }>> {
    if (placementIds.length === 0) return new Map();
    const rows: { placement_id: string; attended: number; missed: number }[] =
      await this.scoped.forActor(actor, (em) =>
        em.query(
          `SELECT placement_id, count(*) FILTER (WHERE attended)::int AS attended,
                count(*) FILTER (WHERE NOT attended)::int AS missed
           FROM placement_attendance WHERE placement_id = ANY($1::uuid[]) GROUP BY placement_id`,
          [placementIds],
        ),
      );
    return new Map(rows.map((r) => [r.placement_id, { attended: r.attended, missed: r.missed }]));
  }

  // ---- the group's answers and the placement's life ------------------------------------------

  /** The group accepts: the person's place starts (on `firstSessionAt`, when the group gives it). */
  async accept(
    id: string,
    actor: AuthenticatedUser,
    input: AcceptPlacementDto = {},
  ): Promise<AnyPlacementView> {
    const now = new Date();
    const firstSessionAt = input.firstSessionAt ? new Date(input.firstSessionAt) : null;
    if (firstSessionAt && firstSessionAt <= now)
      throw invalid('first_session_in_past', 'The first session must be in the future', [
        { field: 'firstSessionAt', message: 'must be in the future' },
      ]);
    return this.transition(id, actor, ['group'], async (p, em) => {
      if (p.status !== 'offered') throw wrongState(p, 'accepted');
      if (p.expiresAt && p.expiresAt <= now)
        throw conflict('offer_expired', 'This offer has expired and can no longer be accepted');
      await em.update(Placement, p.id, { status: 'accepted', respondedAt: now, firstSessionAt });
      await this.publish({ ...p, status: 'accepted' }, 'accepted', em, {
        by: 'group',
        firstSessionAt,
      });
      return 'accept';
    });
  }

  async decline(
    id: string,
    reason: PlacementDeclineReason,
    actor: AuthenticatedUser,
  ): Promise<AnyPlacementView> {
    const now = new Date();
    return this.transition(id, actor, ['group'], async (p, em) => {
      if (p.status !== 'offered') throw wrongState(p, 'declined');
      await em.update(Placement, p.id, {
        status: 'declined',
        declineReason: reason,
        respondedAt: now,
      });
      await this.publish({ ...p, status: 'declined' }, 'declined', em, { by: 'group', reason });
      await this.freePlace(em, p.groupId, now, actor.id);
      return 'decline';
    });
  }

  /** Ends an offered, accepted or paused placement, or takes a waitlisted one off the list. */
  async end(
    id: string,
    reason: PlacementEndReason,
    actor: AuthenticatedUser,
  ): Promise<AnyPlacementView> {
    const now = new Date();
    return this.transition(id, actor, ['group', 'case'], async (p, em) => {
      if (p.status === 'waitlisted') {
        await em.update(Placement, p.id, {
          status: 'withdrawn',
          position: null,
          endReason: reason,
          endedAt: now,
        });
        await this.intake.leaveWaitlist(em, p.groupId, p.position!);
        return 'withdraw';
      }
      if (!RESERVING.includes(p.status)) throw wrongState(p, 'ended');
      await em.update(Placement, p.id, {
        status: 'ended',
        statusBeforePause: null,
        endReason: reason,
        endedAt: now,
      });
      await this.publish({ ...p, status: 'ended' }, 'ended', em, {
        by: isGroupSide(actor, p) ? 'group' : 'case',
        reason,
        previousStatus: p.status,
      });
      await this.freePlace(em, p.groupId, now, actor.id);
      return 'end';
    });
  }

  async recordAttendance(
    id: string,
    input: AttendanceDto,
    actor: AuthenticatedUser,
  ): Promise<AnyPlacementView> {
    const date = new Date(`${input.date}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== input.date)
      throw invalid('invalid_date', 'The date is not a real date', [
        { field: 'date', message: 'must be a real date' },
      ]);
    if (input.date > ukDate())
      throw invalid('date_in_future', 'Attendance cannot be recorded for a future date', [
        { field: 'date', message: 'must be today or in the past' },
      ]);
    await this.transition(id, actor, ['group'], async (p, em) => {
      if (p.status !== 'accepted') throw wrongState(p, 'given attendance');
      await em.query(
        `INSERT INTO placement_attendance (placement_id, date, attended, recorded_by)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (placement_id, date)
         DO UPDATE SET attended = EXCLUDED.attended, recorded_by = EXCLUDED.recorded_by,
                       recorded_at = now()`,
        [p.id, input.date, input.attended, actor.id],
      );
      return 'record_attendance';
    });
    return this.get(id, actor);
  }

  /**
   * Loads the placement for a permitted actor (else "not found"), locks its group's capacity row
   * and then the placement (the module's lock order), runs the change, audits it.
   */
  private async transition(
    id: string,
    actor: AuthenticatedUser,
    sides: ('group' | 'case')[],
    change: (p: Placement, em: EntityManager) => Promise<string>,
  ): Promise<AnyPlacementView> {
    await this.scoped.forActor(actor, async (em) => {
      const found = await em.findOne(Placement, { where: { id } });
      if (!found || !canChangePlacement(actor, found, sides)) throw notFound('Placement');
      await this.intake.lock(em, found.groupId);
      const p = await em.findOneOrFail(Placement, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      const action = await change(p, em);
      await this.audit.record(
        { actorId: actor.id, action, entity: 'placement', entityId: p.id, subjectId: p.personId },
        em,
      );
    });
    return this.viewForActor(await this.load(id, actor), actor);
  }

  /** A reserved place is given back and offered to the head of the waitlist (capacity row locked). */
  private async freePlace(
    em: EntityManager,
    groupId: string,
    now: Date,
    actorId: string | null,
  ): Promise<void> {
    await this.intake.release(em, groupId);
    await this.intake.fillFromWaitlist(em, groupId, now, actorId);
  }

  private publish(
    p: Pick<
      Placement,
      | 'id'
      | 'caseId'
      | 'personId'
      | 'linkWorkerId'
      | 'groupId'
      | 'groupOrganisationId'
      | 'status'
      | 'position'
    >,
    kind: PlacementChange['kind'],
    manager: EntityManager,
    extra: Partial<PlacementChange> = {},
  ): Promise<void> {
    return this.publisher.publish({
      kind,
      placementId: p.id,
      caseId: p.caseId,
      personId: p.personId,
      linkWorkerId: p.linkWorkerId,
      groupId: p.groupId,
      groupOrganisationId: p.groupOrganisationId,
      status: p.status,
      position: p.position,
      manager,
      ...extra,
    });
  }

  // ---- views ---------------------------------------------------------------------------------

  private async viewForActor(p: Placement, actor: AuthenticatedUser): Promise<AnyPlacementView> {
    return (await this.viewsForActor([p], actor))[0];
  }

  private async viewsForActor(
    rows: Placement[],
    actor: AuthenticatedUser,
  ): Promise<AnyPlacementView[]> {
    const names = await this.directory.groupNames([...new Set(rows.map((r) => r.groupId))]);
    if (actor.role !== 'group_coordinator') {
      const people = await this.casework.personNamesOfCases(rows.map((r) => r.caseId));
      return rows.map((p) => {
        const person = people.get(p.caseId);
        const personName = person
          ? [person.givenName, person.familyName].filter(Boolean).join(' ')
          : null;
        return toPlacementView(p, names.get(p.groupId) ?? null, personName);
      });
    }
    const views: GroupPlacementView[] = [];
    for (const p of rows) {
      const person = await this.groupFacingPerson(p.caseId);
      await this.audit.record({
        actorId: actor.id,
        action: 'read_group_summary',
        entity: 'placement',
        entityId: p.id,
        subjectId: p.personId,
      });
      views.push(toGroupPlacementView(p, names.get(p.groupId) ?? null, person));
    }
    return views;
  }

  /** Copies the allowed fields one by one, so anything casework adds later is not shared by accident. */
  private async groupFacingPerson(caseId: string): Promise<GroupFacingPerson> {
    const s = await this.casework.groupFacingSummary(caseId);
    return {
      givenName: s.givenName,
      phone: s.phone,
      email: s.email,
      preferredContact: s.preferredContact,
      preferredLanguage: s.preferredLanguage,
      interpreterNeeded: s.interpreterNeeded,
      // Present only when the person needs an interpreter and said what they would like.
      ...(s.interpreter
        ? {
            interpreter: {
              language: s.interpreter.language,
              dialect: s.interpreter.dialect,
              gender: s.interpreter.gender,
              mode: s.interpreter.mode,
            },
          }
        : {}),
      accessNeeds: s.accessNeeds,
      whatMattersToMe: s.whatMattersToMe,
    };
  }
}

const alreadyOpen = () =>
  conflict(
    'placement_already_open',
    'This person already has an open offer, placement or waitlist place with this group',
  );
