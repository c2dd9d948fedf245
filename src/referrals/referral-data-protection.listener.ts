import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  PERSON_ERASING,
  PERSON_EXPORTING,
  type PersonErasingEvent,
  type PersonExportingEvent,
  type PersonExportSection,
} from '../casework/casework.events';
import { ReferralsService } from './referrals.service';

/**
 * Casework owns the person; referrals keep what the referrer sent about them. An erasure or a
 * subject access export of the person covers these too, inside casework's transaction.
 */
@Injectable()
export class ReferralDataProtectionListener {
  constructor(private readonly referrals: ReferralsService) {}

  @OnEvent(PERSON_ERASING, { suppressErrors: false })
  async erase(event: PersonErasingEvent): Promise<void> {
    await this.referrals.eraseIntakeDetails(event.personId, event.manager);
  }

  @OnEvent(PERSON_EXPORTING, { suppressErrors: false })
  async export(event: PersonExportingEvent): Promise<PersonExportSection> {
    return {
      section: 'referrals',
      records: await this.referrals.exportForPerson(event.personId, event.manager),
    };
  }
}
