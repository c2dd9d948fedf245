import type { CrisisType, NeedsDomain, SafeguardingFlag } from '../common/vocabulary';
import type { CrisisPoint } from './crisis-point.entity';
import type { MigrationProfile } from './migration-profile.entity';
import type { NeedsAssessment } from './needs-assessment.entity';
import type { OnwardReferral } from './onward-referral.entity';
import type { OutcomeMeasure } from './outcome-measure.entity';
import type { OutcomeRecord } from './outcome-change';
import type { SafeguardingRecord } from './safeguarding-record.entity';
import type { OnwardReferralService } from './casework.vocabulary';
import type { Person } from './person.entity';
import type { InterpreterPreferences } from './person.types';

export interface NeedView {
  domain: NeedsDomain;
  severity: number;
  priority: boolean;
  situational: boolean;
  note: string | null;
}

export interface NeedsAssessmentView {
  id: string;
  assessedAt: string;
  assessedBy: string;
  whatMattersToMe: string | null;
  needs: NeedView[];
}

export interface SafeguardingView {
  flags: SafeguardingFlag[];
  requiredLevel: number;
  note: string | null;
  recordedAt: string;
}

export interface CrisisPointView {
  id: string;
  type: CrisisType;
  occurredAt: string;
  note: string | null;
  placementsPaused: boolean;
  recordedAt: string;
  resolvedAt: string | null;
  placementsResumed: boolean | null;
}

export interface OnwardReferralView {
  id: string;
  service: OnwardReferralService;
  reason: string;
  madeAt: string;
}

export interface MigrationProfileView {
  countryOfBirth: string | null;
  nationality: string | null;
  yearOfArrival: number | null;
  mainLanguage: string | null;
  migrantStatus: string | null;
  interpreterNeeded: boolean | null;
  updatedAt: string | null;
}

/** The migration profile as its page and API show it, with the interpreter wishes kept on the person. */
export type MigrationProfileWithInterpreter = MigrationProfileView & {
  interpreter: Required<InterpreterPreferences> | null;
};

/** The person's interpreter wishes, or null when none is recorded. */
export function interpreterOf(p: Person): Required<InterpreterPreferences> | null {
  const prefs = {
    language: p.interpreterLanguage,
    dialect: p.interpreterDialect,
    gender: p.interpreterGender,
    mode: p.interpreterMode,
  };
  return Object.values(prefs).some((v) => v !== null) ? prefs : null;
}

export function needsAssessmentView(a: NeedsAssessment): NeedsAssessmentView {
  return {
    id: a.id,
    assessedAt: a.assessedAt.toISOString(),
    assessedBy: a.assessedBy,
    whatMattersToMe: a.whatMattersToMe,
    needs: (a.ratings ?? [])
      .map((r) => ({
        domain: r.domain,
        severity: r.severity,
        priority: r.priority,
        situational: r.situational,
        note: r.note,
      }))
      .sort((x, y) => y.severity - x.severity || x.domain.localeCompare(y.domain)),
  };
}

export const safeguardingView = (r: SafeguardingRecord): SafeguardingView => ({
  flags: r.flags,
  requiredLevel: r.requiredLevel,
  note: r.note,
  recordedAt: r.recordedAt.toISOString(),
});

export const crisisPointView = (c: CrisisPoint): CrisisPointView => ({
  id: c.id,
  type: c.type,
  occurredAt: c.occurredAt.toISOString(),
  note: c.note,
  placementsPaused: c.placementsPaused,
  recordedAt: c.recordedAt.toISOString(),
  resolvedAt: c.resolvedAt?.toISOString() ?? null,
  placementsResumed: c.placementsResumed,
});

export const onwardReferralView = (o: OnwardReferral): OnwardReferralView => ({
  id: o.id,
  service: o.service,
  reason: o.reason,
  madeAt: o.madeAt.toISOString(),
});

export const outcomeView = (o: OutcomeMeasure): OutcomeRecord => ({
  id: o.id,
  instrument: o.instrument,
  timepoint: o.timepoint,
  scores: o.scores,
  recordedAt: o.recordedAt.toISOString(),
});

export const EMPTY_MIGRATION_PROFILE: MigrationProfileView = {
  countryOfBirth: null,
  nationality: null,
  yearOfArrival: null,
  mainLanguage: null,
  migrantStatus: null,
  interpreterNeeded: null,
  updatedAt: null,
};

export const migrationProfileView = (p: MigrationProfile | null): MigrationProfileView =>
  p
    ? {
        countryOfBirth: p.countryOfBirth,
        nationality: p.nationality,
        yearOfArrival: p.yearOfArrival,
        mainLanguage: p.mainLanguage,
        migrantStatus: p.migrantStatus,
        interpreterNeeded: p.interpreterNeeded,
        updatedAt: p.updatedAt.toISOString(),
      }
    : EMPTY_MIGRATION_PROFILE;
