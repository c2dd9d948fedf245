import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ServicesModule } from '../services/services.module';
import { Organisation } from './organisation.entity';
import { OrganisationsApiController } from './organisations.api.controller';
import { OrganisationsPageController } from './organisations.page.controller';
import { OrganisationsService } from './organisations.service';

@Module({
  imports: [TypeOrmModule.forFeature([Organisation]), AuditModule, ServicesModule],
  controllers: [OrganisationsApiController, OrganisationsPageController],
  providers: [OrganisationsService],
  exports: [OrganisationsService],
})
export class OrganisationsModule {}
