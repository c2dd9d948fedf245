import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { CaseLookupService } from '../casework/case-lookup.service';
import { PlacementPortService } from '../directory/placement-port.service';
import { PLACEMENT_CHANGED, type PlacementChange } from '../placements/placements.events';
import {
  coordinatorMessages,
  groupSideMessages,
  linkWorkerMessages,
  type Message,
} from './messages';
import { acrossServices } from '../services/scoped-transactions';
import { Messenger, type Occasion } from './messenger.service';
import type { NotificationKind } from './notification.entity';

type Told = { to: 'group' | 'linkWorker'; kind: NotificationKind; message: Message };

/**
 * What each change to a placement tells the group's coordinators and the case's link worker, in
 * the app and (for the changes that need an answer or a decision) by email. The referrer's part
 * is the closed loop's (ClosedLoopListener).
 */
@Injectable()
export class PlacementMessagesListener {
  constructor(
    private readonly messenger: Messenger,
    private readonly cases: CaseLookupService,
    private readonly directory: PlacementPortService,
  ) {}

  /**
   * The publisher's transaction may be scoped to fewer services than the change touches (a group
   * suspended by an admin flags every service's placements), so this widens it while it writes.
   */
  @OnEvent(PLACEMENT_CHANGED, { suppressErrors: false })
  async onChange(change: PlacementChange): Promise<void> {
    await acrossServices(change.manager, () => this.tell(change));
  }

  private async tell(change: PlacementChange): Promise<void> {
    const person = await this.cases.personForTexts(change.personId, change.manager);
    if (!person) return;
    const told = await this.whoIsTold(change, person.givenName);
    if (told.length === 0) return;
    for (const t of told) {
      const occasion: Occasion = {
        serviceId: person.serviceId,
        event: `placement.${change.kind}`,
        kind: t.kind,
      };
      if (t.to === 'group')
        await this.messenger.tellOrganisation(
          change.groupOrganisationId,
          occasion,
          t.message,
          change.manager,
        );
      else await this.messenger.tellUser(change.linkWorkerId, occasion, t.message, change.manager);
    }
  }

  private async whoIsTold(c: PlacementChange, givenName: string): Promise<Told[]> {
    const path = `/placements/${c.placementId}`;
    const group = async () =>
      (await this.directory.groupNames([c.groupId], c.manager)).get(c.groupId) ?? 'your group';
    const about = async () => ({
      group: (await this.directory.groupNames([c.groupId], c.manager)).get(c.groupId) ?? 'A group',
      person: givenName,
    });
    switch (c.kind) {
      case 'offered':
        return [
          {
            to: 'group',
            kind: 'new_offer',
            message: coordinatorMessages.offered(await group(), null, path),
          },
        ];
      case 'waitlisted':
        return [
          {
            to: 'group',
            kind: 'new_offer',
            message: coordinatorMessages.waitlisted(await group(), c.position ?? null, path),
          },
        ];
      case 'offered_from_waitlist':
        return [
          {
            to: 'group',
            kind: 'new_offer',
            message: coordinatorMessages.offeredFromWaitlist(await group(), path),
          },
          { to: 'linkWorker', kind: 'place_freed', message: linkWorkerMessages.placeFreed(path) },
        ];
      case 'expiring':
        return [
          {
            to: 'group',
            kind: 'offer_reminder',
            message: coordinatorMessages.expiring(await group(), path),
          },
        ];
      case 'accepted':
        return [
          {
            to: 'linkWorker',
            kind: 'offer_answered',
            message: linkWorkerMessages.accepted(await about(), path),
          },
        ];
      case 'declined':
        return [
          {
            to: 'linkWorker',
            kind: 'offer_answered',
            message: linkWorkerMessages.declined(await about(), c.reason, path),
          },
        ];
      case 'ended':
        return c.by === 'group'
          ? [
              {
                to: 'linkWorker',
                kind: 'offer_answered',
                message: linkWorkerMessages.endedByGroup(await about(), c.reason, path),
              },
            ]
          : [
              {
                to: 'group',
                kind: 'offer_answered',
                message:
                  c.previousStatus === 'offered'
                    ? groupSideMessages.offerWithdrawnByCase(path)
                    : groupSideMessages.endedByCase(path),
              },
            ];
      case 'ended_with_case':
        return [
          { to: 'group', kind: 'offer_answered', message: groupSideMessages.endedWithCase(path) },
        ];
      case 'withdrawn_with_case':
        return [
          {
            to: 'group',
            kind: 'offer_answered',
            message: groupSideMessages.withdrawnWithCase(path),
          },
        ];
      case 'paused':
        return [{ to: 'group', kind: 'offer_answered', message: groupSideMessages.paused(path) }];
      case 'resumed':
        return [
          {
            to: 'group',
            kind: 'offer_answered',
            message: groupSideMessages.resumed(c.status === 'offered', path),
          },
        ];
      case 'expired':
        return [
          { to: 'linkWorker', kind: 'offer_expired', message: linkWorkerMessages.expired(path) },
        ];
      case 'group_suspended':
        return [
          {
            to: 'linkWorker',
            kind: 'group_suspended',
            message: linkWorkerMessages.groupSuspended(path),
          },
        ];
    }
  }
}
