import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { PERSON_MERGING, type PersonMergingEvent } from '../casework/casework.events';
import { Placement } from './placement.entity';

/** A person merged into another: their placements (and so attendance) go with them. */
@Injectable()
export class PlacementPeopleListener {
  @OnEvent(PERSON_MERGING, { suppressErrors: false })
  async merge({ mergedPersonId, keptPersonId, manager }: PersonMergingEvent): Promise<void> {
    await manager.update(Placement, { personId: mergedPersonId }, { personId: keptPersonId });
  }
}
