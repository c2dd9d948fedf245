import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { decodeCursor, toPage, type Page } from '../common/http/pagination';
import type { NeedsDomain } from '../common/vocabulary';
import { ScopedTransactions } from '../services/scoped-transactions';
import { caseloadOwners } from './case-access';
import type { CASE_LIST_STATUSES } from './case.dto';
import { SupportCase } from './case.entity';
import { ukDate } from './casework-dates';
import { GROUP_WAITING, type GroupWaitingReader } from './casework.ports';
import { CoverService } from './cover.service';
import { PERSON_SEAL, personQuery, type PersonSeal } from './person-seal';

export interface CaseloadItem {
  id: string;
  personId: string;
  givenName: string;
  familyName: string | null;
  reference: string | null;
  linkWorkerId: string;
  /** Set when the reader holds this case as cover for its link worker (that link worker's id). */
  coverFor: string | null;
  status: SupportCase['status'];
  inCrisis: boolean;
  reviewBy: string | null;
  reviewOverdue: boolean;
  requiredLevel: number;
  preferredLanguage: string | null;
  openedAt: string;
}

export interface CaseloadQuery {
  status?: (typeof CASE_LIST_STATUSES)[number];
  /** A name (words in any order), a reference, an NHS or phone number, or a date of birth. */
  q?: string;
  /** The review is due today or earlier (UK date). */
  reviewDue?: boolean;
  inCrisis?: boolean;
  /** Offered a place a group has not yet answered, or on a group's waitlist. */
  waitingForGroup?: boolean;
  /** The latest needs assessment rates this domain as a need (severity 1 or more). */
  need?: NeedsDomain;
  /** The person's preferred language (ISO 639). */
  language?: string;
  limit: number;
  cursor?: string;
}

interface Row {
  id: string;
  personId: string;
  reference: string | null;
  linkWorkerId: string;
  status: SupportCase['status'];
  inCrisis: boolean;
  reviewBy: string | null;
  requiredLevel: number;
  openedAt: Date;
  sortKey: string;
  givenName: string;
  familyName: string | null;
  preferredLanguage: string | null;
}

/** In crisis first, then overdue reviews, then by review date: one string, so the cursor is one too. */
const SORT_KEY = `(CASE WHEN c.in_crisis THEN '0' ELSE '1' END
    || CASE WHEN c.review_by < $1::date THEN '0' ELSE '1' END
    || coalesce(to_char(c.review_by, 'YYYY-MM-DD'), '9999-12-31'))`;

/** Statement parameters, numbered as they are added. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The caseload and its search, within what the reader may see: a link worker's own cases and
 * those of colleagues they cover today; a team lead's service; an admin's every case. Names and
 * contact details are sealed, so a name, phone or NHS number is matched through its blind-index
 * tokens (person-seal.ts) and only the page of results is decrypted.
 */
@Injectable()
export class CaseloadService {
  constructor(
    private readonly scoped: ScopedTransactions,
    private readonly cover: CoverService,
    @Inject(PERSON_SEAL) private readonly seal: PersonSeal,
    @Optional() @Inject(GROUP_WAITING) private readonly waiting?: GroupWaitingReader,
  ) {}

