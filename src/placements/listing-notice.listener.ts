import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { LISTING_NOTICE, type ListingNoticeEvent } from '../directory/directory.events';
import { NotificationsService } from './notifications.service';

/**
 * Directory's notices about a group's listing (confirm it, it lapsed, a change was answered)
 * become in-app notifications for the group's organisation, in directory's transaction. When the
 * notifications outbox arrives, it handles LISTING_NOTICE instead and this listener goes.
 */
@Injectable()
export class ListingNoticeListener {
  constructor(private readonly notifications: NotificationsService) {}

  @OnEvent(LISTING_NOTICE, { suppressErrors: false })
  async notifyCoordinators(event: ListingNoticeEvent): Promise<void> {
    await this.notifications.notify(
      {
        to: { organisationId: event.organisationId },
        kind: event.kind,
        text: event.text,
        link: event.link,
      },
      event.manager,
    );
  }
}
