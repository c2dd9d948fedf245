import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GROUP_CAPACITY } from '../directory/directory.ports';
import { GroupCapacity } from './capacity.entity';
import { CapacityReader } from './capacity-reader';

/**
 * The GROUP_CAPACITY port that directory reads group capacity through. Global, so directory can
 * inject it without importing placements (which depends on directory).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([GroupCapacity])],
  providers: [CapacityReader, { provide: GROUP_CAPACITY, useExisting: CapacityReader }],
  exports: [GROUP_CAPACITY, CapacityReader],
})
export class PlacementsCapacityModule {}
