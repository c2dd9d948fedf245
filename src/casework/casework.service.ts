import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { conflict, forbidden, notFound } from '../common/domain-error';
import type { CaseCloseReason } from '../common/vocabulary';
import { canReadCase, canWorkOnCase } from './case-access';
import { addDays, ukDate } from './casework-dates';
import { SupportCase } from './case.entity';
import { Person } from './person.entity';
import { replaceNameTokens } from './person-name-token.entity';
import { peoplePastCaseRetention, type CaseRetentionState } from './case-retention';
import {
  PersonDataService,
  type ErasureOptions,
  type PersonExport,
  type PersonRecordState,
} from './person-data.service';
import {
  FIND_MERGED_RECORD,
  INSERT_PERSON_WITH_DUPLICATES,
  OTHERS_WITH_NHS_NUMBER,
  personValues,
} from './person.sql';
import { lockPeopleOfService } from './person-identity-lock';
import { PERSON_SEAL, nhsToken, sealIdentity, type PersonSeal } from './person-seal';
import { CoverService } from './cover.service';
import type { ActiveCover } from './case-access';
import {
  ScopedTransactions,
  ALL_SERVICES,
  scopeOf,
  type ServiceScope,
} from '../services/scoped-transactions';
import type { InterpreterPreferences, PersonDetails, PossibleDuplicate } from './person.types';
import { interpreterOf } from './case.views';

export interface CaseSummary {
  id: string;
  personId: string;
  referralId: string | null;
  serviceId: string;
  /** The reference of the referral that opened the case. */
  reference: string | null;
  linkWorkerId: string;
  status: SupportCase['status'];
  inCrisis: boolean;
  reviewBy: string | null;
  requiredLevel: number;
  openedAt: string;
  closedAt: string | null;
  closeReason: string | null;
  /** Present when the reader is a colleague covering the case's link worker. */
  cover?: ActiveCover;
}

/** What matching and placements need from a case: no migration, safeguarding or crisis detail. */
export interface MatchingProfile {
  caseId: string;
  personId: string;
  linkWorkerId: string;
  status: SupportCase['status'];
  requiredLevel: number;
  preferredLanguage: string | null;
  interpreterNeeded: boolean;
  /** What the person would like of an interpreter (for appointments and group offers). */
  interpreter: Required<InterpreterPreferences> | null;
  postcode: string | null;
  consentToShare: boolean;
  inCrisis: boolean;
}

/** The person a letter is written to, and who their link worker is. */
export interface LetterAddressee {
  caseId: string;
  referralId: string | null;
  linkWorkerId: string;
  givenName: string;
  preferredLanguage: string | null;
  interpreterNeeded: boolean;
  interpreter: Required<InterpreterPreferences> | null;
}

interface DuplicateRow {
  id: string | null;
  reason: PossibleDuplicate['reason'] | null;
}

const toDuplicates = (rows: DuplicateRow[]): PossibleDuplicate[] =>
  rows.flatMap((r) => (r.id && r.reason ? [{ personId: r.id, reason: r.reason }] : []));

@Injectable()
export class CaseworkService {
  constructor(
    @InjectRepository(Person) private readonly people: Repository<Person>,
    @InjectRepository(SupportCase) private readonly cases: Repository<SupportCase>,
    private readonly audit: AuditService,
    private readonly personData: PersonDataService,
    private readonly scoped: ScopedTransactions,
    @Inject(PERSON_SEAL) private readonly seal: PersonSeal,
    private readonly cover: CoverService,
  ) {}

  /** In the caller's transaction when given one, else in a new one of this scope. */
  private within<T>(
    scope: ServiceScope,
    em: EntityManager | undefined,
    work: (em: EntityManager) => Promise<T>,
  ): Promise<T> {
    return em ? work(em) : this.scoped.run(scope, work);
  }

  /**
   * Records the person a referral is about and, in the same statement (one round trip on the
   * intake path), finds earlier people who may be the same person: the same date of birth and a
   * similar name, the same phone, or the same NHS number. They are flagged for a link worker to
   * decide, never refused; only people of the same service are matched. Call inside the intake
   * transaction.
   *
   * One exception: a person someone has already reviewed and merged others into is known to be
   * who they are, so a referral with their NHS number and date of birth (both, as NHS matching
   * asks) links to them rather than starting the duplicate again (`linked`). An NHS number alone
   * is only flagged: anyone who refers may know one, and a wrong link would open a case on the
   * wrong person. Intake holds the service's people lock shared (see
   * person-identity-lock.ts), so it sees people as they are before or after a merge, never between.
   */
  async registerPerson(
    details: PersonDetails,
    serviceId: string,
    em: EntityManager,
  ): Promise<{ personId: string; duplicates: PossibleDuplicate[]; linked: boolean }> {
    await lockPeopleOfService(em, serviceId, 'shared');
    const nhs = nhsToken(this.seal, details.nhsNumber);
    if (nhs) {
      const [kept] = await em.query<{ id: string }[]>(FIND_MERGED_RECORD, [
        serviceId,
        nhs,
        details.dateOfBirth ?? null,
      ]);
      if (kept) {
        const others = await em.query<DuplicateRow[]>(OTHERS_WITH_NHS_NUMBER, [kept.id, nhs]);
        return { personId: kept.id, duplicates: toDuplicates(others), linked: true };
      }
    }
    const rows = await em.query<(DuplicateRow & { person_id: string })[]>(
      INSERT_PERSON_WITH_DUPLICATES,
      personValues(details, serviceId, this.seal),
    );
    return { personId: rows[0].person_id, duplicates: toDuplicates(rows), linked: false };
  }

