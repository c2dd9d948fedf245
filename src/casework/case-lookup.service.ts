import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SupportCase } from './case.entity';
import { NeedsAssessment } from './needs-assessment.entity';
import { Person } from './person.entity';

/** How to reach a person by text: their number and language, nothing else. */
export interface PersonForTexts {
  personId: string;
  serviceId: string;
  /** For in-app lines to staff who know the person; never for emails or texts. */
  givenName: string;
  phone: string | null;
  preferredLanguage: string | null;
  erased: boolean;
}

/** A case past its review date, named by id and date only. */
export interface OverdueReview {
  caseId: string;
  serviceId: string;
  linkWorkerId: string;
  reviewBy: string;
}

/** How far support has gone, for status reports back to referrers (FHIR Task). */
export interface CaseProgress {
  status: SupportCase['status'];
  /** The first holistic needs assessment has been recorded: the work is under way. */
  assessed: boolean;
  closedAt: Date | null;
}

/**
 * What modules above casework (notifications, referrals' status reports) may look up about cases
 * and people, inside the caller's transaction and scope. No migration, safeguarding, crisis or
 * health detail is ever returned.
 */
@Injectable()
export class CaseLookupService {
  async personForTexts(personId: string, em: EntityManager): Promise<PersonForTexts | undefined> {
    const p = await em.findOne(Person, {
      where: { id: personId },
      select: {
        id: true,
        serviceId: true,
        givenName: true,
        phone: true,
        preferredLanguage: true,
        erasedAt: true,
      },
    });
    return p
      ? {
          personId: p.id,
          serviceId: p.serviceId,
          givenName: p.givenName,
          phone: p.phone,
          preferredLanguage: p.preferredLanguage,
          erased: p.erasedAt !== null,
        }
      : undefined;
  }

  /** The person a case is about (for checks made on the case). */
  async personOfCase(caseId: string, em: EntityManager): Promise<string | undefined> {
    const c = await em.findOne(SupportCase, {
      where: { id: caseId },
      select: { id: true, personId: true },
    });
    return c?.personId;
  }

  /** Open cases whose review date is before `today` (YYYY-MM-DD), oldest first. */
  async overdueReviews(today: string, em: EntityManager): Promise<OverdueReview[]> {
    const rows = await em
      .createQueryBuilder(SupportCase, 'c')
      .select(['c.id', 'c.serviceId', 'c.linkWorkerId', 'c.reviewBy'])
      .where("c.status = 'open'")
      .andWhere('c.reviewBy < :today', { today })
      .orderBy('c.reviewBy', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
    return rows.map((c) => ({
      caseId: c.id,
      serviceId: c.serviceId,
      linkWorkerId: c.linkWorkerId,
      reviewBy: c.reviewBy!,
    }));
  }

  async progressOf(caseId: string, em: EntityManager): Promise<CaseProgress | undefined> {
    const c = await em.findOne(SupportCase, {
      where: { id: caseId },
      select: { id: true, status: true, closedAt: true },
    });
    if (!c) return undefined;
    const assessed = await em.exists(NeedsAssessment, { where: { caseId } });
    return { status: c.status, assessed, closedAt: c.closedAt };
  }
}
