import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { DemoDataService } from './demo-data.service';

@Module({
  imports: [AuthModule, OrganisationsModule, ReferralsModule],
  providers: [DemoDataService],
})
export class DemoModule {}
