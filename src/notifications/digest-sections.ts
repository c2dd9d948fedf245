import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CaseLookupService } from '../casework/case-lookup.service';
import { formatDate } from '../common/views/dates';

/** Lines for one recipient's digest, about one service's records. */
export interface DigestLines {
  userId: string;
  serviceId: string;
  lines: string[];
}

/** A part of the daily digest: overdue reviews, overdue tasks… */
export interface DigestSection {
  title: string;
  /** Each recipient's lines for `today` (YYYY-MM-DD, UK), read in the caller's transaction. */
  linesFor(
    today: string,
    link: (path: string) => string,
    em: EntityManager,
  ): Promise<DigestLines[]>;
}

/** A link worker's open cases past their review date, oldest first; by date and link only. */
@Injectable()
export class OverdueReviewsSection implements DigestSection {
  readonly title = 'Reviews overdue';

  constructor(private readonly cases: CaseLookupService) {}

  async linesFor(
    today: string,
    link: (path: string) => string,
    em: EntityManager,
  ): Promise<DigestLines[]> {
    const byWorker = new Map<string, DigestLines>();
    for (const r of await this.cases.overdueReviews(today, em)) {
      const key = `${r.linkWorkerId}:${r.serviceId}`;
      const entry = byWorker.get(key) ?? {
        userId: r.linkWorkerId,
        serviceId: r.serviceId,
        lines: [],
      };
      entry.lines.push(`Review was due ${formatDate(r.reviewBy)}: ${link(`/cases/${r.caseId}`)}`);
      byWorker.set(key, entry);
    }
    return [...byWorker.values()];
  }
}

/**
 * Every section of the daily digest, in the order it shows them. Overdue tasks (the working-day
 * work) join here as another `DigestSection`.
 */
export const DIGEST_SECTIONS = [OverdueReviewsSection];
