import { Global, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { REFERRAL_HISTORY } from '../casework/contact-history.ports';
import { FieldCipher } from '../common/crypto/field-cipher';
import { securityConfig } from '../config/configuration';
import { ReferralHistoryProvider } from './referral-history.reader';

/**
 * The REFERRAL_HISTORY port that casework reads a case's earlier contact attempts through.
 * Global, so casework can inject it without importing referrals (which depends on casework).
 */
@Global()
@Module({
  providers: [
    {
      provide: FieldCipher,
      inject: [securityConfig.KEY],
      useFactory: (security: ConfigType<typeof securityConfig>) =>
        new FieldCipher(security.dataEncryptionKey),
    },
    ReferralHistoryProvider,
    { provide: REFERRAL_HISTORY, useExisting: ReferralHistoryProvider },
  ],
  exports: [REFERRAL_HISTORY],
})
export class ReferralHistoryModule {}
