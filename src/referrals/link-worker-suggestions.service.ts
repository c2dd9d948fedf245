import { Injectable } from '@nestjs/common';
import { In, Not, type EntityManager } from 'typeorm';
import { UsersService } from '../auth/users.service';
import { CaseworkService } from '../casework/casework.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { notFound } from '../common/domain-error';
import { onlyService, ScopedTransactions } from '../services/scoped-transactions';
import { Referral } from './referral.entity';
import type { StaffReferralView } from './referral.views';
import { ReferralsService } from './referrals.service';

export interface SuggestedLinkWorker {
  id: string;
  name: string;
  /** ISO 639 codes of the languages they speak. */
  languages: string[];
  openCases: number;
  /** They speak the person's preferred language (or the language asked of an interpreter). */
  speaksPersonLanguage: boolean;
}

/**
 * Which link workers of a referral's service could take it: those with room in their caseload
 * (open cases and referrals waiting for them, under their limit, as assignment counts it), those
 * who speak the person's language first, then the least busy. Only a suggestion: assignment never
 * enforces it.
 */
@Injectable()
export class LinkWorkerSuggestionsService {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly users: UsersService,
    private readonly casework: CaseworkService,
    private readonly scoped: ScopedTransactions,
  ) {}

  /** For the API: the referral as this actor may see it (404 otherwise), then its suggestions. */
  async suggest(
    referralId: string,
    actor: AuthenticatedUser,
  ): Promise<{ items: SuggestedLinkWorker[] }> {
    const referral = await this.referrals.get(referralId, actor);
    if (!('serviceId' in referral)) throw notFound('Referral');
    return { items: await this.suggestFor(referral) };
  }

  /** For a referral the caller has already read. */
  async suggestFor(referral: StaffReferralView): Promise<SuggestedLinkWorker[]> {
    const spoken = new Set(
      [referral.person.preferredLanguage, referral.person.interpreter?.language].filter(
        (l): l is string => typeof l === 'string' && l !== '',
      ),
    );
    const workers = await this.users.linkWorkersOf(referral.serviceId);
    if (workers.length === 0) return [];
    const ids = workers.map((w) => w.id);
    const [open, waiting] = await this.scoped.run(onlyService(referral.serviceId), async (em) => [
      await this.casework.openCaseCounts(ids, em),
      await waitingReferrals(em, ids, referral.id),
    ]);
    return workers
      .map((w) => ({
        worker: w,
        load: (open.get(w.id) ?? 0) + (waiting.get(w.id) ?? 0),
        item: {
          id: w.id,
          name: w.name,
          languages: w.languages,
          openCases: open.get(w.id) ?? 0,
          speaksPersonLanguage: w.languages.some((l) => spoken.has(l)),
        },
      }))
      .filter(({ worker, load }) => load < worker.caseloadLimit)
      .sort(
        (a, b) =>
          Number(b.item.speaksPersonLanguage) - Number(a.item.speaksPersonLanguage) ||
          a.load - b.load ||
          a.item.name.localeCompare(b.item.name, 'en-GB'),
      )
      .map(({ item }) => item);
  }
}

/** Referrals assigned to each link worker and not yet accepted, besides this one. */
async function waitingReferrals(
  em: EntityManager,
  linkWorkerIds: string[],
  except: string,
): Promise<Map<string, number>> {
  const rows = await em
    .createQueryBuilder(Referral, 'r')
    .select('r.assignedLinkWorkerId', 'link_worker_id')
    .addSelect('count(*)::int', 'waiting')
    .where({ assignedLinkWorkerId: In(linkWorkerIds), status: 'assigned', id: Not(except) })
    .groupBy('r.assignedLinkWorkerId')
    .getRawMany<{ link_worker_id: string; waiting: number }>();
  return new Map(rows.map((r) => [r.link_worker_id, r.waiting]));
}
