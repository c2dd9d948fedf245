import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { CaseworkService } from '../casework/casework.service';
import { retentionConfig } from '../config/configuration';
import { Referral } from './referral.entity';
import {
  RETENTION_KINDS,
  retentionCutoffs,
  type RetentionCutoffs,
  type RetentionKind,
} from './retention-periods';
import { ScopedTransactions, setScope, ALL_SERVICES } from '../services/scoped-transactions';

/** A person whose records are all past their retention period. */
export interface RetentionCandidate {
  personId: string;
  kind: RetentionKind;
  /** When the governing retention period began: the decision, last activity or closure. */
  since: string;
}

export interface RetentionReport {
  /** True when nothing was changed: the report says what a run would anonymise. */
  dryRun: boolean;
  /** False when another instance was already applying retention, so this one did nothing. */
  ran: boolean;
  asOf: string;
  periods: {
    declinedReferralMonths: number;
    undecidedReferralMonths: number;
    closedCaseMonths: number;
  };
  /** Records decided, untouched or closed before these moments are past their period. */
  cutoffs: { declinedReferral: string; undecidedReferral: string; closedCase: string };
  /** People anonymised (or, in a dry run, to be anonymised), by kind. */
  counts: Record<RetentionKind, number>;
  total: number;
  /** The people, oldest-due first, up to a limit. */
  people: RetentionCandidate[];
  truncated: boolean;
}

interface ReferralSide {
  person_id: string;
  has_accepted: boolean;
  has_declined: boolean;
  last_referral_at: Date | null;
}

/** Any constant works; it only has to be the same on every instance. */
const LOCK_KEY = 'linkway.retention';
/** People erased per transaction: small enough to keep locks short, large enough to be quick. */
const BATCH_SIZE = 100;
/** Person ids per query to casework. */
const CHUNK_SIZE = 5000;
const LISTED_PEOPLE = 500;

/**
 * Retention: people whose every record is past its period (declined referrals, referrals never
 * decided and left untouched, closed cases) are anonymised through casework's erasure, which
 * keeps codes, dates and statuses so that aggregate reports do not change. A person with an open
 * case, or any record still inside its period, is kept whole.
 */
@Injectable()
export class RetentionService {
  constructor(
    @InjectRepository(Referral) private readonly referrals: Repository<Referral>,
    private readonly casework: CaseworkService,
    @Inject(retentionConfig.KEY) private readonly config: ConfigType<typeof retentionConfig>,
    private readonly scoped: ScopedTransactions,
  ) {}

  /** What a run now would anonymise; changes nothing. */
  async dryRun(now = new Date()): Promise<RetentionReport> {
    const cutoffs = retentionCutoffs(this.config, now);
    const due = await this.scoped.run(ALL_SERVICES, (em) =>
      this.candidates(em, cutoffs, null, false),
    );
    return this.report(now, cutoffs, due, { dryRun: true, ran: true });
  }

  /**
   * Anonymises everyone past retention, in batches of one transaction each, every erasure audited
   * (`actorId` null when the scheduled job runs it). Only one instance applies retention at a
   * time: a second caller gets `ran: false` at once.
   */
  async apply(actorId: string | null, now = new Date()): Promise<RetentionReport> {
    const cutoffs = retentionCutoffs(this.config, now);
    const runner = this.referrals.manager.connection.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(
        'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
        [LOCK_KEY],
      )) as { locked: boolean }[];
      if (!locked) return this.report(now, cutoffs, [], { dryRun: false, ran: false });
      try {
        const due = await this.scoped.run(ALL_SERVICES, (em) =>
          this.candidates(em, cutoffs, null, false),
        );
        const erased: RetentionCandidate[] = [];
        for (let i = 0; i < due.length; i += BATCH_SIZE) {
          const batch = due.slice(i, i + BATCH_SIZE).map((c) => c.personId);
          await runner.startTransaction();
          try {
            await setScope(runner.manager, ALL_SERVICES);
            erased.push(...(await this.eraseBatch(runner.manager, batch, cutoffs, actorId)));
            await runner.commitTransaction();
          } catch (error) {
            await runner.rollbackTransaction();
            throw error;
          }
        }
        return this.report(now, cutoffs, erased, { dryRun: false, ran: true });
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }

