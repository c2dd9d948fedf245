import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GroupUtilisationService } from './group-utilisation/group-utilisation.service';
import { PostcodeArea } from './postcodes/postcode-area.entity';
import { PostcodeImportService } from './postcodes/postcode-import.service';
import { ReportsApiController } from './reports.api.controller';
import { ReportsPageController } from './reports.page.controller';
import { ReportsRenderer } from './reports.renderer';
import { ServiceAccessService } from './service-access/service-access.service';
import { UnmetNeedService } from './unmet-need/unmet-need.service';

/**
 * JSNA reports over SQL views and queries this module owns; it calls no other feature's service.
 * It writes only its own postcode lookup (PostcodeImportService, for the CLI and the demo).
 */
@Module({
  imports: [TypeOrmModule.forFeature([PostcodeArea])],
  controllers: [ReportsApiController, ReportsPageController],
  providers: [
    ServiceAccessService,
    GroupUtilisationService,
    UnmetNeedService,
    ReportsRenderer,
    PostcodeImportService,
  ],
  exports: [ServiceAccessService, PostcodeImportService],
})
export class ReportsModule {}
