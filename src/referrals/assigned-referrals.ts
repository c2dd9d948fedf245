import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AssignedReferralsCounter } from '../casework/casework.ports';
import { Referral } from './referral.entity';

/** Referrals waiting with a link worker (assigned, not yet accepted or declined): part of their caseload. */
@Injectable()
export class AssignedReferrals implements AssignedReferralsCounter {
  countAssigned(linkWorkerId: string, em: EntityManager): Promise<number> {
    return em.count(Referral, {
      where: { assignedLinkWorkerId: linkWorkerId, status: 'assigned' },
    });
  }
}
