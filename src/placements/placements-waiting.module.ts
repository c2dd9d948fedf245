import { Global, Module } from '@nestjs/common';
import { GROUP_WAITING } from '../casework/casework.ports';
import { GroupWaiting } from './group-waiting';

/**
 * The GROUP_WAITING port the caseload's "waiting for a group" filter reads. Global, so casework
 * can inject it without importing placements (which depends on casework).
 */
@Global()
@Module({
  providers: [GroupWaiting, { provide: GROUP_WAITING, useExisting: GroupWaiting }],
  exports: [GROUP_WAITING],
})
export class PlacementsWaitingModule {}
