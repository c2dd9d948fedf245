import { Module } from '@nestjs/common';
import { ServicesModule } from '../services/services.module';
import { GroupUtilisationService } from './group-utilisation/group-utilisation.service';
import { PopulationImportService } from './population/population-import.service';
import { EquityService } from './equity/equity.service';
import { ReportFactsDrainJob } from './facts/report-facts-drain.job';
import { ReportScope } from './report-scope';
import { ActivityApiController, ActivityPageController } from './activity/activity.controllers';
import { ActivityService } from './activity/activity.service';
import { ReportsApiController } from './reports.api.controller';
import { ReportsPageController } from './reports.page.controller';
import { ReportsRenderer } from './reports.renderer';
import { ServiceAccessService } from './service-access/service-access.service';
import { UnmetNeedService } from './unmet-need/unmet-need.service';

/**
 * JSNA reports over SQL views and queries this module owns; it calls no other feature's service.
 * Services gives it the scope a report may cover (row-level security keeps the SQL to it).
 */
@Module({
  imports: [ServicesModule],
  controllers: [
    ReportsApiController,
    ReportsPageController,
    ActivityApiController,
    ActivityPageController,
  ],
  providers: [
    ServiceAccessService,
    GroupUtilisationService,
    UnmetNeedService,
    ReportsRenderer,
    ReportScope,
    ActivityService,
    PopulationImportService,
    EquityService,
    ReportFactsDrainJob,
  ],
  exports: [ServiceAccessService, PopulationImportService],
})
export class ReportsModule {}
