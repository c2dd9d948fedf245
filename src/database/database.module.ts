import { Global, Logger, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseConfig } from '../config/configuration';
import { dataSourceOptions } from './data-source-options';
import { EmbeddedDatabaseService } from './embedded-database.service';
import { HealthController } from './health.controller';
import { runPendingMigrations } from './run-migrations';
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
      ) => {
        const url = await embedded.url();
        const logger = new Logger('Database');
        await runPendingMigrations(url, (m) => logger.log(m));
        return {
          ...dataSourceOptions(url, { queryTimeoutMs: database.queryTimeoutMs, asAppRole: true }),
          autoLoadEntities: true,
          retryAttempts: 3,
          retryDelay: 1000,
        };
      },
    }),
    TerminusModule,
  ],
  controllers: [HealthController],
  providers: [ScheduledJobsSwitch],
})
export class DatabaseModule {}
