import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { CASE_CONTACT_RECORDED, type CaseContactRecordedEvent } from '../casework/contact.events';
import { Referral } from './referral.entity';

/**
 * A contact recorded on the case counts as reaching the person, as a "reached" contact attempt
 * does: the referral keeps the earliest (reports' days from referral to first contact). Runs in
 * the recording transaction.
 */
@Injectable()
export class CaseContactListener {
  @OnEvent(CASE_CONTACT_RECORDED, { suppressErrors: false })
  async noteFirstContact(event: CaseContactRecordedEvent): Promise<void> {
    if (!event.referralId) return;
    await event.manager
      .createQueryBuilder()
      .update(Referral)
      .set({ firstContactAt: event.at })
      .where('id = :id', { id: event.referralId })
      .andWhere('received_at <= :at', { at: event.at })
      .andWhere('(first_contact_at IS NULL OR first_contact_at > :at)', { at: event.at })
      .execute();
  }
}
