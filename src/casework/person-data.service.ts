import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type EntityManager, type Repository } from 'typeorm';
import { AuditService, type AuditView } from '../audit/audit.service';
import { DomainError, notFound } from '../common/domain-error';
import { SupportCase } from './case.entity';
import {
  PERSON_ERASING,
  PERSON_EXPORTING,
  type PersonErasingEvent,
  type PersonExportingEvent,
  type PersonExportSection,
} from './casework.events';
import {
  crisisPointView,
  migrationProfileView,
  needsAssessmentView,
  onwardReferralView,
  outcomeView,
  safeguardingView,
  type CrisisPointView,
  type MigrationProfileView,
  type NeedsAssessmentView,
  type OnwardReferralView,
  type SafeguardingView,
} from './case.views';
import { CrisisPoint } from './crisis-point.entity';
import { MigrationProfile } from './migration-profile.entity';
import { NeedRating, NeedsAssessment } from './needs-assessment.entity';
import { OnwardReferral } from './onward-referral.entity';
import type { OutcomeRecord } from './outcome-change';
import { OutcomeMeasure } from './outcome-measure.entity';
import { Person } from './person.entity';
import { PersonMerge } from './person-merge.entity';
import { lockPersonForChange } from './person-change-lock';
import { lockPeopleOfService } from './person-identity-lock';
import { replaceNameTokens } from './person-name-token.entity';
import { SafeguardingRecord } from './safeguarding-record.entity';
import { emitInTurn } from '../common/events/emit-in-turn';
import { ScopedTransactions, ALL_SERVICES } from '../services/scoped-transactions';

export interface PersonExport {
  exportedAt: string;
  person: Person;
  migrationProfile: MigrationProfileView;
  cases: (Omit<SupportCase, 'person'> & {
    needsAssessments: NeedsAssessmentView[];
    safeguarding: SafeguardingView[];
    crisisPoints: CrisisPointView[];
    onwardReferrals: OnwardReferralView[];
    outcomes: OutcomeRecord[];
  })[];
  /** Who read or changed this person's records, newest first. */
  audit: AuditView[];
  /** Sections other modules hold about the person (`referrals`, `placements`). */
  [section: string]: unknown;
}

export interface ErasureOptions {
  /** Join the caller's transaction (retention erases many people in one batch). */
  manager?: EntityManager;
  /** Recorded with the audit entry, e.g. why retention erased the person. */
  detail?: Record<string, unknown>;
}

/** One `erase` entry of an audit log: an erasure by request, by retention, or an earlier replay. */
export interface RecordedErasure {
  auditId: string;
  at: Date;
  personId: string;
  actorId: string | null;
  detail: Record<string, unknown> | null;
}

export type ReplayOutcome = 'erased' | 'already_erased' | 'not_here';

/** What this install holds under a person id: a record (erased or not), a merge, or nothing. */
export type PersonRecordState =
  | { kind: 'held'; erased: boolean }
  | { kind: 'merged'; intoPersonId: string; mergedAt: Date }
  | { kind: 'unknown' };

const ERASED_NAME = 'Erased';

/**
 * Data-protection requests about one person (the admin routes call these). Erasure clears what
 * identifies the person and free text about them (the date of birth, postcode and exact year of
 * arrival too) and keeps codes, statuses, dates of events and counts; each referral's report facts
 * are frozen first, so every published report figure stays the same.
 */
@Injectable()
export class PersonDataService {
  constructor(
    @InjectRepository(Person) private readonly people: Repository<Person>,
    private readonly audit: AuditService,
    private readonly events: EventEmitter2,
    private readonly scoped: ScopedTransactions,
  ) {}

  async recordState(personId: string): Promise<PersonRecordState> {
    return this.scoped.run(ALL_SERVICES, async (em) => {
      const person = await em.findOne(Person, {
        where: { id: personId },
        select: { id: true, erasedAt: true },
      });
      if (person) return { kind: 'held', erased: person.erasedAt !== null };
      const merge = await em.findOne(PersonMerge, { where: { mergedPersonId: personId } });
      return merge
        ? { kind: 'merged', intoPersonId: merge.keptPersonId, mergedAt: merge.mergedAt }
        : { kind: 'unknown' };
    });
  }

  async exportPerson(personId: string, actorId: string): Promise<PersonExport> {
    // Data protection is an admin's work across services.
    const exported = await this.scoped.run(ALL_SERVICES, async (em) => {
      const person = await em.findOne(Person, { where: { id: personId } });
      if (!person) throw notFound('Person');
      await this.audit.record(
        { actorId, action: 'export', entity: 'person', entityId: personId, subjectId: personId },
        em,
      );
      const profile = await em.findOne(MigrationProfile, { where: { personId } });
      const cases = await em.find(SupportCase, { where: { personId }, order: { openedAt: 'ASC' } });
      const event: PersonExportingEvent = { personId, manager: em };
      const sections = (await emitInTurn(this.events, PERSON_EXPORTING, event)) as (
        PersonExportSection | undefined
      )[];
      return {
        exportedAt: new Date().toISOString(),
        person,
        migrationProfile: migrationProfileView(profile),
        cases: await this.casesRecords(cases, em),
        ...Object.fromEntries(sections.flatMap((s) => (s ? [[s.section, s.records]] : []))),
      };
    });
    return { ...exported, audit: await this.fullAudit(personId) };
  }

