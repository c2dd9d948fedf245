import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { USER_SERVICE_CHANGING, type UserServiceChanging } from '../auth/users.events';
import { conflict } from '../common/domain-error';
import { SupportCase } from './case.entity';

/** A link worker may not leave a service while holding its open cases: reassign them first. */
@Injectable()
export class CaseworkUserMovesListener {
  @OnEvent(USER_SERVICE_CHANGING, { suppressErrors: false })
  async refuseWhileCasesOpen(event: UserServiceChanging): Promise<void> {
    const open = await event.em.count(SupportCase, {
      where: { linkWorkerId: event.userId, serviceId: event.fromServiceId, status: 'open' },
    });
    if (open > 0) {
      throw conflict(
        'open_cases_held',
        `This link worker holds ${open} open case${open === 1 ? '' : 's'} in their service: reassign them first`,
      );
    }
  }
}
