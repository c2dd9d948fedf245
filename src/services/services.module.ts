import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { PostcodeArea } from './postcodes/postcode-area.entity';
import { PostcodeImportService } from './postcodes/postcode-import.service';
import { PrescribingService } from './prescribing-service.entity';
import { ScopedTransactions } from './scoped-transactions';
import { ServicesApiController } from './services.api.controller';
import { ServicesPageController } from './services.page.controller';
import { ServicesService } from './services.service';

/**
 * The services (teams) on one Linkway, the areas they cover (the ONS postcode lookup, which
 * reports also read for areas), routing between them, and the row-level security scope. The
 * admin's list shows each service's link workers through the SERVICE_STAFF port auth provides.
 */
@Module({
  imports: [TypeOrmModule.forFeature([PrescribingService, PostcodeArea]), AuditModule],
  controllers: [ServicesApiController, ServicesPageController],
  providers: [ServicesService, ScopedTransactions, PostcodeImportService],
  exports: [ServicesService, ScopedTransactions, PostcodeImportService],
})
export class ServicesModule {}
