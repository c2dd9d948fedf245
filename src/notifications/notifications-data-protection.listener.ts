import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  PERSON_ERASING,
  PERSON_EXPORTING,
  type PersonErasingEvent,
  type PersonExportingEvent,
  type PersonExportSection,
} from '../casework/casework.events';
import { OutboxService } from './outbox.service';
import { TextMessageConsent } from './text-consent.entity';
import { TextConsentService } from './text-consent.service';

/**
 * The texts a person was sent and their consent to texts, in a subject access export; erasure
 * cancels texts not yet sent, removes their number and the texts' words, and the consent record.
 */
@Injectable()
export class NotificationsDataProtectionListener {
  constructor(
    private readonly outbox: OutboxService,
    private readonly consent: TextConsentService,
  ) {}

  @OnEvent(PERSON_ERASING, { suppressErrors: false })
  async erase({ personId, manager }: PersonErasingEvent): Promise<void> {
    await this.outbox.eraseFor(personId, manager);
    await this.consent.eraseFor(personId, manager);
  }

  @OnEvent(PERSON_EXPORTING, { suppressErrors: false })
  async export({ personId, manager }: PersonExportingEvent): Promise<PersonExportSection> {
    const consent = await manager.findOne(TextMessageConsent, { where: { personId } });
    return {
      section: 'textMessages',
      records: [
        {
          consent: consent
            ? {
                agreedOn: consent.agreedOn,
                withdrawnAt: consent.withdrawnAt?.toISOString() ?? null,
              }
            : null,
          messages: await this.outbox.exportFor(personId, manager),
        },
      ],
    };
  }
}
