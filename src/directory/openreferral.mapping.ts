import { ukDate } from '../common/uk-date';
import { languageName } from '../common/validation/iso-codes';
import type { GroupCapacityView } from './directory.ports';
import type { GroupState } from './group-states.service';
import { describeSession, type Session } from './schedule';
import { stableUuid, termFor, type HsdsTaxonomyTerm } from './openreferral.taxonomy';

/**
 * How a Linkway group is published as an HSDS 3.1 service. Only what a member of the public may
 * see: nothing about vetting, safeguarding levels, incidents or people.
 */
export interface HsdsService {
  id: string;
  organization_id: string;
  name: string;
  description: string;
  status: 'active' | 'temporarily closed';
  interpretation_services?: string;
  eligibility_description?: string;
  fees_description?: string;
  minimum_age?: number;
  maximum_age?: number;
  /** The UK date an admin last reviewed the listing. */
  assured_date?: string;
  last_modified: string;
  languages: { id: string; service_id: string; name: string; code: string }[];
  attributes: {
    id: string;
    link_id: string;
    link_entity: 'service';
    link_type: string;
    taxonomy_term_id: string;
    taxonomy_term: HsdsTaxonomyTerm;
  }[];
  capacities: {
    id: string;
    service_id: string;
    unit: { id: string; name: string; scheme: string; identifier: string };
    available: number;
    maximum: number;
    description: string;
    updated: string;
  }[];
  schedules: HsdsSchedule[];
  service_at_locations: HsdsServiceAtLocation[];
  organization: HsdsOrganization;
}

/** HSDS 3.1 schedule: an RFC 5545 rule (freq, interval, byday) with opening and closing times. */
export interface HsdsSchedule {
  id: string;
  service_id: string;
  freq?: 'WEEKLY' | 'MONTHLY';
  interval?: number;
  byday?: string;
  wkst?: 'MO';
  /** UK local time, "HH:MM". */
  opens_at?: string;
  closes_at?: string;
  description: string;
  notes?: string;
}

export interface HsdsLocation {
  id: string;
  location_type: 'physical';
  organization_id: string;
  name: string;
  description: string;
  accessibility: { id: string; location_id: string; description: string }[];
}

export interface HsdsServiceAtLocation {
  id: string;
  service_id: string;
  location_id: string;
  description: string;
  location: HsdsLocation;
  service?: Omit<HsdsService, 'service_at_locations'>;
}

export interface HsdsOrganization {
  id: string;
  name: string;
  description: string;
}

const PLACE_UNIT = {
  id: stableUuid('unit:place'),
  name: 'Places',
  scheme: 'linkway',
  identifier: 'place',
};

export function organizationOf(id: string, name: string | null): HsdsOrganization {
  return {
    id,
    name: name ?? 'Community group provider',
    description: `${name ?? 'This organisation'} runs community groups listed in Linkway.`,
  };
}

/** When the published record last changed: the group's details (or confirmation), or its capacity. */
export function lastModified(s: GroupState, capacity: GroupCapacityView): Date {
  const capacityAt = capacity.updatedAt ? new Date(capacity.updatedAt) : null;
  return capacityAt && capacityAt > s.group.updatedAt ? capacityAt : s.group.updatedAt;
}

export function toHsdsService(
  s: GroupState,
  capacity: GroupCapacityView,
  organisationName: string | null,
): HsdsService {
  const g = s.group;
  const id = g.id;
  const updated = lastModified(s, capacity).toISOString();
  const eligibility = [
    g.accessibility.womenOnly ? 'Women only' : null,
    g.accessibility.childcare ? 'Childcare available' : null,
    g.accessibility.travelSupport ? 'Help with travel costs' : null,
  ].filter((x): x is string => x !== null);
  const service: HsdsService = {
    id,
    organization_id: g.organisationId,
    name: g.name,
    description: g.description,
    status: capacity.intakePaused ? 'temporarily closed' : 'active',
    ...(g.accessibility.interpreters ? { interpretation_services: 'Works with interpreters' } : {}),
    ...(eligibility.length ? { eligibility_description: eligibility.join('. ') } : {}),
    ...(g.cost ? { fees_description: g.cost } : {}),
    ...(g.ageRange?.min != null ? { minimum_age: g.ageRange.min } : {}),
    ...(g.ageRange?.max != null ? { maximum_age: g.ageRange.max } : {}),
    ...(g.assuredAt ? { assured_date: ukDate(g.assuredAt) } : {}),
    last_modified: updated,
    languages: g.languages.map((code) => ({
      id: stableUuid(`language:${id}:${code}`),
      service_id: id,
      name: languageName(code) ?? code,
      code,
    })),
    attributes: [
      ...g.activityTypes.map((c) => attribute(id, termFor('activity_type', c), 'activity_type')),
      ...g.needsServed.map((c) => attribute(id, termFor('needs_domain', c), 'needs_domain')),
    ],
    capacities: [
      {
        id: stableUuid(`capacity:${id}`),
        service_id: id,
        unit: PLACE_UNIT,
        available: capacity.availablePlaces,
        maximum: capacity.places,
        description: capacity.waitlistEnabled
          ? `Places available now; waiting list of ${capacity.waitlistLength}`
          : 'Places available now',
        updated,
      },
    ],
    schedules: schedulesOf(id, s.sessions, g.scheduleNotes),
    service_at_locations: [],
    organization: organizationOf(g.organisationId, organisationName),
  };
  const location = locationOf(s);
  if (location) service.service_at_locations = [serviceAtLocation(id, location)];
  return service;
}

