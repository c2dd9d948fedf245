import { Global, Module } from '@nestjs/common';
import { ASSIGNED_REFERRALS } from '../casework/casework.ports';
import { AssignedReferrals } from './assigned-referrals';

/**
 * The ASSIGNED_REFERRALS port casework counts a caseload through when it reassigns cases. Global,
 * so casework can inject it without importing referrals (which depends on casework).
 */
@Global()
@Module({
  providers: [AssignedReferrals, { provide: ASSIGNED_REFERRALS, useExisting: AssignedReferrals }],
  exports: [ASSIGNED_REFERRALS],
})
export class ReferralsCaseloadModule {}
