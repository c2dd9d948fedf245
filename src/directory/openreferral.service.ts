import { Injectable } from '@nestjs/common';
import { notFound } from '../common/domain-error';
import { OrganisationsService } from '../organisations/organisations.service';
import { NO_CAPACITY } from './directory.ports';
import { GroupStatesService } from './group-states.service';
import type { HsdsListQuery } from './openreferral.dto';
import {
  lastModified,
  organizationOf,
  toHsdsService,
  withService,
  type HsdsOrganization,
  type HsdsService,
  type HsdsServiceAtLocation,
} from './openreferral.mapping';
import {
  TAXONOMIES,
  TAXONOMY_TERMS,
  type HsdsTaxonomy,
  type HsdsTaxonomyTerm,
} from './openreferral.taxonomy';

export interface HsdsPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

export const HSDS_VERSION = '3.1';
export const ORUK_PROFILE = 'https://openreferraluk.org/profile/3.1';

export function hsdsPage<T>(
  all: T[],
  query: Pick<HsdsListQuery, 'page' | 'per_page'>,
): HsdsPage<T> {
  const page = query.page ?? 1;
  const perPage = query.per_page ?? 50;
  const contents = all.slice((page - 1) * perPage, page * perPage);
  const totalPages = Math.ceil(all.length / perPage);
  return {
    total_items: all.length,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

const matches = (needle: string | undefined, ...haystack: (string | null | undefined)[]) =>
  !needle || haystack.some((h) => h?.toLowerCase().includes(needle.trim().toLowerCase()));

/**
 * The public Open Referral UK read API, as HSDS 3.1: offerable groups only (approved, and their
 * listing confirmed within 9 months), with their details as approved (a coordinator's pending
 * change is not published).
 */
@Injectable()
export class OpenReferralService {
  constructor(
    private readonly states: GroupStatesService,
    private readonly organisations: OrganisationsService,
  ) {}

  /** Every published service, filtered by the HSDS list parameters. */
  async services(query: HsdsListQuery = {}): Promise<HsdsService[]> {
    const states = (await this.states.allGroupStates()).filter((s) => s.offerable);
    const ids = states.map((s) => s.group.id);
    const [capacities, names] = await Promise.all([
      this.states.capacities(ids),
      this.organisations.namesByIds([...new Set(states.map((s) => s.group.organisationId))]),
    ]);
    const since = query.modified_after ? new Date(query.modified_after) : null;
    return states
      .filter((s) => {
        const cap = capacities.get(s.group.id) ?? NO_CAPACITY;
        return !since || lastModified(s, cap) >= since;
      })
      .map((s) =>
        toHsdsService(
          s,
          capacities.get(s.group.id) ?? NO_CAPACITY,
          names.get(s.group.organisationId) ?? null,
        ),
      )
      .filter(
        (svc) =>
          matches(query.search, svc.name, svc.description, svc.organization.name) &&
          (!query.organization_id || svc.organization_id === query.organization_id) &&
          (!query.taxonomy_term_id ||
            svc.attributes.some((a) => a.taxonomy_term_id === query.taxonomy_term_id)) &&
          (!query.taxonomy_id ||
            svc.attributes.some((a) => a.taxonomy_term.taxonomy_id === query.taxonomy_id)),
      );
  }

  async service(id: string): Promise<HsdsService> {
    const found = (await this.services()).find((s) => s.id === id);
    if (!found) throw notFound('Service');
    return found;
  }

  async serviceAtLocations(query: HsdsListQuery = {}): Promise<HsdsServiceAtLocation[]> {
    return (await this.services(query)).flatMap(withService);
  }

  async serviceAtLocation(id: string): Promise<HsdsServiceAtLocation> {
    const found = (await this.serviceAtLocations()).find((s) => s.id === id);
    if (!found) throw notFound('Service at location');
    return found;
  }

  /** Organisations with at least one published service. */
  async organizations(
    query: HsdsListQuery = {},
  ): Promise<(HsdsOrganization & { services?: HsdsService[] })[]> {
    const services = await this.services();
    const byOrg = new Map<string, HsdsService[]>();
    for (const s of services)
      byOrg.set(s.organization_id, [...(byOrg.get(s.organization_id) ?? []), s]);
    return [...byOrg.entries()]
      .map(([id, list]) => ({ ...organizationOf(id, list[0].organization.name), services: list }))
      .filter(
        (o) =>
          matches(query.search, o.name) &&
          (!query.organization_id || o.id === query.organization_id),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async organization(id: string): Promise<HsdsOrganization & { services?: HsdsService[] }> {
    const found = (await this.organizations()).find((o) => o.id === id);
    if (!found) throw notFound('Organization');
    return found;
  }

  taxonomies(query: HsdsListQuery = {}): HsdsTaxonomy[] {
    return Object.values(TAXONOMIES).filter((t) => matches(query.search, t.name, t.description));
  }

  taxonomy(id: string): HsdsTaxonomy {
    const found = Object.values(TAXONOMIES).find((t) => t.id === id);
    if (!found) throw notFound('Taxonomy');
    return found;
  }

  taxonomyTerms(query: HsdsListQuery = {}): HsdsTaxonomyTerm[] {
    return TAXONOMY_TERMS.filter(
      (t) =>
        matches(query.search, t.name, t.code) &&
        (!query.taxonomy_id || t.taxonomy_id === query.taxonomy_id),
    );
  }

  taxonomyTerm(id: string): HsdsTaxonomyTerm {
    const found = TAXONOMY_TERMS.find((t) => t.id === id);
    if (!found) throw notFound('Taxonomy term');
    return found;
  }
}
