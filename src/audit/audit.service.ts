import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { decodeCursor, toPage, type Page } from '../common/http/pagination';
import { AuditEvent } from './audit-event.entity';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  subjectId?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditView {
  at: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
}

export interface AuditQuery {
  subjectId?: string;
  entity?: string;
  entityId?: string;
  actorId?: string;
  limit: number;
  cursor?: string;
}

/** The subject and everyone merged into them, however many merges ago. */
const SUBJECT_HISTORY = `
  WITH RECURSIVE history(id) AS (
    SELECT CAST(:subjectId AS uuid)
    UNION
    SELECT a.alias_id FROM audit_subject_alias a JOIN history h ON a.subject_id = h.id
  ) SELECT id FROM history`;

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /**
   * Writes one entry; pass the transaction's manager so the entry commits or rolls back with the
   * change. A plain INSERT: it runs on nearly every request, and nothing reads back its id.
   */
  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    await (manager ?? this.events.manager).query(
      `INSERT INTO audit_event (actor_id, action, entity, entity_id, subject_id, detail)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        entry.actorId,
        entry.action,
        entry.entity,
        entry.entityId ?? null,
        entry.subjectId ?? null,
        entry.detail ? JSON.stringify(entry.detail) : null,
      ],
    );
  }

  /**
   * From now on, entries about `aliasId` (a person merged into another) are part of
   * `subjectId`'s history. The log itself is append-only and is never rewritten.
   */
  async recordSubjectAlias(aliasId: string, subjectId: string, manager: EntityManager) {
    await manager.query('INSERT INTO audit_subject_alias (alias_id, subject_id) VALUES ($1, $2)', [
      aliasId,
      subjectId,
    ]);
  }

  async list(query: AuditQuery): Promise<Page<AuditView>> {
    const cursor = decodeCursor(query.cursor);
    const qb = this.events
      .createQueryBuilder('e')
      .orderBy('e.at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(query.limit + 1);
    // A person's history includes that of the people merged into them (audit_subject_alias).
    if (query.subjectId)
      qb.andWhere(`e.subjectId IN (${SUBJECT_HISTORY})`, { subjectId: query.subjectId });
    if (query.entity) qb.andWhere('e.entity = :entity', { entity: query.entity });
    if (query.entityId) qb.andWhere('e.entityId = :entityId', { entityId: query.entityId });
    if (query.actorId) qb.andWhere('e.actorId = :actorId', { actorId: query.actorId });
    if (cursor) qb.andWhere('(e.at, e.id) < (:at, :id)', { at: cursor.at, id: cursor.id });
    const rows = await qb.getMany();
    const page = toPage(rows, query.limit, (r) => ({ at: r.at.toISOString(), id: r.id }));
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }
}

function toView(e: AuditEvent): AuditView {
  return {
    at: e.at.toISOString(),
    actorId: e.actorId,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
  };
}
