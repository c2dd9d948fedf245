import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { SupportCase } from './case.entity';
import type {
  CrisisPointView,
  NeedsAssessmentView,
  OnwardReferralView,
  SafeguardingView,
} from './case.views';
import { canReadSensitiveDetail, canWorkOnCase } from './case-access';
import { ukDate } from './casework-dates';
import { SENSITIVE_ONWARD_SERVICES } from './casework.vocabulary';
import { CaseRecordsService } from './case-records.service';
import { CaseworkService, toSummary, type CaseSummary } from './casework.service';
import { CrisisService } from './crisis.service';
import { NeedsService } from './needs.service';
import { outcomeChanges, type OutcomeChange, type OutcomeRecord } from './outcome-change';
import { Person } from './person.entity';
import type { InterpreterPreferences } from './person.types';
import { interpreterOf } from './case.views';
import { SafeguardingService } from './safeguarding.service';
import { ScopedTransactions } from '../services/scoped-transactions';

export interface CasePerson {
  givenName: string;
  familyName: string | null;
  dateOfBirth: string | null;
  postcode: string | null;
  phone: string | null;
  email: string | null;
  preferredContact: string | null;
  preferredLanguage: string | null;
  interpreterNeeded: boolean | null;
  interpreter: Required<InterpreterPreferences> | null;
  accessNeeds: string | null;
  /** Equity answers: a code, or (for sex recorded before codes) the person's words. */
  sex: string | null;
  ethnicity: string | null;
  religion: string | null;
}

export interface CaseHeader {
  id: string;
  givenName: string;
  status: SupportCase['status'];
  inCrisis: boolean;
  serviceId: string;
  linkWorkerId: string;
  /** Whether this actor may change the case now (its link worker, while it is open). */
  canWork: boolean;
}

export interface NeedChangeView {
  domain: string;
  severity: number;
  /** The severity at the previous assessment, or null when the domain was not assessed then. */
  previousSeverity: number | null;
}

export interface CaseDetail extends CaseSummary {
  reviewOverdue: boolean;
  consentToShare: boolean;
  whatMattersToMe: string | null;
  transferConsent: boolean;
  person: CasePerson;
  needs: NeedsAssessmentView | null;
  needsChange: NeedChangeView[];
  safeguarding: SafeguardingView | null;
  openCrisisPoints: CrisisPointView[];
  crisisPoints: CrisisPointView[];
  onwardReferrals: OnwardReferralView[];
  outcomes: OutcomeRecord[];
  outcomeChanges: OutcomeChange[];
}

export type TimelineKind =
  | 'case_opened'
  | 'needs_assessed'
  | 'safeguarding_updated'
  | 'crisis_recorded'
  | 'crisis_resolved'
  | 'onward_referral'
  | 'outcome_recorded'
  | 'case_closed';

export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  /** Codes naming what happened (crisis type, service, instrument…); never notes or flags. */
  detail: Record<string, string | number | boolean | null>;
}

const SENSITIVE_TIMELINE_KINDS: readonly TimelineKind[] = [
  'safeguarding_updated',
  'crisis_recorded',
  'crisis_resolved',
  'onward_referral',
];

const withoutNotes = (a: NeedsAssessmentView): NeedsAssessmentView => ({
  ...a,
  needs: a.needs.map((n) => ({ ...n, note: null })),
});

const overdue = (reviewBy: string | null, today: string) => !!reviewBy && reviewBy < today;

/** The link worker's view of cases: caseload, the case file, and its timeline. */
@Injectable()
export class CaseFileService {
  constructor(
    private readonly scoped: ScopedTransactions,
    @InjectRepository(SupportCase) private readonly cases: Repository<SupportCase>,
    private readonly casework: CaseworkService,
    private readonly needs: NeedsService,
    private readonly safeguarding: SafeguardingService,
    private readonly crises: CrisisService,
    private readonly records: CaseRecordsService,
    private readonly audit: AuditService,
  ) {}

