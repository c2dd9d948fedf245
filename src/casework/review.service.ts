import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { invalid } from '../common/domain-error';
import { ukDate } from '../common/uk-date';
import { ScopedTransactions } from '../services/scoped-transactions';
import { SupportCase } from './case.entity';
import { CaseReview } from './case-review.entity';
import { addDays } from './casework-dates';
import { CaseworkService } from './casework.service';
import { CRISIS_REVIEW_DAYS } from './crisis.service';
import type { RecordReviewDto } from './review.dto';

/** The furthest a next review may be set after a review (about three months). */
export const MAX_REVIEW_INTERVAL_DAYS = 92;

export interface ReviewView {
  id: string;
  caseId: string;
  reviewedAt: string;
  nextReviewBy: string;
  /** Null for a reader who may not see case notes (a team lead). */
  note: string | null;
  reviewedBy: string;
  recordedAt: string;
}

export const reviewView = (r: CaseReview, withNotes = true): ReviewView => ({
  id: r.id,
  caseId: r.caseId,
  reviewedAt: r.reviewedAt,
  nextReviewBy: r.nextReviewBy,
  note: withNotes ? r.note : null,
  reviewedBy: r.reviewedBy,
  recordedAt: r.recordedAt.toISOString(),
});

/**
 * The rules for a next review date, as a person can act on them. `inCrisis`: the case is in
 * crisis now, so the next review must come within 7 days.
 */
export function reviewDateProblems(
  reviewedAt: string,
  nextReviewBy: string,
  inCrisis: boolean,
  today = ukDate(),
): { field: string; message: string; code: string }[] {
  if (reviewedAt > today) {
    return [
      {
        code: 'review_in_future',
        field: 'reviewedAt',
        message: 'The review date cannot be in the future: record a review once it has happened',
      },
    ];
  }
  if (nextReviewBy <= reviewedAt) {
    return [
      {
        code: 'next_review_not_after_review',
        field: 'nextReviewBy',
        message: 'The next review must be after the date of this review',
      },
    ];
  }
  if (inCrisis && nextReviewBy > addDays(reviewedAt, CRISIS_REVIEW_DAYS)) {
    return [
      {
        code: 'next_review_too_late_in_crisis',
        field: 'nextReviewBy',
        message: `The case is in crisis: the next review must be within ${CRISIS_REVIEW_DAYS} days of this one, by ${addDays(reviewedAt, CRISIS_REVIEW_DAYS)}`,
      },
    ];
  }
  if (nextReviewBy > addDays(reviewedAt, MAX_REVIEW_INTERVAL_DAYS)) {
    return [
      {
        code: 'next_review_too_late',
        field: 'nextReviewBy',
        message: `The next review must be within ${MAX_REVIEW_INTERVAL_DAYS} days of this one, by ${addDays(reviewedAt, MAX_REVIEW_INTERVAL_DAYS)}`,
      },
    ];
  }
  return [];
}

/** Reviews of a case: each sets when the next is due, and the case's reviewBy follows. */
@Injectable()
export class ReviewService {
  constructor(
    private readonly scoped: ScopedTransactions,
    private readonly casework: CaseworkService,
    private readonly audit: AuditService,
  ) {}

  async record(
    caseId: string,
    actor: AuthenticatedUser,
    dto: RecordReviewDto,
  ): Promise<ReviewView & { reviewBy: string }> {
    // The rules that do not need the case first, so a bad date is told before anything is read.
    refuse(reviewDateProblems(dto.reviewedAt, dto.nextReviewBy, false));
    return this.scoped.forActor(actor, async (em) => {
      const c = await this.casework.caseForWork(caseId, actor, em);
      refuse(reviewDateProblems(dto.reviewedAt, dto.nextReviewBy, c.inCrisis));
      if (dto.reviewedAt < ukDate(c.openedAt)) {
        throw invalid(
          'review_before_case',
          'The review date cannot be before the case was opened',
          [{ field: 'reviewedAt', message: 'must not be before the case was opened' }],
        );
      }
      const review = await em.save(
        CaseReview,
        em.create(CaseReview, {
          caseId: c.id,
          reviewedAt: dto.reviewedAt,
          nextReviewBy: dto.nextReviewBy,
          note: dto.note ?? null,
          reviewedBy: actor.id,
        }),
      );
      await em.update(SupportCase, { id: c.id }, { reviewBy: dto.nextReviewBy });
      await this.audit.record(
        {
          actorId: actor.id,
          action: 'record_review',
          entity: 'case_review',
          entityId: review.id,
          subjectId: c.personId,
          detail: { nextReviewBy: dto.nextReviewBy },
        },
        em,
      );
      return { ...reviewView(review), reviewBy: dto.nextReviewBy };
    });
  }

  /** A case's reviews, latest first, in the caller's transaction (it has checked the case). */
  async forCase(caseId: string, em: EntityManager, withNotes: boolean): Promise<ReviewView[]> {
    const rows = await em.find(CaseReview, {
      where: { caseId },
      order: { reviewedAt: 'DESC', recordedAt: 'DESC' },
    });
    return rows.map((r) => reviewView(r, withNotes));
  }
}

function refuse(problems: { field: string; message: string; code: string }[]): void {
  const [first] = problems;
  if (first) {
    throw invalid(first.code, first.message, [{ field: first.field, message: first.message }]);
  }
}
