import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { CaseApiController } from './case.api.controller';
import { SupportCase } from './case.entity';
import { CaseworkService } from './casework.service';
import { Person } from './person.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Person, SupportCase]), AuditModule],
  controllers: [CaseApiController],
  providers: [CaseworkService],
  exports: [CaseworkService],
})
export class CaseworkModule {}
