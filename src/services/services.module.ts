import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { PostcodeArea } from './postcodes/postcode-area.entity';
import { PostcodeImportService } from './postcodes/postcode-import.service';
import { PrescribingService } from './prescribing-service.entity';
import { ScopedTransactions } from './scoped-transactions';
import { ServicesApiController } from './services.api.controller';
import { ServicesService } from './services.service';

/**
 * The services (teams) on one Linkway, the areas they cover (the ONS postcode lookup, which
 * reports also read for areas), routing between them, and the row-level security scope.
 */
@Module({
  imports: [TypeOrmModule.forFeature([PrescribingService, PostcodeArea]), AuditModule],
  controllers: [ServicesApiController],
  providers: [ServicesService, ScopedTransactions, PostcodeImportService],
  exports: [ServicesService, ScopedTransactions, PostcodeImportService],
})
export class ServicesModule {}
