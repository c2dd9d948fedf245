import { Inject, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CaseworkModule } from '../casework/casework.module';
import { FieldCipher } from '../common/crypto/field-cipher';
import { securityConfig } from '../config/configuration';
import { OrganisationsModule } from '../organisations/organisations.module';
import { useDirectoryCipher } from './directory-cipher';
import { DirectoryImportService } from './directory-import.service';
import { DirectoryNotice } from './directory-notice.entity';
import { DirectoryPageController } from './directory.page.controller';
import { DirectoryService } from './directory.service';
import { GroupStatesService } from './group-states.service';
import { GroupStatusService } from './group-status.service';
import { PlacementPortService } from './placement-port.service';
import { VettingService } from './vetting.service';
import { GroupSearchService } from './group-search.service';
import { GroupApiController } from './group.api.controller';
import { CommunityGroup } from './group.entity';
import { GroupSession } from './group-session.entity';
import { GroupIncident } from './incident.entity';
import { GroupListingChange } from './listing-change.entity';
import { IncidentService } from './incident.service';
import { openReferralCors } from './openreferral.cors';
import { OpenReferralController } from './openreferral.controller';
import { OpenReferralService } from './openreferral.service';
import { VettingCheckNoticeService } from './vetting-notice.service';
import { GroupVettingCheck } from './vetting-check.entity';
import { VettingExpiryJob } from './vetting-expiry.job';
import { IncidentsPageController } from './incidents.page.controller';
import { ListingChangesPageController } from './listing-changes.page.controller';
import { ListingChangesService } from './listing-changes.service';
import { ListingConfirmationJob } from './listing-confirmation.job';
import { ListingConfirmationService } from './listing-confirmation.service';
import { ListingNotices } from './listing-notices';
import { VettingPageController } from './vetting.page.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      CommunityGroup,
      GroupVettingCheck,
      GroupIncident,
      DirectoryNotice,
      GroupListingChange,
      GroupSession,
    ]),
    AuditModule,
    AuthModule,
    OrganisationsModule,
    CaseworkModule,
  ],
  controllers: [
    GroupApiController,
    OpenReferralController,
    DirectoryPageController,
    VettingPageController,
    IncidentsPageController,
    ListingChangesPageController,
  ],
  providers: [
    DirectoryService,
    GroupStatesService,
    VettingService,
    GroupStatusService,
    PlacementPortService,
    GroupSearchService,
    IncidentService,
    OpenReferralService,
    DirectoryImportService,
    VettingExpiryJob,
    VettingCheckNoticeService,
    ListingConfirmationService,
    ListingConfirmationJob,
    ListingNotices,
    ListingChangesService,
  ],
  exports: [DirectoryService, VettingService, PlacementPortService],
})
export class DirectoryModule implements NestModule {
  constructor(@Inject(securityConfig.KEY) security: ConfigType<typeof securityConfig>) {
    useDirectoryCipher(new FieldCipher(security.dataEncryptionKey));
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(openReferralCors).forRoutes('openreferral', 'openreferral/*path');
  }
}
