import { Global, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseConfig } from '../config/configuration';
import { dataSourceOptions } from './data-source-options';
import { EmbeddedDatabaseService } from './embedded-database.service';
import { HealthController } from './health.controller';
import { ScheduledJobsSwitch } from './scheduled-jobs-switch';
import { TerminusModule } from '@nestjs/terminus';

@Global()
@Module({
  providers: [EmbeddedDatabaseService],
  exports: [EmbeddedDatabaseService],
})
class EmbeddedDatabaseModule {}

@Module({
  imports: [
    EmbeddedDatabaseModule,
    TypeOrmModule.forRootAsync({
      inject: [EmbeddedDatabaseService, databaseConfig.KEY],
      useFactory: async (
        embedded: EmbeddedDatabaseService,
        database: ConfigType<typeof databaseConfig>,
      ) => ({
        ...dataSourceOptions(await embedded.url(), { queryTimeoutMs: database.queryTimeoutMs }),
        autoLoadEntities: true,
        migrationsRun: true,
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
    TerminusModule,
  ],
  controllers: [HealthController],
  providers: [ScheduledJobsSwitch],
})
export class DatabaseModule {}
