import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { EntityManager } from 'typeorm';
import { emitInTurn } from '../common/events/emit-in-turn';
import { LISTING_NOTICE, type ListingNoticeEvent } from './directory.events';

/**
 * The one way directory tells a group's coordinators about its listing. It publishes
 * LISTING_NOTICE in the caller's transaction; notifications delivers it (in the app, and by
 * email through its outbox).
 */
@Injectable()
export class ListingNotices {
  constructor(private readonly events: EventEmitter2) {}

  async tellCoordinators(
    em: EntityManager,
    notice: Omit<ListingNoticeEvent, 'manager'>,
  ): Promise<void> {
    const event: ListingNoticeEvent = { ...notice, manager: em };
    await emitInTurn(this.events, LISTING_NOTICE, event);
  }
}
