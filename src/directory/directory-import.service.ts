import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { FieldError } from '../common/domain-error';
import { invalid } from '../common/domain-error';
import { flattenValidationErrors } from '../common/http/validation';
import { ACTIVITY_TYPES, NEEDS_DOMAINS } from '../common/vocabulary';
import { OrganisationsService } from '../organisations/organisations.service';
import { parseCsv } from './csv';
import { CreateGroupDto, type ImportFormat } from './group.dto';
import { CommunityGroup } from './group.entity';
import { saveSessions } from './group-sessions';
import {
  accessibilityOf,
  applyListingFields,
  listingFieldsFrom,
  scheduleProblems,
} from './listing-fields';
import { WEEKDAYS, type Recurrence, type Weekday } from './schedule';

/**
 * Imports a directory. New groups always arrive `pending`: vetting is never imported.
 *
 * HSDS / Open Referral UK JSON: an array of services, or a page `{contents:[…]}`. Read per service:
 * `id` (kept, so a feed is not imported twice), `name`, `description`, `organization_id` (used when
 * it is a Linkway organisation) or `organization.name` (a community_group organisation is created),
 * `languages[].code`, `attributes[].taxonomy_term.code` (Linkway activity-type and needs codes;
 * other taxonomies are ignored), the first `service_at_locations[].location.addresses[].postal_code`
 * (or `location.postcode`), `fees_description`, `minimum_age`, `maximum_age`,
 * `schedules[]` (a weekly, fortnightly or nth-weekday-monthly rule with `byday` and `opens_at`
 * becomes a session; any other schedule's `description` is read as text), `interpretation_services`.
 *
 * CSV: a header row, then one group per row. Columns (any order; lists separated by `;`):
 * `external_id`, `organisation_id` or `organisation_name`, `name`*, `description`*,
 * `activity_types`, `needs_served`, `languages` (ISO 639), `postcode`, `delivery_mode`*
 * (in_person, remote, both), `childcare`, `travel_support`, `step_free`, `women_only`,
 * `interpreters` (yes/no), `schedule` (text, read into sessions where it can be), `cost`,
 * `min_age`, `max_age`. Unknown codes reject the row.
 * Rows are numbered as lines of the file (the header is line 1); HSDS services from 1.
 */
export interface ImportResult {
  imported: number;
  rejected: { row: number; errors: FieldError[] }[];
  groupIds: string[];
}

export type ImportProgress = (done: number, total: number) => void;

interface Candidate {
  row: number;
  externalId: string | null;
  organisationId?: string;
  organisationName?: string;
  fields: Record<string, unknown>;
  errors: FieldError[];
}

const LIST_SPLIT = /[;|]/;
const list = (v: string | undefined) =>
  (v ?? '')
    .split(LIST_SPLIT)
    .map((x) => x.trim())
    .filter(Boolean);
const yes = (v: string | undefined) => /^(y|yes|true|1)$/i.test((v ?? '').trim());
const num = (v: unknown) =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : undefined;
const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

@Injectable()
export class DirectoryImportService {
  constructor(
    @InjectRepository(CommunityGroup) private readonly groups: Repository<CommunityGroup>,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
  ) {}

  async import(
    content: string,
    format: ImportFormat,
    options: { actorId?: string | null; onProgress?: ImportProgress } = {},
  ): Promise<ImportResult> {
    const candidates = format === 'csv' ? fromCsv(content) : fromHsds(content);
    const rejected: ImportResult['rejected'] = [];
    const ready: { candidate: Candidate; dto: CreateGroupDto }[] = [];
    const seen = new Set<string>();
    const already = await this.existingExternalIds(candidates);
    const orgCache = new Map<string, string>();

    for (const [i, c] of candidates.entries()) {
      const errors = [...c.errors];
      const dto = plainToInstance(CreateGroupDto, c.fields);
      const problems = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
      errors.push(...flattenValidationErrors(problems));
      if (problems.length === 0) errors.push(...scheduleProblems(dto));
      if (c.externalId && (already.has(c.externalId) || seen.has(c.externalId)))
        errors.push({ field: 'id', message: `${c.externalId} has already been imported` });
      if (!c.organisationId && !c.organisationName)
        errors.push({
          field: 'organisation',
          message: 'name the organisation that runs the group',
        });
      if (errors.length === 0) {
        if (c.externalId) seen.add(c.externalId);
        c.organisationId = await this.resolveOrganisation(c, orgCache, options.actorId ?? null);
        ready.push({ candidate: c, dto });
      } else rejected.push({ row: c.row, errors });
      options.onProgress?.(i + 1, candidates.length);
    }

    const groupIds = await this.groups.manager.transaction(async (em) => {
      const ids: string[] = [];
      for (const { candidate, dto } of ready) {
        const group = em.create(CommunityGroup, {
          organisationId: candidate.organisationId!,
          accessibility: accessibilityOf(dto.accessibility),
          externalId: candidate.externalId,
        });
        const sessions = applyListingFields(group, listingFieldsFrom(dto, group));
        await em.insert(CommunityGroup, group);
        if (sessions) await saveSessions(em, group.id, sessions);
        ids.push(group.id);
      }
      await this.audit.record(
        {
          actorId: options.actorId ?? null,
          action: 'import',
          entity: 'community_group',
          detail: { format, imported: ids.length, rejected: rejected.length },
        },
        em,
      );
      return ids;
    });
    return { imported: groupIds.length, rejected, groupIds };
  }

