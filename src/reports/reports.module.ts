import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ServicesModule } from '../services/services.module';
import { ReportScope } from './report-scope';
import { GroupUtilisationService } from './group-utilisation/group-utilisation.service';
import { PostcodeArea } from './postcodes/postcode-area.entity';
import { PostcodeImportService } from './postcodes/postcode-import.service';
import { ReportsApiController } from './reports.api.controller';
import { ReportsPageController } from './reports.page.controller';
import { ReportsRenderer } from './reports.renderer';
import { ServiceAccessService } from './service-access/service-access.service';
import { SyntheticDataService } from './synthetic/synthetic-data.service';
import { UnmetNeedService } from './unmet-need/unmet-need.service';

/** JSNA reports over SQL this module owns; it calls no other feature's service. */
@Module({
  imports: [TypeOrmModule.forFeature([PostcodeArea]), ServicesModule],
  controllers: [ReportsApiController, ReportsPageController],
  providers: [
    ServiceAccessService,
    GroupUtilisationService,
    UnmetNeedService,
    ReportsRenderer,
    ReportScope,
    PostcodeImportService,
    SyntheticDataService,
  ],
  exports: [ServiceAccessService, PostcodeImportService, SyntheticDataService],
})
export class ReportsModule {}
