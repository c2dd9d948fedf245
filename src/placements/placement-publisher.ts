import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { emitInTurn } from '../common/events/emit-in-turn';
import { PLACEMENT_CHANGED, type PlacementChange } from './placements.events';

/** A placement row as the module's raw statements return it (snake case). */
export interface PlacementRow {
  id: string;
  case_id: string;
  person_id: string;
  group_id: string;
  group_organisation_id: string;
  link_worker_id: string;
  status: string;
  position: number | null;
}

/** The columns every statement that publishes a change returns. */
export const PLACEMENT_ROW_COLUMNS =
  'id, case_id, person_id, group_id, group_organisation_id, link_worker_id, status, position';

/**
 * Tells the modules above placements what changed, inside the changing transaction: whoever is
 * told (in the app, by email, by text) hears of it only if the change commits.
 */
@Injectable()
export class PlacementPublisher {
  constructor(private readonly events: EventEmitter2) {}

  async publish(change: PlacementChange): Promise<void> {
    await emitInTurn(this.events, PLACEMENT_CHANGED, change);
  }

  /** The same, from a raw row. */
  async publishRow(
    row: PlacementRow,
    kind: PlacementChange['kind'],
    manager: PlacementChange['manager'],
    extra: Partial<PlacementChange> = {},
  ): Promise<void> {
    await this.publish({
      kind,
      placementId: row.id,
      caseId: row.case_id,
      personId: row.person_id,
      linkWorkerId: row.link_worker_id,
      groupId: row.group_id,
      groupOrganisationId: row.group_organisation_id,
      status: row.status,
      position: row.position,
      manager,
      ...extra,
    });
  }
}
