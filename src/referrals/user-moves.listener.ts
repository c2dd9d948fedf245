import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { USER_SERVICE_CHANGING, type UserServiceChanging } from '../auth/users.events';
import { conflict } from '../common/domain-error';
import { Referral } from './referral.entity';

/** A link worker may not leave a service while referrals there wait for them: reassign them first. */
@Injectable()
export class ReferralsUserMovesListener {
  @OnEvent(USER_SERVICE_CHANGING, { suppressErrors: false })
  async refuseWhileReferralsAssigned(event: UserServiceChanging): Promise<void> {
    const waiting = await event.em.count(Referral, {
      where: {
        assignedLinkWorkerId: event.userId,
        serviceId: event.fromServiceId,
        status: 'assigned',
      },
    });
    if (waiting > 0) {
      throw conflict(
        'assigned_referrals_held',
        `${waiting} referral${waiting === 1 ? ' is' : 's are'} assigned to this link worker in their service: reassign them first`,
      );
    }
  }
}
