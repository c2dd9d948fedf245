import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { ScopedTransactions } from '../services/scoped-transactions';
import { ukDate } from './casework-dates';
import { PERSON_SEAL, type PersonSeal } from './person-seal';

/** An open case whose review date has passed: who it is about, and no case file detail. */
export interface OverdueReview {
  caseId: string;
  givenName: string;
  linkWorkerId: string;
  reviewBy: string;
  inCrisis: boolean;
}

/**
 * What a team lead sees of its service's casework at a glance: open cases per link worker and the
 * reviews that are overdue. Counts and names only, so nothing sensitive is read.
 */
@Injectable()
export class CaseloadOverviewService {
  constructor(
    private readonly scoped: ScopedTransactions,
    @Inject(PERSON_SEAL) private readonly seal: PersonSeal,
  ) {}

  /** Open cases per link worker of the actor's service (a link worker with none is absent). */
  async openCasesByLinkWorker(actor: AuthenticatedUser): Promise<Map<string, number>> {
    if (!actor.serviceId) return new Map();
    const rows = await this.scoped.forActor(actor, (em) =>
      em.query<{ linkWorkerId: string; n: number }[]>(
        `SELECT link_worker_id AS "linkWorkerId", count(*)::int AS n
           FROM support_case
          WHERE service_id = $1 AND status = 'open'
          GROUP BY link_worker_id`,
        [actor.serviceId],
      ),
    );
    return new Map(rows.map((r) => [r.linkWorkerId, r.n]));
  }

  /**
   * Open cases of the actor's service whose review date is before today (the UK calendar day),
   * longest overdue first, at most `limit` of them, with how many there are in all.
   */
  async overdueReviews(
    actor: AuthenticatedUser,
    limit: number,
  ): Promise<{ items: OverdueReview[]; total: number }> {
    if (!actor.serviceId) return { items: [], total: 0 };
    const rows = await this.scoped.forActor(actor, (em) =>
      em.query<(OverdueReview & { total: number })[]>(
        `SELECT c.id AS "caseId", p.given_name_encrypted AS "givenName", c.link_worker_id AS "linkWorkerId",
                to_char(c.review_by, 'YYYY-MM-DD') AS "reviewBy", c.in_crisis AS "inCrisis",
                count(*) OVER ()::int AS total
           FROM support_case c
           JOIN person p ON p.id = c.person_id
          WHERE c.service_id = $1 AND c.status = 'open' AND c.review_by < $2::date
          ORDER BY c.review_by, c.id
          LIMIT $3`,
        [actor.serviceId, ukDate(), limit],
      ),
    );
    return {
      // Names are sealed at rest: only this page of them is opened.
      items: rows.map(({ total: _total, ...r }) => ({
        ...r,
        givenName: this.seal.cipher.decrypt(r.givenName),
      })),
      total: rows[0]?.total ?? 0,
    };
  }
}
