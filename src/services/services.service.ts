import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { conflict, invalid, notFound } from '../common/domain-error';
import { PrescribingService } from './prescribing-service.entity';

export interface ServiceView {
  id: string;
  name: string;
  odsCode: string | null;
  localAuthorityCodes: string[];
  isDefault: boolean;
  createdAt: string;
}

export interface ServiceInput {
  name: string;
  odsCode?: string | null;
  localAuthorityCodes?: string[];
}

/** How long a service's name may be shown after a rename on another instance. */
const NAMES_TTL_MS = 60_000;

const toView = (s: PrescribingService): ServiceView => ({
  id: s.id,
  name: s.name,
  odsCode: s.odsCode,
  localAuthorityCodes: s.localAuthorityCodes,
  isDefault: s.isDefault,
  createdAt: s.createdAt.toISOString(),
});

/** The services (teams) on this install, and which one a referral goes to. */
@Injectable()
export class ServicesService {
  /** The default service never changes once the first migration made it, so it is read once. */
  private defaultId?: Promise<string>;
  /** Every service's name, for the header of each page (read at most once a minute). */
  private names?: { until: number; byId: Promise<Map<string, string>> };

  constructor(
    @InjectRepository(PrescribingService)
    private readonly services: Repository<PrescribingService>,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<ServiceView[]> {
    const rows = await this.services.find({ order: { isDefault: 'DESC', name: 'ASC' } });
    return rows.map(toView);
  }

  async get(id: string): Promise<ServiceView> {
    const s = await this.services.findOne({ where: { id } });
    if (!s) throw notFound('Service');
    return toView(s);
  }

  async namesByIds(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.services
      .createQueryBuilder('s')
      .select(['s.id', 's.name'])
      .where('s.id IN (:...ids)', { ids: [...new Set(ids)] })
      .getMany();
    return new Map(rows.map((s) => [s.id, s.name]));
  }

  /** A service's name for the page header; undefined for an unknown id. Cached for a minute. */
  async nameOf(id: string): Promise<string | undefined> {
    const now = Date.now();
    if (!this.names || this.names.until < now) {
      const byId = this.services
        .find({ select: { id: true, name: true } })
        .then((rows) => new Map(rows.map((s) => [s.id, s.name])));
      const cached = { until: now + NAMES_TTL_MS, byId };
      this.names = cached;
      byId.catch(() => {
        if (this.names === cached) this.names = undefined;
      });
    }
    return (await this.names.byId).get(id);
  }

  /**
   * The names the postcode lookup gives local authority district codes (E07000176 → Rushcliffe);
   * a code the lookup does not hold is absent.
   */
  async localAuthorityNames(codes: readonly string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await this.services.query<{ code: string; name: string }[]>(
      `SELECT DISTINCT ON (local_authority_code) local_authority_code AS code,
              local_authority_name AS name
         FROM postcode_area
        WHERE local_authority_code = ANY ($1) AND local_authority_name IS NOT NULL
        ORDER BY local_authority_code`,
      [[...new Set(codes)]],
    );
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  /** 422 naming the field unless every id is a service. */
  async assertExist(ids: readonly string[], field: string): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    const found = await this.services.count({ where: unique.map((id) => ({ id })) });
    if (found !== unique.length) {
      throw invalid('service_unknown', 'No service has this id', [
        { field, message: 'must be the id of a service' },
      ]);
    }
  }

  async create(input: ServiceInput, actorId: string | null): Promise<ServiceView> {
    const created = await this.services.manager.transaction(async (em) => {
      await this.assertUnique(input, em.getRepository(PrescribingService));
      const s = em.create(PrescribingService, {
        name: input.name.trim(),
        odsCode: input.odsCode ?? null,
        localAuthorityCodes: [...new Set(input.localAuthorityCodes ?? [])],
      });
      await em.insert(PrescribingService, s);
      await this.audit.record(
        { actorId, action: 'create', entity: 'service', entityId: s.id, detail: { ...input } },
        em,
      );
      return toView(s);
    });
    this.names = undefined;
    return created;
  }

  async update(id: string, input: ServiceInput, actorId: string | null): Promise<ServiceView> {
    const updated = await this.services.manager.transaction(async (em) => {
      const repo = em.getRepository(PrescribingService);
      const s = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!s) throw notFound('Service');
      await this.assertUnique(input, repo, id);
      s.name = input.name.trim();
      s.odsCode = input.odsCode ?? null;
      s.localAuthorityCodes = [...new Set(input.localAuthorityCodes ?? [])];
      await repo.save(s);
      await this.audit.record(
        { actorId, action: 'update', entity: 'service', entityId: s.id, detail: { ...input } },
        em,
      );
      return toView(s);
    });
    this.names = undefined;
    return updated;
  }

  defaultServiceId(): Promise<string> {
    this.defaultId ??= this.services
      .findOneOrFail({ where: { isDefault: true }, select: { id: true } })
      .then((s) => s.id)
      .catch((error: unknown) => {
        this.defaultId = undefined;
        throw error;
      });
    return this.defaultId;
  }

  /** The service whose ODS code this is, if any (FHIR referrals name their performer this way). */
  async byOdsCode(odsCode: string): Promise<string | undefined> {
    const s = await this.services.findOne({ where: { odsCode }, select: { id: true } });
    return s?.id;
  }

  /** The service that covers a local authority district, if any. */
  async forLocalAuthority(code: string): Promise<string | undefined> {
    const s = await this.services
      .createQueryBuilder('s')
      .select('s.id')
      .where(':code = ANY(s.local_authority_codes)', { code })
      .orderBy('s.created_at', 'ASC')
      .getOne();
    return s?.id;
  }

  /**
   * The service covering a postcode's local authority, from the ONS postcode lookup that reports
   * also use (`postcode_area`); undefined when the postcode or its area is unknown.
   */
  async forPostcode(postcode: string): Promise<string | undefined> {
    const [row] = await this.services.query<{ id: string }[]>(
      `SELECT s.id FROM postcode_area pa
         JOIN service s ON pa.local_authority_code = ANY (s.local_authority_codes)
        WHERE pa.postcode = $1
        ORDER BY s.created_at LIMIT 1`,
      [postcode.toUpperCase().replace(/\s+/g, '')],
    );
    return row?.id;
  }

  private async assertUnique(
    input: ServiceInput,
    repo: Repository<PrescribingService>,
    exceptId?: string,
  ): Promise<void> {
    const clash = await repo
      .createQueryBuilder('s')
      .where(
        '(lower(s.name) = lower(:name) OR s.ods_code = :ods OR s.local_authority_codes && :codes)',
        {
          name: input.name.trim(),
          ods: input.odsCode ?? null,
          codes: input.localAuthorityCodes ?? [],
        },
      )
      .andWhere(exceptId ? 's.id <> :exceptId' : 'true', { exceptId })
      .getOne();
    if (!clash) return;
    if (clash.name.toLowerCase() === input.name.trim().toLowerCase())
      throw conflict('service_exists', 'A service with this name already exists');
    if (input.odsCode && clash.odsCode === input.odsCode)
      throw conflict('service_exists', 'A service with this ODS code already exists');
    throw conflict(
      'local_authority_taken',
      `${clash.name} already takes self-referrals from one of these local authorities`,
    );
  }
}
