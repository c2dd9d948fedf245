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
import { PlacementDataProtectionListener } from './placement-data-protection.listener';
import { PlacementPeopleListener } from './placement-people.listener';
import { PlacementEventsService } from './placement-events.service';
import { PlacementJobsService } from './placement-jobs.service';
import { PlacementPublisher } from './placement-publisher';
import { Placement, PlacementAttendance } from './placement.entity';
import { CasePlacementsApiController, PlacementsApiController } from './placements.api.controller';
import { PlacementsCapacityModule } from './placements-capacity.module';
import { PlacementsWaitingModule } from './placements-waiting.module';
import { PlacementsPageController } from './placements.page.controller';
import { CapacityPageController } from './capacity.page.controller';
import { OfferPageController } from './offer.page.controller';
import { PlacementsService } from './placements.service';
import { PlacementRemindersService } from './placement-reminders.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([GroupCapacity, GroupWeeklyIntake, Placement, PlacementAttendance]),
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
    PlacementsPageController,
    CapacityPageController,
    OfferPageController,
  ],
  providers: [
    CapacityService,
    IntakeService,
    PlacementsService,
    PlacementEventsService,
    PlacementDataProtectionListener,
    PlacementPeopleListener,
    PlacementJobsService,
    PlacementPublisher,
    PlacementRemindersService,
  ],
  exports: [PlacementsService, CapacityService, PlacementRemindersService],
})
export class PlacementsModule {}
