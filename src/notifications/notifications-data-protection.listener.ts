import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import {
  PERSON_ERASING,
  PERSON_EXPORTING,
  type PersonErasingEvent,
  type PersonExportingEvent,
  type PersonExportSection,
} from '../casework/casework.events';
import { PlacementsService } from '../placements/placements.service';
import { InAppNotificationsService } from './in-app-notifications.service';
import { OutboxService } from './outbox.service';
import { TextMessageConsent } from './text-consent.entity';
import { TextConsentService } from './text-consent.service';

/**
 * The texts a person was sent and their consent to texts, in a subject access export; erasure
 * cancels texts not yet sent, removes their number and the texts' words, the consent record, and
 * the words of staff notices about their placements (which give their given name).
 */
@Injectable()
export class NotificationsDataProtectionListener {
  constructor(
    private readonly outbox: OutboxService,
    private readonly consent: TextConsentService,
    private readonly placements: PlacementsService,
    private readonly inApp: InAppNotificationsService,
  ) {}

  @OnEvent(PERSON_ERASING, { suppressErrors: false })
  async erase({ personId, manager }: PersonErasingEvent): Promise<void> {
    await this.outbox.eraseFor(personId, manager);
    await this.consent.eraseFor(personId, manager);
    const placements = await this.placements.placementIdsOf(personId, manager);
    await this.inApp.eraseLinkedTo(
      placements.map((id) => `/placements/${id}`),
      manager,
    );
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
