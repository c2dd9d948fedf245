import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { CaseworkService } from '../casework/casework.service';
import { NO_CAPACITY, type GroupCapacityView } from './directory.ports';
import { GroupStatesService, type GroupState } from './group-states.service';
import type { SearchGroupsQuery } from './group.dto';
import type { GroupView } from './group.views';
import { REASON_TEXT, standingReasons, type ExclusionReason } from './offerability';
import { sessionMatches } from './schedule';
import { proximity, PROXIMITY_RANK, type Proximity } from './vetting-rules';

export type SearchResult = Pick<
  GroupView,
  | 'id'
  | 'organisationId'
  | 'organisationName'
  | 'name'
  | 'description'
  | 'activityTypes'
  | 'needsServed'
  | 'languages'
  | 'postcode'
  | 'area'
  | 'deliveryMode'
  | 'accessibility'
  | 'sessions'
  | 'scheduleNotes'
  | 'schedule'
  | 'cost'
  | 'ageRange'
  | 'safeguardingLevel'
  | 'vettingStatus'
  | 'lastConfirmedAt'
  | 'listingStatus'
> & {
  availablePlaces: number;
  waitlistLength: number;
  waitlistEnabled: boolean;
  proximity: Proximity;
  speaksPreferredLanguage: boolean;
};

export interface Exclusion {
  groupId: string;
  name: string;
  reasons: ExclusionReason[];
  messages: string[];
}

export interface SearchResponse {
  items: SearchResult[];
  nextCursor: null;
  caseId: string | null;
  requiredLevel: number;
  excluded?: Exclusion[];
}

/** Matching for a case: offerable groups whose level meets the person's required level. */
@Injectable()
export class GroupSearchService {
  constructor(
    private readonly states: GroupStatesService,
    private readonly casework: CaseworkService,
  ) {}

  async search(query: SearchGroupsQuery, actor: AuthenticatedUser): Promise<SearchResponse> {
    const profile = query.caseId ? await this.casework.matchingProfile(query.caseId, actor) : null;
    const requiredLevel = Math.max(1, profile?.requiredLevel ?? 1);
    const near = query.near ?? profile?.postcode ?? null;
    const preferred = query.language ?? profile?.preferredLanguage ?? null;

    const states = await this.states.allGroupStates({ includeRemoved: query.explain === true });
    const capacities = await this.states.capacities(states.map((s) => s.group.id));
    const views = await this.states.toViews(states, null);
    const viewById = new Map(views.map((v) => [v.id, v]));

    const items: SearchResult[] = [];
    const excluded: Exclusion[] = [];
    for (const s of states) {
      const capacity = capacities.get(s.group.id) ?? NO_CAPACITY;
      const reasons = exclusionReasons(s, capacity, query, requiredLevel);
      if (reasons.length) {
        excluded.push({
          groupId: s.group.id,
          name: s.group.name,
          reasons,
          messages: reasons.map((r) => REASON_TEXT[r]),
        });
        continue;
      }
      const v = viewById.get(s.group.id)!;
      items.push({
        id: v.id,
        organisationId: v.organisationId,
        organisationName: v.organisationName,
        name: v.name,
        description: v.description,
        activityTypes: v.activityTypes,
        needsServed: v.needsServed,
        languages: v.languages,
        postcode: v.postcode,
        area: v.area,
        deliveryMode: v.deliveryMode,
        accessibility: v.accessibility,
        sessions: v.sessions,
        scheduleNotes: v.scheduleNotes,
        schedule: v.schedule,
        cost: v.cost,
        ageRange: v.ageRange,
        safeguardingLevel: v.safeguardingLevel,
        vettingStatus: v.vettingStatus,
        lastConfirmedAt: v.lastConfirmedAt,
        listingStatus: v.listingStatus,
        availablePlaces: capacity.availablePlaces,
        waitlistLength: capacity.waitlistLength,
        waitlistEnabled: capacity.waitlistEnabled,
        proximity: proximity(near, v.postcode),
        speaksPreferredLanguage: preferred !== null && v.languages.includes(preferred),
      });
    }
    items.sort(
      (a, b) =>
        PROXIMITY_RANK[a.proximity] - PROXIMITY_RANK[b.proximity] ||
        Number(b.speaksPreferredLanguage) - Number(a.speaksPreferredLanguage) ||
        Number(b.availablePlaces > 0) - Number(a.availablePlaces > 0) ||
        a.name.localeCompare(b.name),
    );
    return {
      items,
      nextCursor: null,
      caseId: profile?.caseId ?? null,
      requiredLevel,
      ...(query.explain ? { excluded } : {}),
    };
  }
}

/** Every reason the group is not offered for this search, in the order a link worker would ask. */
export function exclusionReasons(
  s: Pick<GroupState, 'group' | 'vettingStatus' | 'safeguardingLevel'> &
    Partial<Pick<GroupState, 'listingLapsed' | 'sessions'>>,
  capacity: GroupCapacityView,
  q: SearchGroupsQuery,
  requiredLevel: number,
): ExclusionReason[] {
  const g = s.group;
  const reasons: ExclusionReason[] = standingReasons(s);
  if (s.safeguardingLevel < requiredLevel) reasons.push('level_too_low');
  if (capacity.intakePaused) reasons.push('intake_paused');
  if (q.need && !g.needsServed.includes(q.need)) reasons.push('need_not_served');
  if (q.activityType && !g.activityTypes.includes(q.activityType))
    reasons.push('activity_not_offered');
  if (q.language && !g.languages.includes(q.language) && !g.accessibility.interpreters)
    reasons.push('language_not_offered');
  if (q.deliveryMode && !deliveredAs(g.deliveryMode, q.deliveryMode))
    reasons.push('delivery_mode_not_offered');
  if (q.stepFree && !g.accessibility.stepFree) reasons.push('not_step_free');
  if (q.childcare && !g.accessibility.childcare) reasons.push('no_childcare');
  if (q.womenOnly && !g.accessibility.womenOnly) reasons.push('not_women_only');
  if (q.travelSupport && !g.accessibility.travelSupport) reasons.push('no_travel_support');
  if (q.when?.length || q.day?.length) {
    const sessions = s.sessions ?? [];
    if (sessions.length === 0) reasons.push('times_not_recorded');
    else if (!sessions.some((x) => sessionMatches(x, q))) reasons.push('no_session_at_time');
  }
  return reasons;
}

/** A group delivered "both" ways suits a search for either; a search for "both" needs both. */
function deliveredAs(offered: string, wanted: string): boolean {
  return offered === wanted || offered === 'both';
}