  /**
   * For a referral routed to another service before acceptance: its person goes too. A person
   * the old service still knows (through another referral or a case) stays there, and the new
   * service gets its own copy. Returns the person's id in the new service.
   */
  async movePerson(
    personId: string,
    toServiceId: string,
    knownElsewhere: boolean,
    em: EntityManager,
  ): Promise<string> {
    const hasCases = await em.exists(SupportCase, { where: { personId } });
    if (!knownElsewhere && !hasCases) {
      await em.update(Person, { id: personId }, { serviceId: toServiceId });
      return personId;
    }
    const person = await em.findOneOrFail(Person, { where: { id: personId } });
    const sealed = sealIdentity(this.seal, person);
    const copy = em.create(Person, {
      ...person,
      id: undefined,
      createdAt: undefined,
      updatedAt: undefined,
      serviceId: toServiceId,
      phoneIndex: sealed.phoneIndex,
      nhsNumberIndex: sealed.nhsNumberIndex,
    });
    await em.insert(Person, copy);
    await replaceNameTokens(em, copy, sealed.nameTokens);
    return copy.id;
  }

  /** Opens a case for an accepted referral, inside the caller's transaction. */
  async openCase(
    input: {
      personId: string;
      referralId: string;
      /** The referral's reference (LW-2026-000123), so the case can be found by it. */
      reference?: string | null;
      linkWorkerId: string;
      consentToShare: boolean;
      actorId: string;
    },
    em: EntityManager,
  ): Promise<string> {
    const reviewBy = addDays(ukDate(), 28);
    const c = em.create(SupportCase, {
      personId: input.personId,
      referralId: input.referralId,
      reference: input.reference ?? null,
      linkWorkerId: input.linkWorkerId,
      consentToShare: input.consentToShare,
      reviewBy,
    });
    await em.insert(SupportCase, c);
    await this.audit.record(
      {
        actorId: input.actorId,
        action: 'open',
        entity: 'case',
        entityId: c.id,
        subjectId: input.personId,
      },
      em,
    );
    return c.id;
  }

  async countOpenCases(linkWorkerId: string, em: EntityManager): Promise<number> {
    return em.count(SupportCase, { where: { linkWorkerId, status: 'open' } });
  }

  /** Open cases per link worker, in one statement (a link worker with none is left out). */
  async openCaseCounts(
    linkWorkerIds: readonly string[],
    em: EntityManager,
  ): Promise<Map<string, number>> {
    if (linkWorkerIds.length === 0) return new Map();
    const rows = await em
      .createQueryBuilder(SupportCase, 'c')
      .select('c.linkWorkerId', 'link_worker_id')
      .addSelect('count(*)::int', 'open')
      .where('c.linkWorkerId IN (:...ids)', { ids: [...new Set(linkWorkerIds)] })
      .andWhere("c.status = 'open'")
      .groupBy('c.linkWorkerId')
      .getRawMany<{ link_worker_id: string; open: number }>();
    return new Map(rows.map((r) => [r.link_worker_id, r.open]));
  }

  /** When and why a case ended, for letters back to referrers (the caller has checked access). */
  async closureOf(
    caseId: string,
  ): Promise<{ closedAt: string; reason: CaseCloseReason | null } | null> {
    const c = await this.scoped.run(ALL_SERVICES, (em) =>
      em.findOne(SupportCase, {
        where: { id: caseId },
        select: { id: true, status: true, closedAt: true, closeReason: true },
      }),
    );
    if (!c || c.status !== 'closed' || !c.closedAt) return null;
    return { closedAt: c.closedAt.toISOString(), reason: c.closeReason };
  }

