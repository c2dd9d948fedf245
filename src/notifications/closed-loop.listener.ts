import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { EntityManager } from 'typeorm';
import { UsersService } from '../auth/users.service';
import { CASE_CLOSED, type CaseClosedEvent } from '../casework/casework.events';
import { PLACEMENT_CHANGED, type PlacementChange } from '../placements/placements.events';
import { ReferralsService } from '../referrals/referrals.service';
import {
  REFERRAL_ACCEPTED,
  REFERRAL_DECLINED,
  REFERRAL_RECEIVED,
  type ReferralDeclinedEvent,
  type ReferralEvent,
  type ReferralSender,
} from '../referrals/referrals.events';
import { acrossServices } from '../services/scoped-transactions';
import { referrerMessages, type Message } from './messages';
import { Messenger } from './messenger.service';
import type { NotificationKind } from './notification.entity';

const MY_REFERRALS = '/referrals/mine';

/**
 * The closed loop back to the referrer (PRSB Social Prescribing Information Standard): their
 * referral was received, accepted or declined, a group place started, support ended. Told to
 * the referrer who sent it, in the app and by email as they chose; a self-referral has nobody to
 * tell. Each handler runs in the transaction of the change.
 */
@Injectable()
export class ClosedLoopListener {
  constructor(
    private readonly messenger: Messenger,
    private readonly users: UsersService,
    private readonly referrals: ReferralsService,
  ) {}

  @OnEvent(REFERRAL_RECEIVED, { suppressErrors: false })
  async received(e: ReferralEvent): Promise<void> {
    await this.tell(
      e,
      'referral.received',
      'referral_received',
      referrerMessages.received(e.reference, MY_REFERRALS),
      e.manager,
    );
  }

  @OnEvent(REFERRAL_ACCEPTED, { suppressErrors: false })
  async accepted(e: ReferralEvent): Promise<void> {
    await this.tell(
      e,
      'referral.accepted',
      'referral_accepted',
      referrerMessages.accepted(e.reference, MY_REFERRALS),
      e.manager,
    );
  }

  @OnEvent(REFERRAL_DECLINED, { suppressErrors: false })
  async declined(e: ReferralDeclinedEvent): Promise<void> {
    await this.tell(
      e,
      'referral.declined',
      'referral_declined',
      referrerMessages.declined(e.reference, e.reason, MY_REFERRALS),
      e.manager,
    );
  }

  @OnEvent(PLACEMENT_CHANGED, { suppressErrors: false })
  async placeStarted(change: PlacementChange): Promise<void> {
    if (change.kind !== 'accepted') return;
    // A coordinator's transaction spans services already; widen any other publisher's the same way.
    await acrossServices(change.manager, async () => {
      const sender = await this.referrals.senderOfCase(change.caseId, change.manager);
      if (!sender) return;
      await this.tell(
        sender,
        'placement.started',
        'place_started',
        referrerMessages.placeStarted(sender.reference, MY_REFERRALS),
        change.manager,
      );
    });
  }

  @OnEvent(CASE_CLOSED, { suppressErrors: false })
  async supportEnded(e: CaseClosedEvent): Promise<void> {
    const sender = await this.referrals.senderOfCase(e.caseId, e.manager);
    if (!sender) return;
    await this.tell(
      sender,
      'case.closed',
      'support_ended',
      referrerMessages.supportEnded(
        sender.reference,
        `/referrals/${sender.referralId}/message-back`,
      ),
      e.manager,
    );
  }

  /** Only a referrer who sent it is told: staff who typed a referral in follow it in the inbox. */
  private async tell(
    sender: ReferralSender,
    event: string,
    kind: NotificationKind,
    message: Message,
    em: EntityManager,
  ): Promise<void> {
    if (!sender.createdById) return;
    const [user] = await this.users.findByIds([sender.createdById], em);
    if (user?.role !== 'referrer') return;
    await this.messenger.tellUser(
      user.id,
      { serviceId: sender.serviceId, event, kind },
      message,
      em,
    );
  }
}
