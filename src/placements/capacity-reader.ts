import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import {
  NO_CAPACITY,
  type GroupCapacityReader,
  type GroupCapacityView,
} from '../directory/directory.ports';
import { GroupCapacity } from './capacity.entity';

/**
 * Reads capacity for the directory (the GROUP_CAPACITY port). It depends on nothing but its own
 * table, because directory's service injects it and placements' services inject directory's.
 */
@Injectable()
export class CapacityReader implements GroupCapacityReader {
  constructor(
    @InjectRepository(GroupCapacity) private readonly capacities: Repository<GroupCapacity>,
  ) {}

  async capacityOf(groupIds: string[]): Promise<Map<string, GroupCapacityView>> {
    if (groupIds.length === 0) return new Map();
    const rows = await this.capacities.find({ where: { groupId: In(groupIds) } });
    return new Map(rows.map((r) => [r.groupId, toCapacityView(r)]));
  }

  /** One group's capacity with its reserved count; a group never set up has 0 places. */
  async one(groupId: string): Promise<GroupCapacityView & { groupId: string; reserved: number }> {
    const row = await this.capacities.findOne({ where: { groupId } });
    return row
      ? { groupId, reserved: row.reserved, ...toCapacityView(row) }
      : { groupId, reserved: 0, ...NO_CAPACITY };
  }
}

export function toCapacityView(r: GroupCapacity): GroupCapacityView {
  return {
    places: r.places,
    weeklyIntakeLimit: r.weeklyIntakeLimit,
    waitlistEnabled: r.waitlistEnabled,
    intakePaused: r.intakePaused,
    offerExpiryDays: r.offerExpiryDays,
    availablePlaces: Math.max(0, r.places - r.reserved),
    waitlistLength: r.waitlistLength,
    updatedAt: r.updatedAt.toISOString(),
  };
}
