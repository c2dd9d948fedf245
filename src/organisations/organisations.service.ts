import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { conflict, notFound } from '../common/domain-error';
import { decodeCursor, toPage, type Page } from '../common/http/pagination';
import type { OrganisationKind } from '../common/vocabulary';
import { ServicesService } from '../services/services.service';
import { Organisation } from './organisation.entity';

export interface OrganisationView {
  id: string;
  name: string;
  kind: OrganisationKind;
  postcode: string | null;
  odsCode: string | null;
  serviceId: string | null;
  createdAt: string;
}

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    private readonly audit: AuditService,
    private readonly services: ServicesService,
  ) {}

  async create(
    input: {
      name: string;
      kind: OrganisationKind;
      postcode?: string | null;
      odsCode?: string | null;
      serviceId?: string | null;
    },
    actorId: string | null,
  ): Promise<OrganisationView> {
    if (input.serviceId) await this.services.assertExist([input.serviceId], 'serviceId');
    return this.organisations.manager.transaction(async (em) => {
      if (input.odsCode && (await em.exists(Organisation, { where: { odsCode: input.odsCode } })))
        throw conflict('ods_code_taken', 'An organisation with this ODS code already exists');
      const org = em.create(Organisation, {
        name: input.name.trim(),
        kind: input.kind,
        postcode: input.postcode ?? null,
        odsCode: input.odsCode ?? null,
        serviceId: input.serviceId ?? null,
      });
      await em.insert(Organisation, org);
      await this.audit.record(
        { actorId, action: 'create', entity: 'organisation', entityId: org.id },
        em,
      );
      return toView(org);
    });
  }

  async get(id: string): Promise<OrganisationView> {
    const org = await this.organisations.findOne({ where: { id } });
    if (!org) throw notFound('Organisation');
    return toView(org);
  }

  /** Where this organisation's referrals go: its service, or null for the default one. */
  async serviceOf(id: string): Promise<string | null> {
    const org = await this.organisations.findOne({ where: { id }, select: { serviceId: true } });
    return org?.serviceId ?? null;
  }

  async exists(id: string): Promise<boolean> {
    return this.organisations.exists({ where: { id } });
  }

  async list(query: {
    kind?: OrganisationKind;
    limit: number;
    cursor?: string;
  }): Promise<Page<OrganisationView>> {
    const cursor = decodeCursor(query.cursor);
    const qb = this.organisations
      .createQueryBuilder('o')
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .take(query.limit + 1);
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    if (cursor) qb.andWhere('(o.name, o.id) > (:at, :id)', { at: cursor.at, id: cursor.id });
    const page = toPage(await qb.getMany(), query.limit, (o) => ({ at: o.name, id: o.id }));
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }

  async namesByIds(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.organisations
      .createQueryBuilder('o')
      .select(['o.id', 'o.name'])
      .where('o.id IN (:...ids)', { ids })
      .getMany();
    return new Map(rows.map((o) => [o.id, o.name]));
  }
}

function toView(o: Organisation): OrganisationView {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    postcode: o.postcode,
    odsCode: o.odsCode,
    serviceId: o.serviceId,
    createdAt: o.createdAt.toISOString(),
  };
}
