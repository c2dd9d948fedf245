import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CaseworkModule } from '../casework/casework.module';
import { FieldCipher } from '../common/crypto/field-cipher';
import { securityConfig } from '../config/configuration';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ServicesModule } from '../services/services.module';
import { ReferralRouting } from './referral-routing';
import { CaseContactListener } from './case-contact.listener';
import { ReferralHistoryModule } from './referral-history.module';
import { ReferralsCaseloadModule } from './referrals-caseload.module';
import { ReferralsUserMovesListener } from './user-moves.listener';
import { ReferralsCaseMovesListener } from './case-moves.listener';
import { ReferralContactAttempt } from './contact-attempt.entity';
import { FhirServiceRequestController } from './fhir-service-request.controller';
import { FhirStatusController } from './fhir-status.controller';
import { ReferralIdempotencyKey } from './idempotency-key.entity';
import { ReferralDataProtectionListener } from './referral-data-protection.listener';
import { ReferralPeopleListener } from './referral-people.listener';
import { LinkWorkerSuggestionsService } from './link-worker-suggestions.service';
import { ReferralDocumentsService } from './referral-documents.service';
import { Referral } from './referral.entity';
import { ReferralsApiController } from './referrals.api.controller';
import { ReferralsPageController } from './referrals.page.controller';
import { ReferralsService } from './referrals.service';
import { WelcomeLetterApiController } from './welcome-letter.api.controller';
import { WelcomeLetterService } from './welcome-letter.service';
import { RetentionApiController } from './retention.api.controller';
import { RetentionJob } from './retention.job';
import { RetentionPageController } from './retention.page.controller';
import { SelfReferralPageController } from './self-referral.page.controller';
import { RetentionService } from './retention.service';
import { SelfReferralsApiController } from './self-referrals.api.controller';
import { TeamDashboardService } from './team-dashboard.service';
import { TeamPageController } from './team.page.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([Referral, ReferralContactAttempt, ReferralIdempotencyKey]),
    ReferralHistoryModule,
    CaseworkModule,
    AuthModule,
    AuditModule,
    OrganisationsModule,
    ServicesModule,
    ReferralsCaseloadModule,
  ],
  controllers: [
    ReferralsApiController,
    SelfReferralsApiController,
    FhirServiceRequestController,
    FhirStatusController,
    ReferralsPageController,
    SelfReferralPageController,
    RetentionApiController,
    RetentionPageController,
    TeamPageController,
    WelcomeLetterApiController,
  ],
  providers: [
    {
      // Seals what a referral says about the person, and self-referral answers between pages.
      provide: FieldCipher,
      inject: [securityConfig.KEY],
      useFactory: (security: ConfigType<typeof securityConfig>) =>
        new FieldCipher(security.dataEncryptionKey),
    },
    ReferralsService,
    ReferralRouting,
    ReferralDocumentsService,
    LinkWorkerSuggestionsService,
    WelcomeLetterService,
    ReferralDataProtectionListener,
    ReferralPeopleListener,
    ReferralsUserMovesListener,
    CaseContactListener,
    ReferralsCaseMovesListener,
    RetentionService,
    RetentionJob,
    TeamDashboardService,
  ],
  exports: [ReferralsService],
})
export class ReferralsModule {}