  /**
   * Clears what identifies the person here and, through PERSON_ERASING, in the modules above
   * (referral intake details, placement notes), all in one transaction.
   */
  async erasePerson(
    personId: string,
    actorId: string | null,
    options: ErasureOptions = {},
  ): Promise<void> {
    if (options.manager)
      return this.eraseWithin(options.manager, personId, actorId, options.detail);
    await this.scoped.run(ALL_SERVICES, (em) =>
      this.eraseWithin(em, personId, actorId, options.detail),
    );
  }

  /**
   * After a restore: applies again an erasure recorded in the audit log (of this database or the
   * one the backup came from). Idempotent: a person already erased, or not in this database
   * (recorded after the backup), is left as they are.
   */
  async replayErasure(recorded: RecordedErasure): Promise<ReplayOutcome> {
    try {
      await this.erasePerson(recorded.personId, null, {
        detail: {
          reason: 'replay',
          replayOf: recorded.auditId,
          recordedAt: recorded.at.toISOString(),
          recordedReason: recorded.detail?.reason ?? 'request',
          requestedBy: recorded.actorId,
        },
      });
      return 'erased';
    } catch (error) {
      if (error instanceof DomainError && error.code === 'person_erased') return 'already_erased';
      if (error instanceof DomainError && error.kind === 'not_found') return 'not_here';
      throw error;
    }
  }

  private async eraseWithin(
    em: EntityManager,
    personId: string,
    actorId: string | null,
    detail?: Record<string, unknown>,
  ): Promise<void> {
    const person = await lockPersonForChange(em, personId);
    // Intake takes this lock shared: one under way finishes first (its referral is then erased
    // with the rest), and none starts until this commits, so none lands on, or flags, the person
    // half-way through. After the row lock, which a merge takes NOWAIT, so the two never wait in
    // a circle.
    await lockPeopleOfService(em, person.serviceId, 'exclusive');
    // First, while the date of birth, postcode and migration profile are still there: referrals
    // freeze each referral's report facts from them (and every module clears its own details).
    const event: PersonErasingEvent = { personId, manager: em };
    await emitInTurn(this.events, PERSON_ERASING, event);
    await em.update(
      Person,
      { id: personId },
      {
        givenName: ERASED_NAME,
        familyName: null,
        phone: null,
        phoneIndex: null,
        email: null,
        nhsNumber: null,
        nhsNumberIndex: null,
        // Reports keep the age band and the area codes (frozen above), never these.
        dateOfBirth: null,
        postcode: null,
        accessNeeds: null,
        // A dialect is in the person's own words; the language, gender and mode are codes.
        interpreterDialect: null,
        erasedAt: new Date(),
      },
    );
    // The year-of-arrival band and whether a nationality was recorded are in the facts.
    await em.update(MigrationProfile, { personId }, { yearOfArrival: null, nationality: null });
    // No token is left by which search or intake could find the person again.
    await replaceNameTokens(em, person, []);
    // "Not the same person as X" says what the two shared (an NHS number, a phone, a birth date).
    await em.query(
      'DELETE FROM person_duplicate_dismissal WHERE person_id = $1 OR other_person_id = $1',
      [personId],
    );
    const caseIds = (await em.find(SupportCase, { where: { personId }, select: { id: true } })).map(
      (c) => c.id,
    );
    if (caseIds.length) {
      const inCases = { caseId: In(caseIds) };
      await em.update(SupportCase, { id: In(caseIds) }, { whatMattersToMe: null, closeNote: null });
      await em.update(NeedsAssessment, inCases, { whatMattersToMe: null });
      const assessments = await em.find(NeedsAssessment, {
        where: inCases,
        select: { id: true },
      });
      if (assessments.length) {
        await em.update(
          NeedRating,
          { assessmentId: In(assessments.map((a) => a.id)) },
          { note: null },
        );
      }
      await em.update(SafeguardingRecord, inCases, { note: null });
      await em.update(CrisisPoint, inCases, { note: null });
      await em.update(OnwardReferral, inCases, { reason: '[erased]' });
    }
    await this.audit.record(
      {
        actorId,
        action: 'erase',
        entity: 'person',
        entityId: personId,
        subjectId: personId,
        detail,
      },
      em,
    );
  }

  /** One case after another: a transaction's reads share one connection, which runs them in turn. */
  private async casesRecords(cases: SupportCase[], em: EntityManager) {
    const records = [];
    for (const c of cases) records.push(await this.caseRecords(c, em));
    return records;
  }

  private async caseRecords(c: SupportCase, em: EntityManager) {
    const where = { caseId: c.id };
    const assessments = await em.find(NeedsAssessment, {
      where,
      relations: { ratings: true },
      order: { assessedAt: 'ASC' },
    });
    const safeguarding = await em.find(SafeguardingRecord, {
      where,
      order: { recordedAt: 'ASC' },
    });
    const crises = await em.find(CrisisPoint, { where, order: { occurredAt: 'ASC' } });
    const referrals = await em.find(OnwardReferral, { where, order: { madeAt: 'ASC' } });
    const outcomes = await em.find(OutcomeMeasure, { where, order: { recordedAt: 'ASC' } });
    return {
      ...c,
      needsAssessments: assessments.map(needsAssessmentView),
      safeguarding: safeguarding.map(safeguardingView),
      crisisPoints: crises.map(crisisPointView),
      onwardReferrals: referrals.map(onwardReferralView),
      outcomes: outcomes.map(outcomeView),
    };
  }

  private async fullAudit(subjectId: string): Promise<AuditView[]> {
    const entries: AuditView[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.audit.list({ subjectId, limit: 200, cursor });
      entries.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return entries;
  }
}
