import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { In } from 'typeorm';
import {
  PERSON_ERASING,
  PERSON_EXPORTING,
  type PersonErasingEvent,
  type PersonExportingEvent,
  type PersonExportSection,
} from '../casework/casework.events';
import { Placement, PlacementAttendance } from './placement.entity';

/**
 * A person's placements in a subject access export, and their free-text notes cleared when the
 * person is erased (statuses, dates and attendance stay, so group and report counts hold).
 */
@Injectable()
export class PlacementDataProtectionListener {
  @OnEvent(PERSON_ERASING, { suppressErrors: false })
  async erase({ personId, manager }: PersonErasingEvent): Promise<void> {
    await manager.update(Placement, { personId }, { note: null });
  }

  @OnEvent(PERSON_EXPORTING, { suppressErrors: false })
  async export({ personId, manager }: PersonExportingEvent): Promise<PersonExportSection> {
    const placements = await manager.find(Placement, {
      where: { personId },
      order: { createdAt: 'ASC' },
    });
    const attendance = placements.length
      ? await manager.find(PlacementAttendance, {
          where: { placementId: In(placements.map((p) => p.id)) },
          order: { date: 'ASC' },
        })
      : [];
    return {
      section: 'placements',
      records: placements.map((p) => ({
        ...p,
        attendance: attendance
          .filter((a) => a.placementId === p.id)
          .map(({ date, attended, recordedAt }) => ({ date, attended, recordedAt })),
      })),
    };
  }
}
