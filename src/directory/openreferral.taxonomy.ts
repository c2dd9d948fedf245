import { createHash } from 'node:crypto';
import { ACTIVITY_TYPES, NEEDS_DOMAINS } from '../common/vocabulary';
import { humanLabel } from '../common/views/labels';

/** Linkway's UUID namespace for ids that must be stable across restarts and instances. */
const NAMESPACE = '3f0b6c52-7d1e-4c8a-9b57-2a6e1d4f8c90';

/** RFC 4122 version 5 (SHA-1, name-based) UUID: the same name always gives the same id. */
export function stableUuid(name: string): string {
  const ns = Buffer.from(NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1')
    .update(Buffer.concat([ns, Buffer.from(name, 'utf8')]))
    .digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type TaxonomyKey = 'activity_type' | 'needs_domain';

export interface HsdsTaxonomy {
  id: string;
  name: string;
  description: string;
  uri: string;
  version: string;
}

export interface HsdsTaxonomyTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  taxonomy: string;
  taxonomy_id: string;
  taxonomy_detail: HsdsTaxonomy;
  language: string;
}

export const TAXONOMIES: Record<TaxonomyKey, HsdsTaxonomy> = {
  activity_type: {
    id: stableUuid('taxonomy:activity_type'),
    name: 'Linkway activity types',
    description: 'The kind of activity a community group offers (arts, food, conversation/ESOL…).',
    uri: 'https://linkway.example/taxonomies/activity-types',
    version: '1',
  },
  needs_domain: {
    id: stableUuid('taxonomy:needs_domain'),
    name: 'Linkway needs domains',
    description: 'The holistic needs a community group helps with (housing, money, connection…).',
    uri: 'https://linkway.example/taxonomies/needs-domains',
    version: '1',
  },
};

function term(taxonomy: TaxonomyKey, code: string): HsdsTaxonomyTerm {
  const t = TAXONOMIES[taxonomy];
  return {
    id: stableUuid(`term:${taxonomy}:${code}`),
    code,
    name: humanLabel(code),
    description: `${humanLabel(code)} (${t.name.toLowerCase()})`,
    taxonomy: t.name,
    taxonomy_id: t.id,
    taxonomy_detail: t,
    language: 'en',
  };
}

export const TAXONOMY_TERMS: HsdsTaxonomyTerm[] = [
  ...ACTIVITY_TYPES.map((c) => term('activity_type', c)),
  ...NEEDS_DOMAINS.map((c) => term('needs_domain', c)),
];

export const termFor = (taxonomy: TaxonomyKey, code: string): HsdsTaxonomyTerm =>
  TAXONOMY_TERMS.find((t) => t.taxonomy_id === TAXONOMIES[taxonomy].id && t.code === code)!;
