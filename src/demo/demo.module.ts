import { Inject, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { AuthModule } from '../auth/auth.module';
import { CaseworkModule } from '../casework/casework.module';
import { DirectoryModule } from '../directory/directory.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PlacementsModule } from '../placements/placements.module';
import { ReferralsModule } from '../referrals/referrals.module';
import { ReportsModule } from '../reports/reports.module';
import { SeedingModule } from '../seeding/seeding.module';
import { ServicesModule } from '../services/services.module';
import { appConfig } from '../config/configuration';
import { DemoDataService } from './demo-data.service';
import { showDemoLogins } from './demo-logins.middleware';

@Module({
  imports: [
    AuthModule,
    OrganisationsModule,
    ReferralsModule,
    ReportsModule,
    CaseworkModule,
    DirectoryModule,
    PlacementsModule,
    ServicesModule,
    SeedingModule,
  ],
  providers: [DemoDataService],
})
export class DemoModule implements NestModule {
  constructor(@Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>) {}

  configure(consumer: MiddlewareConsumer): void {
    if (this.app.demoData) consumer.apply(showDemoLogins).forRoutes('login');
  }
}
