import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CaseworkModule } from '../casework/casework.module';
import { DirectoryModule } from '../directory/directory.module';
import { ServicesModule } from '../services/services.module';
import { CapacityApiController } from './capacity.api.controller';
import { GroupCapacity, GroupWeeklyIntake } from './capacity.entity';
import { CapacityService } from './capacity.service';
import { IntakeService } from './intake.service';
import { Notification, OutboxMessage } from './notification.entity';
import { NotificationsApiController } from './notifications.api.controller';
import { NotificationsService } from './notifications.service';
import { LoggingSender, OUTBOX_SENDER } from './outbox.sender';
import { PlacementDataProtectionListener } from './placement-data-protection.listener';
import { PlacementEventsService } from './placement-events.service';
import { PlacementJobsService } from './placement-jobs.service';
import { Placement, PlacementAttendance } from './placement.entity';
import { CasePlacementsApiController, PlacementsApiController } from './placements.api.controller';
import { PlacementsCapacityModule } from './placements-capacity.module';
import { PlacementsWaitingModule } from './placements-waiting.module';
import { PlacementsPageController } from './placements.page.controller';
import { CapacityPageController } from './capacity.page.controller';
import { NotificationsPageController } from './notifications.page.controller';
import { OfferPageController } from './offer.page.controller';
import { PlacementsService } from './placements.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      GroupCapacity,
      GroupWeeklyIntake,
      Placement,
      PlacementAttendance,
      Notification,
      OutboxMessage,
    ]),
    PlacementsCapacityModule,
    PlacementsWaitingModule,
    AuditModule,
    ServicesModule,
    AuthModule,
    CaseworkModule,
    DirectoryModule,
  ],
  controllers: [
    CapacityApiController,
    PlacementsApiController,
    CasePlacementsApiController,
    NotificationsApiController,
    PlacementsPageController,
    CapacityPageController,
    OfferPageController,
    NotificationsPageController,
  ],
  providers: [
    CapacityService,
    IntakeService,
    NotificationsService,
    PlacementsService,
    PlacementEventsService,
    PlacementDataProtectionListener,
    PlacementJobsService,
    { provide: OUTBOX_SENDER, useClass: LoggingSender },
  ],
  exports: [PlacementsService, CapacityService, NotificationsService],
})
export class PlacementsModule {}