  async list(actor: AuthenticatedUser, query: CaseloadQuery): Promise<Page<CaseloadItem>> {
    const today = ukDate();
    const cursor = decodeCursor(query.cursor);
    const rows = await this.scoped.forActor(actor, async (em) => {
      const covered = await this.cover.coveredBy(actor, em);
      const owners = caseloadOwners(actor, covered);
      const p = new Params();
      p.add(today);
      const where: string[] = [];
      let personJoin = false;
      if (owners) where.push(`c.link_worker_id = ANY(${p.add(owners)}::uuid[])`);
      const status = query.status ?? 'open';
      if (status !== 'all') where.push(`c.status = ${p.add(status)}`);
      if (query.reviewDue !== undefined)
        where.push(query.reviewDue ? 'c.review_by <= $1::date' : 'NOT (c.review_by <= $1::date)');
      if (query.inCrisis !== undefined)
        where.push(query.inCrisis ? 'c.in_crisis' : 'NOT c.in_crisis');
      if (query.need)
        where.push(`EXISTS (SELECT 1 FROM need_rating r
                     WHERE r.assessment_id = (SELECT a.id FROM needs_assessment a WHERE a.case_id = c.id
                                               ORDER BY a.assessed_at DESC LIMIT 1)
                       AND r.domain = ${p.add(query.need)} AND r.severity >= 1)`);
      if (query.waitingForGroup !== undefined) {
        const ids = (await this.waiting?.casesWaiting(em, owners)) ?? [];
        where.push(`${query.waitingForGroup ? '' : 'NOT '}c.id = ANY(${p.add(ids)}::uuid[])`);
      }
      if (query.language) {
        personJoin = true;
        where.push(`p.preferred_language = ${p.add(query.language)}`);
      }
      const search = query.q ? personQuery(this.seal, query.q) : null;
      if (search) {
        if (search.kind === 'reference') where.push(`c.reference = ${p.add(search.reference)}`);
        else personJoin = true;
        if (search.kind === 'date_of_birth') where.push(`p.date_of_birth = ${p.add(search.date)}`);
        if (search.kind === 'name')
          // Every word typed: the people with as many of the tokens as were asked for.
          where.push(`p.id IN (SELECT t.person_id FROM person_name_token t
                                WHERE t.token = ANY(${p.add(search.tokens)}::bytea[])
                                GROUP BY t.person_id HAVING count(*) = ${p.add(search.tokens.length)})`);
        if (search.kind === 'number') {
          const either = [
            search.nhs && `p.nhs_number_index = ${p.add(search.nhs)}`,
            search.phone && `p.phone_index = ${p.add(search.phone)}`,
          ].filter(Boolean);
          where.push(either.length ? `(${either.join(' OR ')})` : 'false');
        }
      }
      if (cursor)
        where.push(`(${SORT_KEY}, c.id) > (${p.add(cursor.at)}, ${p.add(cursor.id)}::uuid)`);
      const limit = p.add(query.limit + 1);
      return this.page(em, where, personJoin, limit, p.values);
    });
    const page = toPage(rows, query.limit, (r) => ({ at: r.sortKey, id: r.id }));
    return {
      items: page.items.map((r) => this.item(r, actor, today)),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * The page is cut among cases before people are read, so an admin's list of thousands of cases
   * reads one page of people; a filter on the person joins them first, led by its index.
   */
  private page(
    em: EntityManager,
    where: string[],
    personJoin: boolean,
    limit: string,
    values: unknown[],
  ): Promise<Row[]> {
    return em.query(
      `SELECT c.id, c.person_id AS "personId", c.reference, c.link_worker_id AS "linkWorkerId",
              c.status, c.in_crisis AS "inCrisis", to_char(c.review_by, 'YYYY-MM-DD') AS "reviewBy",
              c.required_level AS "requiredLevel", c.opened_at AS "openedAt", c.sort_key AS "sortKey",
              p.given_name_encrypted AS "givenName", p.family_name_encrypted AS "familyName",
              p.preferred_language AS "preferredLanguage"
         FROM (SELECT c.id, c.person_id, c.reference, c.link_worker_id, c.status, c.in_crisis,
                      c.review_by, c.required_level, c.opened_at, ${SORT_KEY} AS sort_key
                 FROM support_case c
                 ${personJoin ? 'JOIN person p ON p.id = c.person_id' : ''}
                ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                ORDER BY sort_key, c.id
                LIMIT ${limit}) c
         JOIN person p ON p.id = c.person_id
        ORDER BY c.sort_key, c.id`,
      values,
    );
  }

  private item(r: Row, actor: AuthenticatedUser, today: string): CaseloadItem {
    return {
      id: r.id,
      personId: r.personId,
      givenName: this.seal.cipher.decrypt(r.givenName),
      familyName: this.seal.cipher.decryptNullable(r.familyName),
      reference: r.reference,
      linkWorkerId: r.linkWorkerId,
      coverFor: actor.role === 'link_worker' && r.linkWorkerId !== actor.id ? r.linkWorkerId : null,
      status: r.status,
      inCrisis: r.inCrisis,
      reviewBy: r.reviewBy,
      reviewOverdue: r.status === 'open' && !!r.reviewBy && r.reviewBy < today,
      requiredLevel: r.requiredLevel,
      preferredLanguage: r.preferredLanguage,
      openedAt: new Date(r.openedAt).toISOString(),
    };
  }
}