  /**
   * Of these cases, the ids this actor may read (one query for a page of referrals): who may see
   * a case file follows the one rule in case-access.ts.
   */
  async readableCaseIds(
    caseIds: readonly string[],
    actor: AuthenticatedUser,
    em?: EntityManager,
  ): Promise<Set<string>> {
    if (caseIds.length === 0) return new Set();
    const rows = await this.within(scopeOf(actor), em, async (m) => {
      const cases = await m.find(SupportCase, {
        where: { id: In([...new Set(caseIds)]) },
        select: { id: true, linkWorkerId: true, serviceId: true },
      });
      // A colleague covering a link worker reads their cases as theirs.
      const covered = new Set(await this.cover.coveredBy(actor, m));
      for (const c of cases)
        if (covered.has(c.linkWorkerId))
          c.cover = await this.cover.coverOf(actor, c.linkWorkerId, m);
      return cases;
    });
    return new Set(rows.filter((c) => canReadCase(actor, c)).map((c) => c.id));
  }

  /** The case as this actor reaches it: with the cover they hold for its link worker today, if any. */
  async withCover(c: SupportCase, actor: AuthenticatedUser, em: EntityManager) {
    c.cover = await this.cover.coverOf(actor, c.linkWorkerId, em);
    return c;
  }

  /** The case, if this actor may read it; otherwise "not found", whether or not it exists. */
  async caseForActor(
    caseId: string,
    actor: AuthenticatedUser,
    em?: EntityManager,
  ): Promise<SupportCase> {
    return this.within(scopeOf(actor), em, async (m) => {
      const c = await m.findOne(SupportCase, { where: { id: caseId } });
      if (!c) throw notFound('Case');
      c.cover = await this.cover.coverOf(actor, c.linkWorkerId, m);
      if (!canReadCase(actor, c)) throw notFound('Case');
      await this.auditCover(c, actor, 'read_as_cover', m);
      return c;
    });
  }

