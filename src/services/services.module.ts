import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { PrescribingService } from './prescribing-service.entity';
import { ScopedTransactions } from './scoped-transactions';
import { ServicesApiController } from './services.api.controller';
import { ServicesService } from './services.service';

/** The services (teams) on one Linkway, routing between them, and the row-level security scope. */
@Module({
  imports: [TypeOrmModule.forFeature([PrescribingService]), AuditModule],
  controllers: [ServicesApiController],
  providers: [ServicesService, ScopedTransactions],
  exports: [ServicesService, ScopedTransactions],
})
export class ServicesModule {}
