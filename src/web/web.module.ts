import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CaseworkModule } from '../casework/casework.module';
import { DataProtectionPageController } from './data-protection.page.controller';
import { HomePageController } from './home.page.controller';

@Module({
  imports: [AuditModule, AuthModule, CaseworkModule],
  controllers: [HomePageController, DataProtectionPageController],
})
export class WebModule {}
