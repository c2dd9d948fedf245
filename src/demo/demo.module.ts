import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { DemoDataService } from './demo-data.service';

@Module({ imports: [AuthModule, OrganisationsModule], providers: [DemoDataService] })
export class DemoModule {}
