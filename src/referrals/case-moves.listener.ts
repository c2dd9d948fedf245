import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { CASES_REASSIGNED, type CasesReassignedEvent } from '../casework/casework.events';

/**
 * The referral that opened a reassigned case follows it, so the letters about it (which only the
 * referral's link worker may open) go with the case. Its updated time stays: nothing changed that
 * its referrer follows.
 */
@Injectable()
export class ReferralsCaseMovesListener {
  @OnEvent(CASES_REASSIGNED, { suppressErrors: false })
  async followReassignedCases(event: CasesReassignedEvent): Promise<void> {
    await event.manager.query(
      'UPDATE referral SET assigned_link_worker_id = $2 WHERE case_id = ANY($1::uuid[])',
      [event.caseIds, event.toLinkWorkerId],
    );
  }
}