  /**
   * The case, locked for this transaction, if this actor may change it: others who may not see
   * it get "not found", an admin (who may read it) is refused, and a closed case is read-only.
   */
  async caseForWork(
    caseId: string,
    actor: AuthenticatedUser,
    em: EntityManager,
    options: { allowClosed?: boolean } = {},
  ): Promise<SupportCase> {
    const c = await em.findOne(SupportCase, {
      where: { id: caseId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!c) throw notFound('Case');
    c.cover = await this.cover.coverOf(actor, c.linkWorkerId, em);
    if (!canReadCase(actor, c)) throw notFound('Case');
    if (!canWorkOnCase(actor, c)) {
      throw forbidden('Only the assigned link worker can change this case');
    }
    if (c.status === 'closed' && !options.allowClosed) {
      throw conflict('case_closed', 'The case is closed');
    }
    await this.auditCover(c, actor, 'work_as_cover', em);
    return c;
  }

  /** A colleague covering the link worker reached the case: every such read or change is audited as cover. */
  private async auditCover(
    c: SupportCase,
    actor: AuthenticatedUser,
    action: 'read_as_cover' | 'work_as_cover',
    em: EntityManager,
  ): Promise<void> {
    if (!c.cover) return;
    await this.audit.record(
      {
        actorId: actor.id,
        action,
        entity: 'case',
        entityId: c.id,
        subjectId: c.personId,
        detail: { coverId: c.cover.id, linkWorkerId: c.linkWorkerId },
      },
      em,
    );
  }

  /** Everything held about a person, for a subject access request (data protection). */
  personRecordState(personId: string): Promise<PersonRecordState> {
    return this.personData.recordState(personId);
  }

  exportPerson(personId: string, actorId: string): Promise<PersonExport> {
    return this.personData.exportPerson(personId, actorId);
  }

  /**
   * Removes identifying data about a person; counts that reports rely on stay the same. A null
   * actor is the system (retention); pass `manager` to join the caller's transaction.
   */
  erasePerson(
    personId: string,
    actorId: string | null,
    options: ErasureOptions = {},
  ): Promise<void> {
    return this.personData.erasePerson(personId, actorId, options);
  }

  /**
   * For retention: of these people, those not yet erased whose cases (if any) all closed before
   * `closedBefore`. With `lock`, they stay locked until the caller's transaction ends.
   */
  peoplePastCaseRetention(
    personIds: readonly string[],
    closedBefore: Date,
    options: { manager?: EntityManager; lock?: boolean } = {},
  ): Promise<CaseRetentionState[]> {
    return this.within(ALL_SERVICES, options.manager, (em) =>
      peoplePastCaseRetention(em, personIds, closedBefore, options.lock ?? false),
    );
  }

  async getCase(caseId: string, actor: AuthenticatedUser): Promise<CaseSummary> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.caseForActor(caseId, actor, em);
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
      return toSummary(c);
    });
  }

  /**
   * What a letter to the person needs from their case (the welcome letter), with the case's access
   * rule (404 otherwise); audited as a read of the case.
   */
  async letterAddressee(caseId: string, actor: AuthenticatedUser): Promise<LetterAddressee> {
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.caseForActor(caseId, actor, em);
      const p = await em.findOneOrFail(Person, { where: { id: c.personId } });
      await this.audit.record(
        { actorId: actor.id, action: 'read', entity: 'case', entityId: c.id, subjectId: p.id },
        em,
      );
      return {
        caseId: c.id,
        referralId: c.referralId,
        linkWorkerId: c.linkWorkerId,
        givenName: p.givenName,
        preferredLanguage: p.preferredLanguage,
        interpreterNeeded: p.interpreterNeeded ?? false,
        interpreter: interpreterOf(p),
      };
    });
  }

  /** For matching and placements: the case's needs for a group, with the same access rule. */
  async matchingProfile(
    caseId: string,
    actor: AuthenticatedUser,
    em?: EntityManager,
  ): Promise<MatchingProfile> {
    const [c, person] = await this.within(scopeOf(actor), em, async (m) => {
      const found = await this.caseForActor(caseId, actor, m);
      return [found, await m.findOneOrFail(Person, { where: { id: found.personId } })] as const;
    });
    return {
      caseId: c.id,
      personId: c.personId,
      linkWorkerId: c.linkWorkerId,
      status: c.status,
      requiredLevel: c.requiredLevel,
      preferredLanguage: person.preferredLanguage,
      interpreterNeeded: person.interpreterNeeded ?? false,
      interpreter: interpreterOf(person),
      postcode: person.postcode,
      consentToShare: c.consentToShare,
      inCrisis: c.inCrisis,
    };
  }

  /**
   * The names of the people whose cases these are, for lists that must tell people apart (a link
   * worker's placements). No access check here: the caller has already checked it may see each
   * case. Erased people have no name left to give.
   */
  async personNamesOfCases(
    caseIds: readonly string[],
    em?: EntityManager,
  ): Promise<Map<string, { givenName: string; familyName: string | null }>> {
    if (caseIds.length === 0) return new Map();
    const rows = await this.within(ALL_SERVICES, em, (m) =>
      m
        .createQueryBuilder(SupportCase, 'c')
        .innerJoin(Person, 'p', 'p.id = c.personId')
        .select(['c.id AS case_id', 'p.givenName AS given_name', 'p.familyName AS family_name'])
        .where('c.id IN (:...ids)', { ids: [...new Set(caseIds)] })
        .getRawMany<{ case_id: string; given_name: string; family_name: string | null }>(),
    );
    // Raw rows skip the entity's transformer: the names come sealed and are opened here.
    return new Map(
      rows.map((r) => [
        r.case_id,
        {
          givenName: this.seal.cipher.decrypt(r.given_name),
          familyName: this.seal.cipher.decryptNullable(r.family_name),
        },
      ]),
    );
  }

  /**
   * What a community group may know about the person it is asked to welcome (for placements):
   * contact details only when the person agreed to share them; never migration, safeguarding,
   * crisis or health detail. No access check here: the caller has already checked the group.
   */
  async groupFacingSummary(
    caseId: string,
    em?: EntityManager,
  ): Promise<{
    givenName: string;
    phone: string | null;
    email: string | null;
    preferredContact: string | null;
    preferredLanguage: string | null;
    interpreterNeeded: boolean;
    interpreter: Required<InterpreterPreferences> | null;
    accessNeeds: string | null;
    whatMattersToMe: string | null;
  }> {
    // Groups serve every service: the caller has checked this group may see this case.
    const [c, p] = await this.within(ALL_SERVICES, em, async (m) => {
      const found = await m.findOneOrFail(SupportCase, { where: { id: caseId } });
      return [found, await m.findOneOrFail(Person, { where: { id: found.personId } })] as const;
    });
    return {
      givenName: p.givenName,
      phone: c.consentToShare ? p.phone : null,
      email: c.consentToShare ? p.email : null,
      preferredContact: c.consentToShare ? p.preferredContact : null,
      preferredLanguage: p.preferredLanguage,
      interpreterNeeded: p.interpreterNeeded ?? false,
      // The wishes travel with the need; why the person needs an interpreter never does.
      interpreter: p.interpreterNeeded ? interpreterOf(p) : null,
      accessNeeds: p.accessNeeds,
      whatMattersToMe: c.whatMattersToMe,
    };
  }
}

export function toSummary(c: SupportCase): CaseSummary {
  return {
    id: c.id,
    personId: c.personId,
    referralId: c.referralId,
    serviceId: c.serviceId,
    reference: c.reference,
    linkWorkerId: c.linkWorkerId,
    status: c.status,
    inCrisis: c.inCrisis,
    reviewBy: c.reviewBy,
    requiredLevel: c.requiredLevel,
    openedAt: c.openedAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
    closeReason: c.closeReason,
    ...(c.cover ? { cover: c.cover } : {}),
  };
}