  /** Checks the batch again under row locks (something may have changed) and erases who is still due. */
  private async eraseBatch(
    em: EntityManager,
    personIds: string[],
    cutoffs: RetentionCutoffs,
    actorId: string | null,
  ): Promise<RetentionCandidate[]> {
    const stillDue = await this.candidates(em, cutoffs, personIds, true);
    for (const c of stillDue) {
      await this.casework.erasePerson(c.personId, actorId, {
        manager: em,
        detail: { reason: 'retention', kind: c.kind, since: c.since },
      });
    }
    return stillDue;
  }

  /**
   * People whose referrals are all past their period (accepted ones are governed by their case),
   * narrowed by casework to those not erased whose cases all closed before the cutoff.
   */
  private async candidates(
    em: EntityManager,
    cutoffs: RetentionCutoffs,
    onlyPersonIds: string[] | null,
    lock: boolean,
  ): Promise<RetentionCandidate[]> {
    // Casework locks the people first (as erasure does), then the referrals are locked and read.
    const caseSide = onlyPersonIds
      ? await this.casework.peoplePastCaseRetention(onlyPersonIds, cutoffs.closedCase, {
          manager: em,
          lock,
        })
      : null;
    if (caseSide && caseSide.length === 0) return [];
    if (lock && caseSide) {
      await em.query(
        'SELECT id FROM referral WHERE person_id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
        [caseSide.map((c) => c.personId)],
      );
    }
    const referralSide: ReferralSide[] = await em.query(
      `SELECT person_id,
              bool_or(status = 'accepted') AS has_accepted,
              bool_or(status = 'declined') AS has_declined,
              max(CASE WHEN status = 'declined' THEN declined_at
                       WHEN status <> 'accepted' THEN updated_at END) AS last_referral_at
         FROM referral
        WHERE $3::uuid[] IS NULL OR person_id = ANY($3::uuid[])
        GROUP BY person_id
       HAVING bool_and(status = 'accepted'
                       OR (status = 'declined' AND declined_at < $1)
                       OR (status IN ('received', 'assigned') AND updated_at < $2))
        ORDER BY person_id`,
      [
        cutoffs.declinedReferral,
        cutoffs.undecidedReferral,
        caseSide ? caseSide.map((c) => c.personId) : null,
      ],
    );
    const cases = new Map(
      (caseSide ?? (await this.caseSideInChunks(em, referralSide, cutoffs))).map((c) => [
        c.personId,
        c,
      ]),
    );
    const due: RetentionCandidate[] = [];
    for (const r of referralSide) {
      const c = cases.get(r.person_id);
      // An accepted referral without its case would be inconsistent: keep the person.
      if (!c || (r.has_accepted && !c.hadCase)) continue;
      const kind: RetentionKind = c.hadCase
        ? 'closed_case'
        : r.has_declined
          ? 'declined_referral'
          : 'undecided_referral';
      const since = latest(c.lastClosedAt, r.last_referral_at);
      due.push({ personId: r.person_id, kind, since: since?.toISOString() ?? '' });
    }
    return due.sort((a, b) => a.since.localeCompare(b.since));
  }

  private async caseSideInChunks(
    em: EntityManager,
    referralSide: ReferralSide[],
    cutoffs: RetentionCutoffs,
  ) {
    const states = [];
    for (let i = 0; i < referralSide.length; i += CHUNK_SIZE) {
      const ids = referralSide.slice(i, i + CHUNK_SIZE).map((r) => r.person_id);
      states.push(
        ...(await this.casework.peoplePastCaseRetention(ids, cutoffs.closedCase, { manager: em })),
      );
    }
    return states;
  }

  private report(
    now: Date,
    cutoffs: RetentionCutoffs,
    people: RetentionCandidate[],
    flags: { dryRun: boolean; ran: boolean },
  ): RetentionReport {
    const counts = Object.fromEntries(RETENTION_KINDS.map((k) => [k, 0])) as Record<
      RetentionKind,
      number
    >;
    for (const p of people) counts[p.kind]++;
    return {
      ...flags,
      asOf: now.toISOString(),
      periods: {
        declinedReferralMonths: this.config.declinedReferralMonths,
        undecidedReferralMonths: this.config.undecidedReferralMonths,
        closedCaseMonths: this.config.closedCaseMonths,
      },
      cutoffs: {
        declinedReferral: cutoffs.declinedReferral.toISOString(),
        undecidedReferral: cutoffs.undecidedReferral.toISOString(),
        closedCase: cutoffs.closedCase.toISOString(),
      },
      counts,
      total: people.length,
      people: people.slice(0, LISTED_PEOPLE),
      truncated: people.length > LISTED_PEOPLE,
    };
  }
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
