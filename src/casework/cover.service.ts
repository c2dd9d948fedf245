import { Injectable } from '@nestjs/common';
import { Brackets, IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../auth/users.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { conflict, forbidden, invalid, notFound, type FieldError } from '../common/domain-error';
import { ukDate } from '../common/uk-date';
import { ScopedTransactions, onlyService } from '../services/scoped-transactions';
import { coverInForce, type ActiveCover } from './case-access';
import { CoverGrant } from './cover-grant.entity';

export interface CoverView {
  id: string;
  serviceId: string;
  linkWorkerId: string;
  linkWorkerName: string | null;
  coverUserId: string;
  coverUserName: string | null;
  from: string;
  to: string;
  grantedAt: string;
  endedAt: string | null;
  /** In force today: started, not past its last day, not ended early. */
  inForce: boolean;
}

export interface NewCover {
  coverUserId: string;
  from: string;
  to: string;
  linkWorkerId?: string;
}

const refuse = (code: string, field: string, message: string) =>
  invalid(code, message, [{ field, message }] satisfies FieldError[]);

const toActive = (g: CoverGrant): ActiveCover => ({
  id: g.id,
  coverUserId: g.coverUserId,
  linkWorkerId: g.linkWorkerId,
  from: g.fromDate,
  to: g.toDate,
});

/**
 * Cover: a link worker's caseload worked by a named colleague of the same service for a date
 * range (UK dates, both days included). The colleague then reads and works those cases as their
 * link worker (case-access.ts), each read audited as cover; before and after, and once ended
 * early, the cases are hidden from them again.
 */
@Injectable()
export class CoverService {
  constructor(
    private readonly scoped: ScopedTransactions,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async grant(input: NewCover, actor: AuthenticatedUser): Promise<CoverView> {
    const owner = await this.caseloadOwner(input, actor);
    if (input.coverUserId === owner.id) {
      throw refuse(
        'cover_for_self',
        'coverUserId',
        actor.id === owner.id
          ? 'Choose a colleague: you cannot cover your own caseload'
          : 'Choose a colleague other than the link worker whose caseload it is',
      );
    }
    const colleague = await this.users.activeLinkWorker(input.coverUserId);
    if (!colleague)
      throw refuse('cover_user_unknown', 'coverUserId', 'Choose a link worker who is still active');
    if (colleague.serviceId !== owner.serviceId)
      throw refuse(
        'cover_user_other_service',
        'coverUserId',
        'Choose a colleague in the same service: this link worker works in another service',
      );
    if (input.to < input.from)
      throw refuse(
        'cover_dates',
        'to',
        'The last day of cover must be the same as or after the first day',
      );
    if (input.to < ukDate())
      throw refuse(
        'cover_in_past',
        'to',
        'The last day of cover has already passed: choose today or a later date',
      );

    const granted = await this.scoped.run(onlyService(owner.serviceId), async (em) => {
      const grant = em.create(CoverGrant, {
        serviceId: owner.serviceId,
        linkWorkerId: owner.id,
        coverUserId: input.coverUserId,
        fromDate: input.from,
        toDate: input.to,
        grantedBy: actor.id,
      });
      await em.insert(CoverGrant, grant);
      await this.record(actor, 'grant_cover', grant, em, {
        linkWorkerId: owner.id,
        coverUserId: input.coverUserId,
        from: input.from,
        to: input.to,
      });
      return grant;
    });
    return (await this.views([granted]))[0];
  }

  /** Ends cover early: its link worker, the colleague, the team lead of the service or an admin. */
  async end(id: string, actor: AuthenticatedUser): Promise<CoverView> {
    const ended = await this.scoped.forActor(actor, async (em) => {
      const grant = await em.findOne(CoverGrant, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!grant || !canManage(actor, grant)) throw notFound('Cover');
      if (grant.endedAt || grant.toDate < ukDate())
        throw conflict('cover_ended', 'This cover has already ended');
      grant.endedAt = new Date();
      grant.endedBy = actor.id;
      await em.save(grant);
      await this.record(actor, 'end_cover', grant, em, { linkWorkerId: grant.linkWorkerId });
      return grant;
    });
    return (await this.views([ended]))[0];
  }

  /** The cover a link worker gives or holds; a team lead's whole service; an admin's all. Latest first. */
  async list(actor: AuthenticatedUser, options: { current?: boolean } = {}): Promise<CoverView[]> {
    const grants = await this.scoped.forActor(actor, (em) => {
      const qb = em.createQueryBuilder(CoverGrant, 'g').orderBy('g.toDate', 'DESC').take(200);
      if (actor.role === 'link_worker')
        qb.andWhere(
          new Brackets((w) =>
            w.where('g.linkWorkerId = :me').orWhere('g.coverUserId = :me', { me: actor.id }),
          ),
        );
      if (options.current)
        qb.andWhere('g.endedAt IS NULL AND g.toDate >= :today', { today: ukDate() });
      return qb.getMany();
    });
    return this.views(grants);
  }

  /** The link workers whose caseloads this reader covers today. */
  async coveredBy(actor: AuthenticatedUser, em: EntityManager): Promise<string[]> {
    if (actor.role !== 'link_worker' || !actor.serviceId) return [];
    const today = ukDate();
    const rows = await em
      .createQueryBuilder(CoverGrant, 'g')
      .select('DISTINCT g.linkWorkerId', 'linkWorkerId')
      .where('g.coverUserId = :me AND g.serviceId = :service', {
        me: actor.id,
        service: actor.serviceId,
      })
      .andWhere('g.endedAt IS NULL AND g.fromDate <= :today AND g.toDate >= :today', { today })
      .getRawMany<{ linkWorkerId: string }>();
    return rows.map((r) => r.linkWorkerId);
  }

  /** The cover in force today that lets this reader act for `linkWorkerId`, if any. */
  async coverOf(
    actor: AuthenticatedUser,
    linkWorkerId: string,
    em: EntityManager,
  ): Promise<ActiveCover | null> {
    if (actor.role !== 'link_worker' || !actor.serviceId || actor.id === linkWorkerId) return null;
    const grants = await em.find(CoverGrant, {
      where: { coverUserId: actor.id, linkWorkerId, serviceId: actor.serviceId, endedAt: IsNull() },
      order: { toDate: 'DESC' },
      take: 10,
    });
    const inForce = grants.map(toActive).find((g) => coverInForce(g));
    return inForce ?? null;
  }

  private async caseloadOwner(
    input: NewCover,
    actor: AuthenticatedUser,
  ): Promise<{ id: string; serviceId: string }> {
    if (actor.role === 'link_worker') {
      if (input.linkWorkerId && input.linkWorkerId !== actor.id)
        throw forbidden('A link worker gives cover for their own caseload only');
      if (!actor.serviceId) throw forbidden('You do not work in a service');
      return { id: actor.id, serviceId: actor.serviceId };
    }
    if (!input.linkWorkerId)
      throw refuse(
        'link_worker_required',
        'linkWorkerId',
        'Choose whose caseload is to be covered',
      );
    const owner = await this.users.activeLinkWorker(input.linkWorkerId);
    if (!owner?.serviceId)
      throw refuse(
        'link_worker_unknown',
        'linkWorkerId',
        'Choose a link worker who is still active',
      );
    if (actor.role === 'team_lead' && owner.serviceId !== actor.serviceId)
      throw refuse(
        'link_worker_other_service',
        'linkWorkerId',
        'Choose a link worker of your own service',
      );
    return { id: input.linkWorkerId, serviceId: owner.serviceId };
  }

  private async views(grants: CoverGrant[]): Promise<CoverView[]> {
    const ids = [...new Set(grants.flatMap((g) => [g.linkWorkerId, g.coverUserId]))];
    const names = new Map((await this.users.findByIds(ids)).map((u) => [u.id, u.name]));
    return grants.map((g) => ({
      id: g.id,
      serviceId: g.serviceId,
      linkWorkerId: g.linkWorkerId,
      linkWorkerName: names.get(g.linkWorkerId) ?? null,
      coverUserId: g.coverUserId,
      coverUserName: names.get(g.coverUserId) ?? null,
      from: g.fromDate,
      to: g.toDate,
      grantedAt: g.grantedAt.toISOString(),
      endedAt: g.endedAt?.toISOString() ?? null,
      inForce: !g.endedAt && coverInForce(toActive(g)),
    }));
  }

  private record(
    actor: AuthenticatedUser,
    action: string,
    g: CoverGrant,
    em: EntityManager,
    detail: Record<string, unknown>,
  ) {
    return this.audit.record(
      { actorId: actor.id, action, entity: 'cover_grant', entityId: g.id, detail },
      em,
    );
  }
}

function canManage(actor: AuthenticatedUser, g: CoverGrant): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'team_lead') return actor.serviceId === g.serviceId;
  return (
    actor.role === 'link_worker' &&
    actor.serviceId === g.serviceId &&
    (actor.id === g.linkWorkerId || actor.id === g.coverUserId)
  );
}