  private async existingExternalIds(candidates: Candidate[]): Promise<Set<string>> {
    const ids = candidates.map((c) => c.externalId).filter((x): x is string => !!x);
    if (ids.length === 0) return new Set();
    const rows = await this.groups.find({
      select: { externalId: true },
      where: { externalId: In(ids) },
    });
    return new Set(rows.map((r) => r.externalId!));
  }

  private async resolveOrganisation(
    c: Candidate,
    cache: Map<string, string>,
    actorId: string | null,
  ): Promise<string> {
    if (c.organisationId && (await this.organisations.exists(c.organisationId)))
      return c.organisationId;
    const name = c.organisationName ?? `Imported organisation ${c.organisationId}`;
    const key = name.toLowerCase();
    if (!cache.has(key)) {
      const org = await this.organisations.create({ name, kind: 'community_group' }, actorId);
      cache.set(key, org.id);
    }
    return cache.get(key)!;
  }
}

const HEADER_ALIASES: Record<string, string> = {
  organization_id: 'organisation_id',
  organization_name: 'organisation_name',
};

function fromCsv(content: string): Candidate[] {
  const rows = parseCsv(content);
  if (rows.length === 0)
    throw invalid('empty_import', 'The file is empty', [
      { field: 'content', message: 'has no rows' },
    ]);
  const header = rows[0].map((h) => {
    const k = h.trim().toLowerCase().replace(/\s+/g, '_');
    return HEADER_ALIASES[k] ?? k;
  });
  for (const required of ['name', 'description', 'delivery_mode'])
    if (!header.includes(required))
      throw invalid('invalid_import', 'The CSV header is missing required columns', [
        { field: 'content', message: `the header needs a ${required} column` },
      ]);
  return rows.slice(1).map((cells, i) => {
    const r: Record<string, string | undefined> = Object.fromEntries(
      header.map((h, j) => [h, cells[j]?.trim()]),
    );
    const age = { min: num(r.min_age), max: num(r.max_age) };
    return {
      row: i + 2,
      externalId: str(r.external_id) ?? null,
      organisationId: str(r.organisation_id),
      organisationName: str(r.organisation_name),
      errors: [],
      fields: {
        name: r.name ?? '',
        description: r.description ?? '',
        activityTypes: list(r.activity_types),
        needsServed: list(r.needs_served),
        languages: list(r.languages).map((l) => l.toLowerCase()),
        ...(str(r.postcode) ? { postcode: str(r.postcode) } : {}),
        deliveryMode: r.delivery_mode ?? '',
        accessibility: {
          childcare: yes(r.childcare),
          travelSupport: yes(r.travel_support),
          stepFree: yes(r.step_free),
          womenOnly: yes(r.women_only),
          interpreters: yes(r.interpreters),
        },
        ...(str(r.schedule) ? { schedule: str(r.schedule) } : {}),
        ...(str(r.cost) ? { cost: str(r.cost) } : {}),
        ...(age.min !== undefined || age.max !== undefined ? { ageRange: age } : {}),
      },
    };
  });
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);

