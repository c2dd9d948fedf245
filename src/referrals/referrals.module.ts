import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CaseworkModule } from '../casework/casework.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ReferralContactAttempt } from './contact-attempt.entity';
import { FhirServiceRequestController } from './fhir-service-request.controller';
import { ReferralIdempotencyKey } from './idempotency-key.entity';
import { ReferralDocumentsService } from './referral-documents.service';
import { Referral } from './referral.entity';
import { ReferralsApiController } from './referrals.api.controller';
import { ReferralsPageController } from './referrals.page.controller';
import { ReferralsService } from './referrals.service';
import { SelfReferralsApiController } from './self-referrals.api.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([Referral, ReferralContactAttempt, ReferralIdempotencyKey]),
    CaseworkModule,
    AuthModule,
    AuditModule,
    OrganisationsModule,
  ],
  controllers: [
    ReferralsApiController,
    SelfReferralsApiController,
    FhirServiceRequestController,
    ReferralsPageController,
  ],
  providers: [ReferralsService, ReferralDocumentsService],
  exports: [ReferralsService],
})
export class ReferralsModule {}
