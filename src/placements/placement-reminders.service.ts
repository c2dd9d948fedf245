import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PlacementPortService } from '../directory/placement-port.service';
import { returning } from './sql';

/** A person's first session with a group, for the reminder the day before. */
export interface FirstSession {
  placementId: string;
  caseId: string;
  personId: string;
  serviceId: string;
  groupName: string;
  /** Where it meets: the postcode, or null for a group that meets online. */
  postcode: string | null;
  online: boolean;
  startsAt: Date;
}

/** What modules above placements may ask about placements to remind people of them. */
@Injectable()
export class PlacementRemindersService {
  constructor(private readonly directory: PlacementPortService) {}

  /** Accepted placements whose first session starts in [from, to), in the caller's transaction. */
  async firstSessionsBetween(from: Date, to: Date, em: EntityManager): Promise<FirstSession[]> {
    const rows = await returning<{
      id: string;
      case_id: string;
      person_id: string;
      service_id: string;
      group_id: string;
      first_session_at: Date;
    }>(
      em,
      `SELECT id, case_id, person_id, service_id, group_id, first_session_at FROM placement
        WHERE status = 'accepted' AND first_session_at >= $1 AND first_session_at < $2
        ORDER BY first_session_at, id`,
      [from, to],
    );
    const groups = await this.directory.groupWhereabouts(
      [...new Set(rows.map((r) => r.group_id))],
      em,
    );
    return rows.map((r) => {
      const g = groups.get(r.group_id);
      return {
        placementId: r.id,
        caseId: r.case_id,
        personId: r.person_id,
        serviceId: r.service_id,
        groupName: g?.name ?? '',
        postcode: g?.deliveryMode === 'remote' ? null : (g?.postcode ?? null),
        online: g?.deliveryMode === 'remote',
        startsAt: r.first_session_at,
      };
    });
  }
}