function fromHsds(content: string): Candidate[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw invalid('invalid_import', 'The feed is not valid JSON', [
      { field: 'content', message: 'is not valid JSON' },
    ]);
  }
  const services = Array.isArray(parsed) ? parsed : obj(parsed).contents;
  if (!Array.isArray(services))
    throw invalid('invalid_import', 'Expected an array of services or a page with contents', [
      { field: 'content', message: 'is not an HSDS services array or page' },
    ]);
  return services.map((raw, i) => {
    const s = obj(raw);
    const codes = arr(s.attributes).map((a) => str(obj(a.taxonomy_term).code)?.toLowerCase());
    const location = obj(arr(s.service_at_locations)[0]?.location);
    const postcode =
      str(arr(location.addresses)[0]?.postal_code) ?? str(location.postcode) ?? str(s.postcode);
    const age = { min: num(s.minimum_age), max: num(s.maximum_age) };
    const schedules = arr(s.schedules);
    const sessions = schedules.flatMap(sessionsOfHsds);
    const described = schedules
      .filter((x) => sessionsOfHsds(x).length === 0)
      .map((x) => str(x.description))
      .filter(Boolean)
      .join('; ');
    return {
      row: i + 1,
      externalId: str(s.id) ?? null,
      organisationId: str(s.organization_id),
      organisationName: str(obj(s.organization).name),
      errors: [],
      fields: {
        name: str(s.name) ?? '',
        description: str(s.description) ?? str(s.name) ?? '',
        activityTypes: codes.filter((c): c is (typeof ACTIVITY_TYPES)[number] =>
          (ACTIVITY_TYPES as readonly string[]).includes(c ?? ''),
        ),
        needsServed: codes.filter((c): c is (typeof NEEDS_DOMAINS)[number] =>
          (NEEDS_DOMAINS as readonly string[]).includes(c ?? ''),
        ),
        languages: arr(s.languages)
          .map((l) => str(l.code)?.toLowerCase())
          .filter((c): c is string => !!c),
        ...(postcode ? { postcode } : {}),
        deliveryMode: postcode ? 'in_person' : 'remote',
        accessibility: { interpreters: !!str(s.interpretation_services) },
        ...(sessions.length
          ? {
              sessions: sessions.slice(0, 14),
              ...(described ? { scheduleNotes: described.slice(0, 500) } : {}),
            }
          : described
            ? { schedule: described.slice(0, 500) }
            : {}),
        ...(str(s.fees_description) ? { cost: str(s.fees_description)!.slice(0, 200) } : {}),
        ...(age.min !== undefined || age.max !== undefined ? { ageRange: age } : {}),
      },
    };
  });
}

const BYDAY: Record<string, Weekday> = Object.fromEntries(
  WEEKDAYS.map((d) => [d.slice(0, 2).toUpperCase(), d]),
);
const NTH: Record<string, Recurrence> = {
  '1': 'monthly_first',
  '2': 'monthly_second',
  '3': 'monthly_third',
  '4': 'monthly_fourth',
  '-1': 'monthly_last',
};
const hhmm = (v: unknown) => /^([01]\d|2[0-3]):[0-5]\d/.exec(str(v) ?? '')?.[0];

/**
 * An HSDS schedule as sessions, when it is a rule Linkway can hold: weekly (interval 1 or 2) or
 * monthly on the nth weekday, with an opening time. Anything else is read from its description.
 */
function sessionsOfHsds(
  x: Json,
): { weekday: Weekday; start: string; end?: string; recurrence: Recurrence }[] {
  const start = hhmm(x.opens_at);
  const freq = str(x.freq)?.toUpperCase();
  const interval = num(x.interval) ?? 1;
  if (!start || !str(x.byday) || !freq) return [];
  const end = hhmm(x.closes_at);
  const days = str(x.byday)!
    .toUpperCase()
    .split(',')
    .map((d) => /^(-1|[1-4])?(MO|TU|WE|TH|FR|SA|SU)$/.exec(d.trim()));
  if (days.some((d) => !d)) return [];
  const out = days.map((d) => {
    const recurrence: Recurrence | undefined =
      freq === 'WEEKLY' && !d![1]
        ? interval === 1
          ? 'weekly'
          : interval === 2
            ? 'fortnightly'
            : undefined
        : freq === 'MONTHLY' && d![1] && interval === 1
          ? NTH[d![1]]
          : undefined;
    return recurrence
      ? { weekday: BYDAY[d![2]], start, ...(end ? { end } : {}), recurrence }
      : undefined;
  });
  return out.every(Boolean) ? (out as NonNullable<(typeof out)[number]>[]) : [];
}
