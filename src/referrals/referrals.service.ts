import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Not, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UsersService } from '../auth/users.service';
import { CaseLookupService, type CaseProgress } from '../casework/case-lookup.service';
import { CaseworkService } from '../casework/casework.service';
import type { PersonDetails } from '../casework/person.types';
import { FieldCipher } from '../common/crypto/field-cipher';
import { emitInTurn } from '../common/events/emit-in-turn';
import { conflict, DomainError, forbidden, invalid, notFound } from '../common/domain-error';
import { decodeCursor, toPage, type Page } from '../common/http/pagination';
import { ukDate } from '../common/uk-date';
import type {
  NeedsDomain,
  ReferralChannel,
  ReferralDeclineReason,
  ReferralStatus,
  Urgency,
} from '../common/vocabulary';
import { ReferralContactAttempt } from './contact-attempt.entity';
import type { ContactAttemptView } from './contact-attempt.views';
import { requestHash } from './idempotency';
import { ReferralRouting, type RoutingHints } from './referral-routing';
import {
  canReadReferralDocument,
  canSeeReferral,
  canWorkOnReferral,
  isStaff,
  seesReferralDetail,
} from './referral-access';
import { Referral } from './referral.entity';
import {
  REFERRAL_ACCEPTED,
  REFERRAL_DECLINED,
  REFERRAL_RECEIVED,
  type ReferralDeclinedEvent,
  type ReferralEvent,
  type ReferralSender,
} from './referrals.events';
import { INSERT_REFERRAL, INSERT_REFERRAL_WITH_IDEMPOTENCY_KEY } from './referral.sql';
import { ScopedTransactions, ALL_SERVICES, onlyService } from '../services/scoped-transactions';
import { ServicesService } from '../services/services.service';
import type {
  ConsentGiver,
  ContactMethod,
  ContactOutcome,
  StoredDuplicate,
} from './referral.types';
import {
  toReferrerView,
  toStaffListItem,
  toStaffView,
  type CreatedReferral,
  type ReferrerReferralView,
  type StaffReferralListItem,
  type StaffReferralView,
} from './referral.views';

/** A referral as any door delivers it (API, self-referral form, FHIR, demo data). */
export interface NewReferral {
  channel: ReferralChannel;
  referrerName?: string | null;
  referrerContact?: string | null;
  person: PersonDetails;
  reasons: NeedsDomain[];
  summary?: string | null;
  urgency?: Urgency;
  consent: {
    referralDiscussed: boolean;
    date?: string;
    shareWithProviders?: boolean;
    givenBy?: ConsentGiver;
  };
}

export interface ReferralListQuery {
  status?: ReferralStatus;
  unassigned?: boolean;
  assignedTo?: string;
  limit: number;
  cursor?: string;
}

const STATUS_RANK = `CASE r.status WHEN 'received' THEN 0 WHEN 'assigned' THEN 1 ELSE 2 END`;
const URGENCY_RANK = `CASE r.urgency WHEN 'urgent' THEN 0 WHEN 'soon' THEN 1 ELSE 2 END`;
const URGENCY_ORDER: readonly Urgency[] = ['urgent', 'soon', 'routine'];
const statusRank = (s: ReferralStatus) => (s === 'received' ? 0 : s === 'assigned' ? 1 : 2);

@Injectable()
export class ReferralsService {
  constructor(
    @InjectRepository(Referral) private readonly referrals: Repository<Referral>,
    private readonly casework: CaseworkService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly cipher: FieldCipher,
    private readonly scoped: ScopedTransactions,
    private readonly routing: ReferralRouting,
    private readonly services: ServicesService,
    private readonly events: EventEmitter2,
    private readonly cases: CaseLookupService,
  ) {}

