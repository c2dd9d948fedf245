import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { forbidden, invalid } from '../common/domain-error';
import { decodeCursor, toPage, type Page } from '../common/http/pagination';
import type { VettingStatus } from '../common/vocabulary';
import { isVettingOfficer } from './group-access';
import { GroupStatesService } from './group-states.service';
import type { ReportIncidentDto } from './group.dto';
import { CommunityGroup } from './group.entity';
import { GroupIncident, type IncidentType } from './incident.entity';

export interface IncidentView {
  id: string;
  groupId: string;
  type: IncidentType;
  description: string;
  occurredAt: string;
  reportedBy: string;
  createdAt: string;
}

/** An incident as the admin's list across groups shows it: no description, which may name people. */
export interface IncidentListItem {
  id: string;
  groupId: string;
  groupName: string;
  groupStatus: VettingStatus;
  type: IncidentType;
  occurredAt: string;
  createdAt: string;
}

/** Concerns about a group. Never published; seen by admins and by whoever reported them. */
@Injectable()
export class IncidentService {
  constructor(
    @InjectRepository(GroupIncident) private readonly incidents: Repository<GroupIncident>,
    private readonly states: GroupStatesService,
    private readonly audit: AuditService,
  ) {}

  async report(
    groupId: string,
    input: ReportIncidentDto,
    actor: AuthenticatedUser,
  ): Promise<IncidentView> {
    const occurredAt = new Date(input.occurredAt);
    if (occurredAt.getTime() > Date.now() + 5 * 60_000)
      throw invalid('invalid_incident_date', 'The incident cannot be in the future', [
        { field: 'occurredAt', message: 'must not be in the future' },
      ]);
    return this.incidents.manager.transaction(async (em) => {
      await this.states.visibleGroup(groupId, actor, em);
      const incident = em.create(GroupIncident, {
        groupId,
        type: input.type,
        description: input.description,
        occurredAt,
        reportedBy: actor.id,
      });
      await em.insert(GroupIncident, incident);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'report_incident',
          entity: 'community_group',
          entityId: groupId,
          detail: { incidentId: incident.id, type: input.type },
        },
        em,
      );
      return toView(incident);
    });
  }

  async list(groupId: string, actor: AuthenticatedUser): Promise<IncidentView[]> {
    await this.states.visibleGroup(groupId, actor);
    const rows = await this.incidents.find({
      where: isVettingOfficer(actor) ? { groupId } : { groupId, reportedBy: actor.id },
      order: { occurredAt: 'DESC' },
    });
    return rows.map(toView);
  }

  /** Incidents across every group, the most recent first: the admin's list. */
  async recentAcrossGroups(
    actor: AuthenticatedUser,
    query: { limit: number; cursor?: string },
  ): Promise<Page<IncidentListItem>> {
    if (!isVettingOfficer(actor)) throw forbidden();
    const cursor = decodeCursor(query.cursor);
    const qb = this.incidents
      .createQueryBuilder('i')
      .select(['i.id', 'i.groupId', 'i.type', 'i.occurredAt', 'i.createdAt'])
      .orderBy('i.occurredAt', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .take(query.limit + 1);
    if (cursor)
      qb.where('(i.occurredAt, i.id) < (:at, :id)', { at: new Date(cursor.at), id: cursor.id });
    const page = toPage(await qb.getMany(), query.limit, (i) => ({
      at: i.occurredAt.toISOString(),
      id: i.id,
    }));
    const groupIds = [...new Set(page.items.map((i) => i.groupId))];
    const groups = groupIds.length
      ? await this.incidents.manager.find(CommunityGroup, { where: { id: In(groupIds) } })
      : [];
    const states = new Map((await this.states.withState(groups)).map((s) => [s.group.id, s]));
    return {
      items: page.items.map((i) => {
        const state = states.get(i.groupId)!;
        return {
          id: i.id,
          groupId: i.groupId,
          groupName: state.group.name,
          groupStatus: state.vettingStatus,
          type: i.type,
          occurredAt: i.occurredAt.toISOString(),
          createdAt: i.createdAt.toISOString(),
        };
      }),
      nextCursor: page.nextCursor,
    };
  }

  /** Count of incidents per group, for the admin vetting screen. */
  async countsByGroup(): Promise<Map<string, number>> {
    const rows: { group_id: string; n: number }[] = await this.incidents.query(
      'SELECT group_id, count(*)::int AS n FROM group_incident GROUP BY group_id',
    );
    return new Map(rows.map((r) => [r.group_id, r.n]));
  }
}

function toView(i: GroupIncident): IncidentView {
  return {
    id: i.id,
    groupId: i.groupId,
    type: i.type,
    description: i.description,
    occurredAt: i.occurredAt.toISOString(),
    reportedBy: i.reportedBy,
    createdAt: i.createdAt.toISOString(),
  };
}