  /** The whole case file for its link worker or an admin; the read is audited. */
  async get(caseId: string, actor: AuthenticatedUser): Promise<CaseDetail> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForActor(caseId, actor, em);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'read',
          entity: 'case',
          entityId: c.id,
          subjectId: c.personId,
        },
        em,
      );
      return this.detail(c, em, actor);
    });
  }

  /** The case page's file and timeline in one transaction; both reads are audited as when asked apart. */
  async withTimeline(
    caseId: string,
    actor: AuthenticatedUser,
  ): Promise<{ detail: CaseDetail; timeline: TimelineEntry[] }> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForActor(caseId, actor, em);
      for (const action of ['read', 'read_timeline'])
        await this.audit.record(
          { actorId: actor.id, action, entity: 'case', entityId: c.id, subjectId: c.personId },
          em,
        );
      return {
        detail: await this.detail(c, em, actor),
        timeline: await this.timelineOf(c, em, canReadSensitiveDetail(actor, c)),
      };
    });
  }

  async timeline(caseId: string, actor: AuthenticatedUser): Promise<TimelineEntry[]> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForActor(caseId, actor, em);
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'read_timeline',
          entity: 'case',
          entityId: c.id,
          subjectId: c.personId,
        },
        em,
      );
      return this.timelineOf(c, em, canReadSensitiveDetail(actor, c));
    });
  }

  /** Who the case is about, for form pages: the given name and state only, no case file detail. */
  async header(caseId: string, actor: AuthenticatedUser): Promise<CaseHeader> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForActor(caseId, actor, em);
      const person = await em.findOneOrFail(Person, { where: { id: c.personId } });
      return {
        id: c.id,
        givenName: person.givenName,
        status: c.status,
        inCrisis: c.inCrisis,
        serviceId: c.serviceId,
        linkWorkerId: c.linkWorkerId,
        canWork: c.status === 'open' && canWorkOnCase(actor, c),
      };
    });
  }

  /** A team lead's file leaves out safeguarding, crisis detail, notes and sensitive onward referrals. */
  private async detail(
    c: SupportCase,
    em: EntityManager,
    actor: AuthenticatedUser,
  ): Promise<CaseDetail> {
    const sensitive = canReadSensitiveDetail(actor, c);
    const person = await em.findOneOrFail(Person, { where: { id: c.personId } });
    // One after another: a transaction is one connection, which runs one query at a time anyway.
    const assessments = (await this.needs.forCase(c.id, em)).map((a) =>
      sensitive ? a : withoutNotes(a),
    );
    const safeguarding = sensitive ? await this.safeguarding.current(c.id, em) : null;
    const crisisPoints = sensitive ? await this.crises.forCase(c.id, em) : [];
    const onwardReferrals = (await this.records.onwardReferralsFor(c.id, em)).filter(
      (o) => sensitive || !SENSITIVE_ONWARD_SERVICES.includes(o.service),
    );
    const outcomes = await this.records.outcomesFor(c.id, em);
    const [latest, previous] = assessments;
    return {
      ...toSummary(c),
      reviewOverdue: c.status === 'open' && overdue(c.reviewBy, ukDate()),
      consentToShare: c.consentToShare,
      whatMattersToMe: c.whatMattersToMe,
      transferConsent: c.transferConsent,
      person: {
        givenName: person.givenName,
        familyName: person.familyName,
        dateOfBirth: person.dateOfBirth,
        postcode: person.postcode,
        phone: person.phone,
        email: person.email,
        preferredContact: person.preferredContact,
        preferredLanguage: person.preferredLanguage,
        interpreterNeeded: person.interpreterNeeded,
        interpreter: interpreterOf(person),
        accessNeeds: person.accessNeeds,
        sex: person.sex,
        ethnicity: person.ethnicity,
        religion: person.religion,
      },
      needs: latest ?? null,
      needsChange: (latest?.needs ?? []).map((n) => ({
        domain: n.domain,
        severity: n.severity,
        previousSeverity: previous?.needs.find((p) => p.domain === n.domain)?.severity ?? null,
      })),
      safeguarding,
      openCrisisPoints: crisisPoints.filter((x) => !x.resolvedAt),
      crisisPoints,
      onwardReferrals,
      outcomes,
      outcomeChanges: outcomeChanges(outcomes),
    };
  }

  private async timelineOf(
    c: SupportCase,
    em: EntityManager,
    sensitive: boolean,
  ): Promise<TimelineEntry[]> {
    const rows: { at: Date; kind: TimelineKind; detail: TimelineEntry['detail'] }[] =
      await em.query(
        `SELECT opened_at AS at, 'case_opened' AS kind, '{}'::jsonb AS detail FROM support_case WHERE id = $1
       UNION ALL
       SELECT a.assessed_at, 'needs_assessed',
              jsonb_build_object('domains', count(r.id), 'priorities', count(r.id) FILTER (WHERE r.priority))
         FROM needs_assessment a LEFT JOIN need_rating r ON r.assessment_id = a.id
        WHERE a.case_id = $1 GROUP BY a.id
       UNION ALL
       SELECT recorded_at, 'safeguarding_updated', '{}'::jsonb FROM safeguarding_record WHERE case_id = $1
       UNION ALL
       SELECT recorded_at, 'crisis_recorded',
              jsonb_build_object('crisisId', id, 'type', type, 'occurredAt', occurred_at,
                                 'placementsPaused', placements_paused)
         FROM crisis_point WHERE case_id = $1
       UNION ALL
       SELECT greatest(resolved_at, recorded_at), 'crisis_resolved',
              jsonb_build_object('crisisId', id, 'type', type, 'placementsResumed', placements_resumed)
         FROM crisis_point WHERE case_id = $1 AND resolved_at IS NOT NULL
       UNION ALL
       SELECT made_at, 'onward_referral', jsonb_build_object('service', service)
         FROM onward_referral WHERE case_id = $1
       UNION ALL
       SELECT recorded_at, 'outcome_recorded',
              jsonb_build_object('instrument', instrument, 'timepoint', timepoint)
         FROM outcome_measure WHERE case_id = $1
       UNION ALL
       SELECT closed_at, 'case_closed', jsonb_build_object('reason', close_reason)
         FROM support_case WHERE id = $1 AND closed_at IS NOT NULL
       ORDER BY 1, 2`,
        [c.id],
      );
    return rows
      .filter((r) => sensitive || !SENSITIVE_TIMELINE_KINDS.includes(r.kind))
      .map((r) => ({ at: new Date(r.at).toISOString(), kind: r.kind, detail: r.detail }));
  }
}