const BYDAY: Record<Session['weekday'], string> = {
  monday: 'MO',
  tuesday: 'TU',
  wednesday: 'WE',
  thursday: 'TH',
  friday: 'FR',
  saturday: 'SA',
  sunday: 'SU',
};
const WEEK_OF_MONTH: Partial<Record<Session['recurrence'], number>> = {
  monthly_first: 1,
  monthly_second: 2,
  monthly_third: 3,
  monthly_fourth: 4,
  monthly_last: -1,
};

/**
 * One HSDS schedule per session: weekly (interval 2 for fortnightly) or monthly on the nth
 * weekday. Times are UK local time, which moves between GMT and BST, so no fixed UTC offset is
 * given; the description says so. Notes go with each session, or stand alone without sessions.
 */
export function schedulesOf(
  serviceId: string,
  sessions: Session[],
  notes: string | null,
): HsdsSchedule[] {
  if (sessions.length === 0)
    return notes
      ? [{ id: stableUuid(`schedule:${serviceId}`), service_id: serviceId, description: notes }]
      : [];
  return sessions.map((x) => {
    const nth = WEEK_OF_MONTH[x.recurrence];
    return {
      id: stableUuid(`schedule:${serviceId}:${x.weekday}:${x.start}:${x.end}:${x.recurrence}`),
      service_id: serviceId,
      freq: nth ? 'MONTHLY' : 'WEEKLY',
      interval: x.recurrence === 'fortnightly' ? 2 : 1,
      byday: `${nth ?? ''}${BYDAY[x.weekday]}`,
      wkst: 'MO',
      opens_at: x.start,
      ...(x.end ? { closes_at: x.end } : {}),
      description: `${describeSession(x)} (UK time)`,
      ...(notes ? { notes } : {}),
    };
  });
}

/** Groups that meet somewhere are published with the postcode district only, never the venue. */
function locationOf(s: GroupState): HsdsLocation | null {
  const g = s.group;
  if (!g.area || g.deliveryMode === 'remote') return null;
  const id = stableUuid(`location:${g.id}`);
  const access = [
    g.accessibility.stepFree ? 'Step-free access' : null,
    g.accessibility.childcare ? 'Childcare available' : null,
  ].filter((x): x is string => x !== null);
  return {
    id,
    location_type: 'physical',
    organization_id: g.organisationId,
    name: `${g.name} (${g.area})`,
    description: `Meets in the ${g.area} postcode district; the venue is given when a place is offered.`,
    accessibility: access.map((description) => ({
      id: stableUuid(`accessibility:${id}:${description}`),
      location_id: id,
      description,
    })),
  };
}

function serviceAtLocation(serviceId: string, location: HsdsLocation): HsdsServiceAtLocation {
  return {
    id: stableUuid(`service_at_location:${serviceId}`),
    service_id: serviceId,
    location_id: location.id,
    description: location.description,
    location,
  };
}

/** A service-at-location as its own resource: with the service it is for. */
export function withService(s: HsdsService): HsdsServiceAtLocation[] {
  const { service_at_locations: sals, ...service } = s;
  return sals.map((sal) => ({ ...sal, service }));
}

function attribute(serviceId: string, term: HsdsTaxonomyTerm, linkType: string) {
  return {
    id: stableUuid(`attribute:${serviceId}:${term.id}`),
    link_id: serviceId,
    link_entity: 'service' as const,
    link_type: linkType,
    taxonomy_term_id: term.id,
    taxonomy_term: term,
  };
}
