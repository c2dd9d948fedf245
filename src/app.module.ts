import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ScheduleModule } from '@nestjs/schedule';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditModule } from './audit/audit.module';
import { AccessGuard } from './auth/access.guard';
import { AuthModule } from './auth/auth.module';
import { BodilessRouteGuard } from './common/http/bodiless-route.guard';
import { StorableTextGuard } from './common/http/storable-text.guard';
import { StandardRetryAfterThrottlerGuard, throttlerOptions } from './auth/throttling';
import { ProblemDetailsFilter } from './common/http/problem-details.filter';
import { createValidationPipe } from './common/http/validation';
import { LoggingModule } from './common/logging/logging.module';
import { ConfigModule } from './config/config.module';
import { securityConfig } from './config/configuration';
import { DatabaseModule } from './database/database.module';
import { CaseworkModule } from './casework/casework.module';
import { DemoModule } from './demo/demo.module';
import { DirectoryModule } from './directory/directory.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PlacementsModule } from './placements/placements.module';
import { ReferralsModule } from './referrals/referrals.module';
import { ReportsModule } from './reports/reports.module';
import { ServicesModule } from './services/services.module';
import { SeedingModule } from './seeding/seeding.module';
import { WebModule } from './web/web.module';

/**
 * The global pipe, filter and guards are providers here, so a test that compiles this module
 * behaves exactly as production does.
 */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    ThrottlerModule.forRootAsync({
      inject: [securityConfig.KEY],
      useFactory: (s: ConfigType<typeof securityConfig>) =>
        throttlerOptions({
          perMinute: s.rateLimitPerMinute,
          loginPerMinute: s.loginRateLimitPerMinute,
        }),
    }),
    EventEmitterModule.forRoot(),
    ScheduleModule.forRoot(),
    DatabaseModule,
    AuditModule,
    ServicesModule,
    OrganisationsModule,
    AuthModule,
    CaseworkModule,
    ReferralsModule,
    DirectoryModule,
    PlacementsModule,
    NotificationsModule,
    ReportsModule,
    WebModule,
    DemoModule,
    SeedingModule,
  ],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_GUARD, useClass: StandardRetryAfterThrottlerGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: StorableTextGuard },
    { provide: APP_GUARD, useClass: BodilessRouteGuard },
  ],
})
export class AppModule {}