  /**
   * Records a referral and registers its person in casework, in one transaction. With an
   * idempotency key, a repeat of the same request (even a simultaneous one) returns the first
   * answer and creates nothing; the same key with a different request is a conflict.
   * `publicClient` scopes keys of anonymous requests (the client address). The referral and its
   * person go to the service routing chooses (see ReferralRouting), in that service's scope.
   */
  async create(
    input: NewReferral,
    actor: AuthenticatedUser | null,
    idempotencyKey?: string,
    publicClient = 'anonymous',
    hints: Omit<RoutingHints, 'postcode'> = {},
  ): Promise<CreatedReferral> {
    if (input.consent.referralDiscussed !== true) {
      throw invalid('consent_required', 'The person must agree to be referred', [
        { field: 'consent.referralDiscussed', message: 'must be true' },
      ]);
    }
    const scope = actor ? `user:${actor.id}` : `client:${publicClient}`.slice(0, 80);
    const hash = requestHash(input);
    const serviceId = await this.routing.serviceFor(actor, {
      ...hints,
      postcode: input.person.postcode,
    });
    return this.scoped.run(onlyService(serviceId), async (em) => {
      if (!idempotencyKey) return this.insertReferral(input, actor, em, serviceId);
      // Serialises retries with this key: the second waits, then finds the first one's answer.
      await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `referral-idempotency:${scope}:${idempotencyKey}`,
      ]);
      const [prior] = await em.query<{ request_hash: string; response_body: CreatedReferral }[]>(
        `SELECT request_hash, response_body FROM referral_idempotency_key
          WHERE scope = $1 AND key = $2`,
        [scope, idempotencyKey],
      );
      if (prior) {
        if (prior.request_hash !== hash) {
          throw conflict(
            'idempotency_key_reused',
            'This Idempotency-Key was already used with a different request',
          );
        }
        return prior.response_body;
      }
      return this.insertReferral(input, actor, em, serviceId, {
        scope,
        key: idempotencyKey,
        hash,
      });
    });
  }

  /** The person, the referral with its reference, and the idempotency record: see referral.sql. */
  private async insertReferral(
    input: NewReferral,
    actor: AuthenticatedUser | null,
    em: EntityManager,
    serviceId: string,
    idempotency?: { scope: string; key: string; hash: string },
  ): Promise<CreatedReferral> {
    const {
      personId,
      duplicates: matches,
      linked,
    } = await this.casework.registerPerson(input.person, serviceId, em);
    const duplicates = await this.withTheirReferrals(matches, em);
    const receivedAt = new Date();
    const values: unknown[] = [
      String(receivedAt.getUTCFullYear()),
      input.channel,
      actor?.organisationId ?? null,
      actor?.id ?? null,
      input.referrerName?.trim() || null,
      input.referrerContact?.trim() || null,
      personId,
      this.cipher.encrypt(JSON.stringify(input.person)),
      input.reasons,
      this.cipher.encryptNullable(input.summary?.trim() || null),
      input.urgency ?? 'routine',
      input.consent.date ?? ukDate(receivedAt),
      input.consent.shareWithProviders ?? false,
      input.consent.givenBy ?? 'person',
      JSON.stringify(duplicates),
      receivedAt,
      serviceId,
    ];
    const rows = await em.query<{ id: string; reference: string }[]>(
      idempotency ? INSERT_REFERRAL_WITH_IDEMPOTENCY_KEY : INSERT_REFERRAL,
      idempotency
        ? [
            ...values,
            idempotency.scope,
            idempotency.key,
            idempotency.hash,
            receivedAt.toISOString(),
          ]
        : values,
    );
    const [{ id, reference }] = rows;
    await this.audit.record(
      {
        actorId: actor?.id ?? null,
        action: 'create',
        entity: 'referral',
        entityId: id,
        subjectId: personId,
        detail: {
          channel: input.channel,
          possibleDuplicates: duplicates.length,
          ...(linked ? { linkedToMergedRecord: true } : {}),
        },
      },
      em,
    );
    const received: ReferralEvent = {
      referralId: id,
      reference,
      serviceId,
      organisationId: actor?.organisationId ?? null,
      createdById: actor?.id ?? null,
      manager: em,
    };
    await emitInTurn(this.events, REFERRAL_RECEIVED, received);
    return { id, reference, status: 'received', receivedAt: receivedAt.toISOString() };
  }

  private async withTheirReferrals(
    matches: { personId: string; reason: StoredDuplicate['reason'] }[],
    em: EntityManager,
  ): Promise<StoredDuplicate[]> {
    if (matches.length === 0) return [];
    const rows = await em
      .createQueryBuilder(Referral, 'r')
      .select(['r.id', 'r.reference', 'r.personId'])
      .where('r.personId IN (:...ids)', { ids: matches.map((m) => m.personId) })
      .orderBy('r.receivedAt', 'ASC')
      .getMany();
    return matches.map((m) => ({
      ...m,
      referrals: rows
        .filter((r) => r.personId === m.personId)
        .map((r) => ({ id: r.id, reference: r.reference })),
    }));
  }

  /** Staff: every referral in triage order (unassigned first, most urgent, oldest). Referrers: their organisation's, newest first. */
  async list(
    actor: AuthenticatedUser,
    query: ReferralListQuery,
  ): Promise<Page<StaffReferralListItem | ReferrerReferralView>> {
    // A link worker's or team lead's list is their service's: row-level security keeps it so.
    return this.scoped.forActor(actor, (em) => this.listWithin(em, actor, query));
  }

  private async listWithin(
    em: EntityManager,
    actor: AuthenticatedUser,
    query: ReferralListQuery,
  ): Promise<Page<StaffReferralListItem | ReferrerReferralView>> {
    const cursor = decodeCursor(query.cursor);
    const qb = em.createQueryBuilder(Referral, 'r').take(query.limit + 1);
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.unassigned !== undefined)
      qb.andWhere(
        query.unassigned ? 'r.assignedLinkWorkerId IS NULL' : 'r.assignedLinkWorkerId IS NOT NULL',
      );
    if (query.assignedTo) {
      const who = query.assignedTo === 'me' ? actor.id : query.assignedTo.toLowerCase();
      qb.andWhere('r.assignedLinkWorkerId = :who', { who });
    }

    if (!isStaff(actor)) {
      if (!actor.organisationId) return { items: [], nextCursor: null };
      qb.andWhere('r.organisationId = :org', { org: actor.organisationId })
        .orderBy('r.receivedAt', 'DESC')
        .addOrderBy('r.id', 'DESC');
      if (cursor)
        qb.andWhere('(r.receivedAt, r.id) < (:at, :id)', { at: cursor.at, id: cursor.id });
      const page = toPage(await qb.getMany(), query.limit, (r) => ({
        at: r.receivedAt.toISOString(),
        id: r.id,
      }));
      return { items: page.items.map(toReferrerView), nextCursor: page.nextCursor };
    }

    qb.addSelect(STATUS_RANK, 'status_rank')
      .addSelect(URGENCY_RANK, 'urgency_rank')
      .orderBy('status_rank', 'ASC')
      .addOrderBy('urgency_rank', 'ASC')
      .addOrderBy('r.receivedAt', 'ASC')
      .addOrderBy('r.id', 'ASC');
    if (cursor) {
      const [sr, ur, at] = cursor.at.split('|');
      if (!/^[0-2]$/.test(sr ?? '') || !/^[0-2]$/.test(ur ?? '') || !at) {
        throw invalid('invalid_cursor', 'The cursor is not valid', [
          { field: 'cursor', message: 'is not a valid cursor' },
        ]);
      }
      qb.andWhere(`(${STATUS_RANK}, ${URGENCY_RANK}, r.receivedAt, r.id) > (:sr, :ur, :at, :id)`, {
        sr: Number(sr),
        ur: Number(ur),
        at,
        id: cursor.id,
      });
    }
    const page = toPage(await qb.getMany(), query.limit, (r) => ({
      at: `${statusRank(r.status)}|${URGENCY_ORDER.indexOf(r.urgency)}|${r.receivedAt.toISOString()}`,
      id: r.id,
    }));
    const readable = await this.readableCasesOf(page.items, actor, em);
    return {
      items: page.items.map((r) =>
        seesReferralDetail(actor, r, readable) ? this.staffListItem(r) : toReferrerView(r),
      ),
      nextCursor: page.nextCursor,
    };
  }

  /** A referral's reference, for letters about a case the caller may already read. */
  async referenceOf(referralId: string): Promise<string | null> {
    const r = await this.scoped.run(ALL_SERVICES, (em) =>
      em.findOne(Referral, { where: { id: referralId }, select: { id: true, reference: true } }),
    );
    return r?.reference ?? null;
  }

  /** One referral in the view this actor may have; staff reads are audited (person details). */
  async get(
    id: string,
    actor: AuthenticatedUser,
  ): Promise<StaffReferralView | ReferrerReferralView> {
    return this.scoped.forActor(actor, async (em) => {
      const r = await this.visible(id, actor, em);
      if (!isStaff(actor)) return toReferrerView(r);
      if (!seesReferralDetail(actor, r, await this.readableCasesOf([r], actor, em))) {
        return toReferrerView(r);
      }
      const attempts = await em.find(ReferralContactAttempt, {
        where: { referralId: id },
        order: { attemptedAt: 'ASC' },
      });
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'read',
          entity: 'referral',
          entityId: r.id,
          subjectId: r.personId,
        },
        em,
      );
      return { ...this.staffView(r), contactAttempts: attempts.map((a) => this.attemptView(a)) };
    });
  }

  /**
   * Assigns to a link worker, refusing when their open caseload (cases + assigned referrals) is
   * full. Assigning is working on the referral: a link worker may assign one nobody holds, or
   * hand on their own, never take another link worker's.
   */
  async assign(
    id: string,
    linkWorkerId: string,
    actor: AuthenticatedUser,
  ): Promise<StaffReferralView> {
    return this.scoped.forActor(actor, async (em) =>
      this.staffView(await this.assignWithin(em, id, linkWorkerId, actor)),
    );
  }

  /**
   * Several referrals to one link worker, each checked as a single assignment is, in one
   * transaction: all are assigned or, at the first refusal, none (its error names the referral).
   */
  async assignMany(
    ids: string[],
    linkWorkerId: string,
    actor: AuthenticatedUser,
  ): Promise<StaffReferralView[]> {
    return this.scoped.forActor(actor, (em) =>
      this.eachOf(ids, em, (id) => this.assignWithin(em, id, linkWorkerId, actor)),
    );
  }

  private async assignWithin(
    em: EntityManager,
    id: string,
    linkWorkerId: string,
    actor: AuthenticatedUser,
  ): Promise<Referral> {
    const r = await this.lockForWork(id, actor, em);
    if (r.status !== 'received' && r.status !== 'assigned') {
      throw conflict('referral_closed', `The referral is already ${r.status}`);
    }
    const worker = await this.users.activeLinkWorker(linkWorkerId);
    if (!worker) {
      throw invalid('link_worker_unknown', 'No active link worker has this id', [
        { field: 'linkWorkerId', message: 'must be the id of an active link worker' },
      ]);
    }
    if (worker.serviceId !== r.serviceId) {
      throw invalid('link_worker_other_service', 'This link worker works in another service', [
        { field: 'linkWorkerId', message: 'must be a link worker of the referral’s service' },
      ]);
    }
    const limit = worker.caseloadLimit;
    // One assignment per link worker at a time, so two cannot both take the last place.
    await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `caseload:${linkWorkerId}`,
    ]);
    const openCases = await this.casework.countOpenCases(linkWorkerId, em);
    const pending = await em.count(Referral, {
      where: { assignedLinkWorkerId: linkWorkerId, status: 'assigned', id: Not(r.id) },
    });
    if (openCases + pending >= limit) {
      throw conflict(
        'caseload_full',
        `This link worker's caseload is full (${openCases + pending} of ${limit})`,
      );
    }
    r.status = 'assigned';
    r.assignedLinkWorkerId = linkWorkerId;
    r.assignedAt = new Date();
    await em.save(r);
    await this.record(actor, 'assign', r, em, { linkWorkerId });
    return r;
  }

  /**
   * An admin sends a referral that is not yet accepted to another service: its assignment ends
   * (that link worker is of the old service), and its person goes with it. Audited with the reason.
   */
  async route(
    id: string,
    input: { serviceId: string; reason: string },
    actor: AuthenticatedUser,
  ): Promise<StaffReferralView> {
    await this.services.assertExist([input.serviceId], 'serviceId');
    return this.scoped.run(ALL_SERVICES, async (em) => {
      const r = await this.lockVisible(id, actor, em);
      if (r.status !== 'received' && r.status !== 'assigned')
        throw conflict('referral_closed', `The referral is already ${r.status}`);
      if (r.serviceId === input.serviceId)
        throw conflict('referral_already_there', 'The referral is already in this service');
      const from = r.serviceId;
      const sharedPerson = await em.exists(Referral, {
        where: { personId: r.personId, id: Not(r.id) },
      });
      r.personId = await this.casework.movePerson(r.personId, input.serviceId, sharedPerson, em);
      r.serviceId = input.serviceId;
      r.status = 'received';
      r.assignedLinkWorkerId = null;
      r.assignedAt = null;
      await em.save(r);
      await em.query('UPDATE referral_contact_attempt SET service_id = $1 WHERE referral_id = $2', [
        r.serviceId,
        r.id,
      ]);
      await this.record(actor, 'route', r, em, {
        fromServiceId: from,
        toServiceId: input.serviceId,
        reason: input.reason,
      });
      return this.staffView(r);
    });
  }

  /** Accepts an assigned referral: casework opens a case for its link worker. */
  async accept(id: string, actor: AuthenticatedUser): Promise<{ caseId: string }> {
    return this.scoped.forActor(actor, async (em) => {
      const r = await this.lockForWork(id, actor, em);
      if (r.status === 'accepted')
        throw conflict('referral_already_accepted', 'The referral was already accepted');
      if (r.status === 'declined')
        throw conflict('referral_declined', 'A declined referral cannot be accepted');
      if (r.status !== 'assigned' || !r.assignedLinkWorkerId)
        throw conflict('referral_not_assigned', 'Assign the referral to a link worker first');
      const caseId = await this.casework.openCase(
        {
          personId: r.personId,
          referralId: r.id,
          reference: r.reference,
          linkWorkerId: r.assignedLinkWorkerId,
          consentToShare: r.consentShareWithProviders,
          actorId: actor.id,
        },
        em,
      );
      r.status = 'accepted';
      r.acceptedAt = new Date();
      r.caseId = caseId;
      await em.save(r);
      await this.record(actor, 'accept', r, em, { caseId });
      const accepted: ReferralEvent = { ...senderOf(r), manager: em };
      await emitInTurn(this.events, REFERRAL_ACCEPTED, accepted);
      return { caseId };
    });
  }

  async decline(
    id: string,
    input: { reason: ReferralDeclineReason; note?: string | null },
    actor: AuthenticatedUser,
  ): Promise<StaffReferralView> {
    return this.scoped.forActor(actor, async (em) =>
      this.staffView(await this.declineWithin(em, id, input, actor)),
    );
  }

  /** Several referrals declined for one reason, as `assignMany`: all, or none. */
  async declineMany(
    ids: string[],
    input: { reason: ReferralDeclineReason; note?: string | null },
    actor: AuthenticatedUser,
  ): Promise<StaffReferralView[]> {
    return this.scoped.forActor(actor, (em) =>
      this.eachOf(ids, em, (id) => this.declineWithin(em, id, input, actor)),
    );
  }

  private async declineWithin(
    em: EntityManager,
    id: string,
    input: { reason: ReferralDeclineReason; note?: string | null },
    actor: AuthenticatedUser,
  ): Promise<Referral> {
    const r = await this.lockForWork(id, actor, em);
    if (r.status === 'accepted' || r.status === 'declined')
      throw conflict('referral_closed', `The referral is already ${r.status}`);
    r.status = 'declined';
    r.declinedAt = new Date();
    r.declineReason = input.reason;
    r.declineNoteEncrypted = this.cipher.encryptNullable(input.note?.trim() || null);
    await em.save(r);
    await this.record(actor, 'decline', r, em, { reason: input.reason });
    const declined: ReferralDeclinedEvent = {
      ...senderOf(r),
      reason: input.reason,
      manager: em,
    };
    await emitInTurn(this.events, REFERRAL_DECLINED, declined);
    return r;
  }

  /**
   * One change per referral, in turn, in the caller's transaction. A refusal stops the lot (the
   * transaction rolls back) and says which referral it was about: its position in the request,
   * and its reference when the caller may see it.
   */
  private async eachOf(
    ids: string[],
    em: EntityManager,
    change: (id: string) => Promise<Referral>,
  ): Promise<StaffReferralView[]> {
    const done: Referral[] = [];
    for (const [index, id] of ids.entries()) {
      try {
        done.push(await change(id));
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        const [known] = e.kind === 'not_found' ? [] : await em.find(Referral, { where: { id } });
        const which = known
          ? `Referral ${known.reference}`
          : `Referral ${index + 1} of those chosen`;
        throw new DomainError(e.kind, e.code, `${which}: ${e.message}. Nothing was changed.`, [
          { field: `referralIds.${index}`, message: `${which}: ${e.message}` },
          ...(e.errors ?? []),
        ]);
      }
    }
    return done.map((r) => this.staffView(r));
  }

  async recordContactAttempt(
    id: string,
    input: { method: ContactMethod; outcome: ContactOutcome; note?: string | null },
    actor: AuthenticatedUser,
  ): Promise<ContactAttemptView> {
    return this.scoped.forActor(actor, async (em) => {
      const r = await this.lockForWork(id, actor, em);
      if (r.status === 'declined') throw conflict('referral_closed', 'The referral was declined');
      const attempt = em.create(ReferralContactAttempt, {
        referralId: r.id,
        method: input.method,
        outcome: input.outcome,
        noteEncrypted: this.cipher.encryptNullable(input.note?.trim() || null),
        actorId: actor.id,
        attemptedAt: new Date(),
      });
      await em.insert(ReferralContactAttempt, attempt);
      if (input.outcome === 'reached' && !r.firstContactAt) {
        r.firstContactAt = attempt.attemptedAt;
        await em.save(r);
      }
      await this.record(actor, 'contact_attempt', r, em, {
        method: input.method,
        outcome: input.outcome,
      });
      return this.attemptView(attempt);
    });
  }

  /**
   * Who sent the referral a case came from, for telling them how it goes (in the caller's
   * transaction); undefined for a case without a referral.
   */
  async senderOfCase(caseId: string, em: EntityManager): Promise<ReferralSender | undefined> {
    const r = await em.findOne(Referral, { where: { caseId } });
    return r ? senderOf(r) : undefined;
  }

  /**
   * The referral as received and how far its support has gone, for GP systems (FHIR): its
   * referring organisation, link workers of its service and admins (the caller's role check
   * keeps others out). Audited, as it names the person.
   */
  async forStatusReport(
    id: string,
    actor: AuthenticatedUser,
  ): Promise<{
    referral: StaffReferralView;
    progress: CaseProgress | undefined;
    /** Whether the reader may see whom it is about (the referrer that sent it always may). */
    showsPerson: boolean;
  }> {
    return this.scoped.forActor(actor, async (em) => {
      const r = await this.visible(id, actor, em);
      const showsPerson =
        actor.role === 'referrer' ||
        seesReferralDetail(actor, r, await this.readableCasesOf([r], actor, em));
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'read_fhir_status',
          entity: 'referral',
          entityId: r.id,
          subjectId: r.personId,
        },
        em,
      );
      const progress = r.caseId ? await this.cases.progressOf(r.caseId, em) : undefined;
      return { referral: this.staffView(r), progress, showsPerson };
    });
  }

  /** The referral with decrypted details, for letters; same rules as working on it. */
  async forDocument(
    id: string,
    actor: AuthenticatedUser,
    kind: 'message_back' | 'person_letter',
  ): Promise<StaffReferralView> {
    return this.scoped.forActor(actor, async (em) => {
      const r = await this.visible(id, actor, em);
      const staffMaySee =
        actor.role === 'referrer' ||
        seesReferralDetail(actor, r, await this.readableCasesOf([r], actor, em));
      if (!canReadReferralDocument(actor, r, kind) || !staffMaySee) throw forbidden();
      await this.audit.record(
        {
          actorId: actor.id,
          action: kind === 'message_back' ? 'read_message_back' : 'read_person_letter',
          entity: 'referral',
          entityId: r.id,
          subjectId: r.personId,
        },
        em,
      );
      return this.staffView(r);
    });
  }

  /**
   * For data-protection erasure: removes the identifying intake details and free text kept on a
   * person's referrals, inside the caller's transaction. Codes, dates and statuses stay for counts.
   */
  async eraseIntakeDetails(personId: string, em: EntityManager): Promise<void> {
    // What reports need of the person, generalised (age band, area codes, year-of-arrival band…),
    // kept on each referral before casework removes the date of birth, postcode and year.
    await em.query('SELECT linkway_freeze_report_facts($1)', [personId]);
    // Other people's referrals named this person as a possible duplicate ("same date of birth…"):
    // with the other person's date of birth, that would give this one's back.
    await em.query(
      `UPDATE referral
          SET possible_duplicates = COALESCE(
            (SELECT jsonb_agg(d) FROM jsonb_array_elements(possible_duplicates) d
              WHERE d->>'personId' IS DISTINCT FROM $1::text), '[]'::jsonb)
        WHERE possible_duplicates @> jsonb_build_array(jsonb_build_object('personId', $1::text))`,
      [personId],
    );
    const rows = await em.find(Referral, { where: { personId }, select: { id: true } });
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    await em.update(Referral, ids, {
      personDetailsEncrypted: this.cipher.encrypt(JSON.stringify({ givenName: '[erased]' })),
      summaryEncrypted: null,
      declineNoteEncrypted: null,
      referrerContact: null,
    });
    await em
      .createQueryBuilder()
      .update(ReferralContactAttempt)
      .set({ noteEncrypted: null })
      .where('referral_id IN (:...ids)', { ids })
      .execute();
  }

  /**
   * For a subject access export: every referral about the person, decrypted, with its contact
   * attempts, read inside the caller's transaction (the export itself is audited by casework).
   */
  async exportForPerson(personId: string, em: EntityManager): Promise<StaffReferralView[]> {
    const rows = await em.find(Referral, { where: { personId }, order: { receivedAt: 'ASC' } });
    if (rows.length === 0) return [];
    const attempts = await em.find(ReferralContactAttempt, {
      where: { referralId: In(rows.map((r) => r.id)) },
      order: { attemptedAt: 'ASC' },
    });
    return rows.map((r) => ({
      ...this.staffView(r),
      contactAttempts: attempts
        .filter((a) => a.referralId === r.id)
        .map((a) => this.attemptView(a)),
    }));
  }

  /** The accepted referrals' cases that this actor may read (see seesReferralDetail). */
  private readableCasesOf(
    referrals: Pick<Referral, 'caseId'>[],
    actor: AuthenticatedUser,
    em: EntityManager,
  ): Promise<Set<string>> {
    const caseIds = referrals.flatMap((r) => (r.caseId ? [r.caseId] : []));
    return actor.role === 'link_worker' || actor.role === 'team_lead'
      ? this.casework.readableCaseIds(caseIds, actor, em)
      : Promise.resolve(new Set());
  }

  private async visible(id: string, actor: AuthenticatedUser, em: EntityManager) {
    const r = await em.findOne(Referral, { where: { id } });
    if (!r || !canSeeReferral(actor, r)) throw notFound('Referral');
    return r;
  }

  private async lockVisible(id: string, actor: AuthenticatedUser, em: EntityManager) {
    const r = await em.findOne(Referral, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!r || !canSeeReferral(actor, r)) throw notFound('Referral');
    return r;
  }

  private async lockForWork(id: string, actor: AuthenticatedUser, em: EntityManager) {
    const r = await this.lockVisible(id, actor, em);
    if (!canWorkOnReferral(actor, r))
      throw forbidden('Only the assigned link worker or an administrator can do this');
    return r;
  }

  private record(
    actor: AuthenticatedUser,
    action: string,
    r: Referral,
    em: EntityManager,
    detail?: Record<string, unknown>,
  ) {
    return this.audit.record(
      {
        actorId: actor.id,
        action,
        entity: 'referral',
        entityId: r.id,
        subjectId: r.personId,
        detail,
      },
      em,
    );
  }

  private staffView(r: Referral): StaffReferralView {
    return toStaffView(r, {
      person: this.personOf(r),
      summary: this.cipher.decryptNullable(r.summaryEncrypted),
      declineNote: this.cipher.decryptNullable(r.declineNoteEncrypted),
    });
  }

  /** Lists carry no free text and only enough of the person to triage by. */
  private staffListItem(r: Referral): StaffReferralListItem {
    return toStaffListItem(r, this.personOf(r));
  }

  private personOf(r: Referral): PersonDetails {
    return JSON.parse(this.cipher.decrypt(r.personDetailsEncrypted)) as PersonDetails;
  }

  private attemptView(a: ReferralContactAttempt): ContactAttemptView {
    return {
      id: a.id,
      referralId: a.referralId,
      method: a.method,
      outcome: a.outcome,
      note: this.cipher.decryptNullable(a.noteEncrypted),
      actorId: a.actorId,
      attemptedAt: a.attemptedAt.toISOString(),
    };
  }
}

const senderOf = (r: Referral): ReferralSender => ({
  referralId: r.id,
  reference: r.reference,
  serviceId: r.serviceId,
  organisationId: r.organisationId,
  createdById: r.createdById,
});
