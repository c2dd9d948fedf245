import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { FieldCipher } from '../common/crypto/field-cipher';
import { securityConfig } from '../config/configuration';
import { CaseAssessmentApiController } from './case-assessment.api.controller';
import { CaseClosureService } from './case-closure.service';
import { CaseFileService } from './case-file.service';
import { CaseloadOverviewService } from './caseload-overview.service';
import { CaseRecordsService } from './case-records.service';
import { CaseSupportApiController } from './case-support.api.controller';
import { CaseApiController } from './case.api.controller';
import { CasePageController } from './case.page.controller';
import { CaseClosurePageController } from './case-closure.page.controller';
import { CaseRecordsPageController } from './case-records.page.controller';
import { CrisisPageController } from './crisis.page.controller';
import { MigrationProfilePageController } from './migration-profile.page.controller';
import { NeedsPageController } from './needs.page.controller';
import { SafeguardingPageController } from './safeguarding.page.controller';
import { SupportCase } from './case.entity';
import { useCaseworkCipher } from './casework-cipher';
import { ServicesModule } from '../services/services.module';
import { CaseLookupService } from './case-lookup.service';
import { CaseworkService } from './casework.service';
import { CaseworkUserMovesListener } from './user-moves.listener';
import { DataProtectionPageController } from './data-protection.page.controller';
import { CoverGrant } from './cover-grant.entity';
import { CoverService } from './cover.service';
import { CaseloadService } from './caseload.service';
import { ReassignmentService } from './reassignment.service';
import { HandoverApiController } from './handover.api.controller';
import { HandoverPageController } from './handover.page.controller';
import { CrisisPoint } from './crisis-point.entity';
import { CrisisService } from './crisis.service';
import { MigrationProfile } from './migration-profile.entity';
import { PersonEquityService } from './person-equity.service';
import { EquityDetailsPageController } from './equity-details.page.controller';
import { MigrationProfileService } from './migration-profile.service';
import { NeedRating, NeedsAssessment } from './needs-assessment.entity';
import { ConsentService } from './consent.service';
import { NeedsService } from './needs.service';
import { OnwardReferral } from './onward-referral.entity';
import { OutcomeMeasure } from './outcome-measure.entity';
import { PeopleApiController } from './people.api.controller';
import { PersonMergeApiController } from './person-merge.api.controller';
import { PersonMergePageController } from './person-merge.page.controller';
import { PersonMergeService } from './person-merge.service';
import { PersonDuplicateDismissal, PersonMerge } from './person-merge.entity';
import { PersonDataService } from './person-data.service';
import { Person } from './person.entity';
import { PersonNameToken } from './person-name-token.entity';
import { PERSON_SEAL, personSeal, type PersonSeal } from './person-seal';
import { PersonSealingService } from './person-sealing.service';
import { SafeguardingRecord } from './safeguarding-record.entity';
import { SafeguardingService } from './safeguarding.service';
import { Appointment } from './appointment.entity';
import { AppointmentRemindersService } from './appointment-reminders.service';
import { AppointmentService } from './appointment.service';
import { CalendarFeedController } from './calendar-feed.controller';
import { CalendarFeed } from './calendar-feed.entity';
import { CalendarFeedService } from './calendar-feed.service';
import { CaseReview } from './case-review.entity';
import { CaseTask } from './case-task.entity';
import { CaseWorkDayPageController } from './case-work-day.page.controller';
import { CaseContact, CaseContactAmendment } from './contact.entity';
import { ContactService } from './contact.service';
import { DiaryApiController } from './diary.api.controller';
import { ReviewService } from './review.service';
import { TaskService } from './task.service';
import { CaseWorkDayApiController } from './work-day.api.controller';
import { WorkDayDataProtectionListener } from './work-day-data-protection.listener';
import { WorkDayPageController } from './work-day.page.controller';
import { WorkDayService } from './work-day.service';

/** Seals casework notes with the configured data encryption key (see casework-cipher.ts). */
const CASEWORK_CIPHER = 'CASEWORK_CIPHER';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Person,
      SupportCase,
      MigrationProfile,
      NeedsAssessment,
      NeedRating,
      SafeguardingRecord,
      CrisisPoint,
      OnwardReferral,
      OutcomeMeasure,
      CaseContact,
      CaseContactAmendment,
      Appointment,
      CaseReview,
      CaseTask,
      CalendarFeed,
      CoverGrant,
      PersonNameToken,
      PersonMerge,
      PersonDuplicateDismissal,
    ]),
    AuditModule,
    ServicesModule,
    AuthModule,
  ],
  controllers: [
    CaseApiController,
    CaseAssessmentApiController,
    CaseSupportApiController,
    PeopleApiController,
    PersonMergeApiController,
    HandoverApiController,
    CasePageController,
    MigrationProfilePageController,
    EquityDetailsPageController,
    NeedsPageController,
    SafeguardingPageController,
    CrisisPageController,
    CaseRecordsPageController,
    CaseClosurePageController,
    DataProtectionPageController,
    PersonMergePageController,
    CaseWorkDayApiController,
    DiaryApiController,
    CalendarFeedController,
    CaseWorkDayPageController,
    WorkDayPageController,
    HandoverPageController,
  ],
  providers: [
    {
      provide: CASEWORK_CIPHER,
      inject: [securityConfig.KEY],
      useFactory: (security: ConfigType<typeof securityConfig>) => {
        const cipher = new FieldCipher(security.dataEncryptionKey);
        useCaseworkCipher(cipher);
        return cipher;
      },
    },
    {
      provide: PERSON_SEAL,
      inject: [CASEWORK_CIPHER, securityConfig.KEY],
      useFactory: (
        cipher: FieldCipher,
        security: ConfigType<typeof securityConfig>,
      ): PersonSeal => ({
        cipher,
        index: personSeal(security.dataEncryptionKey).index,
      }),
    },
    PersonSealingService,
    CaseworkService,
    CoverService,
    CaseloadService,
    ReassignmentService,
    PersonDataService,
    PersonMergeService,
    MigrationProfileService,
    PersonEquityService,
    NeedsService,
    SafeguardingService,
    ConsentService,
    CrisisService,
    CaseRecordsService,
    CaseFileService,
    CaseloadOverviewService,
    CaseClosureService,
    CaseworkUserMovesListener,
    CaseLookupService,
    ContactService,
    AppointmentService,
    AppointmentRemindersService,
    ReviewService,
    TaskService,
    CalendarFeedService,
    WorkDayService,
    WorkDayDataProtectionListener,
  ],
  exports: [
    CaseworkService,
    PersonMergeService,
    NeedsService,
    CaseloadOverviewService,
    CaseLookupService,
    AppointmentRemindersService,
  ],
})
export class CaseworkModule {}
