import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { LISTING_NOTICE, type ListingNoticeEvent } from '../directory/directory.events';
import { acrossServices } from '../services/scoped-transactions';
import { withLink } from './messages';
import { Messenger } from './messenger.service';

/**
 * The directory's notices about a group's listing reach the group's coordinators in the app and
 * by email (as each chose), in the directory's transaction. They belong to no service.
 */
@Injectable()
export class ListingMessagesListener {
  constructor(private readonly messenger: Messenger) {}

  @OnEvent(LISTING_NOTICE, { suppressErrors: false })
  async tellCoordinators(event: ListingNoticeEvent): Promise<void> {
    await acrossServices(event.manager, () =>
      this.messenger.tellOrganisation(
        event.organisationId,
        { serviceId: null, event: `directory.${event.kind}`, kind: event.kind },
        {
          text: event.text,
          link: event.link,
          email: { subject: SUBJECTS[event.kind], body: withLink(event.text) },
        },
        event.manager,
      ),
    );
  }
}

const SUBJECTS: Record<ListingNoticeEvent['kind'], string> = {
  listing_unconfirmed: 'please confirm your group’s listing',
  listing_lapsed: 'your group’s listing has lapsed',
  listing_change_approved: 'your change to a listing was approved',
  listing_change_rejected: 'your change to a listing was not approved',
};
