import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source-options';
import { EmbeddedDatabaseService } from './embedded-database.service';
import { HealthController } from './health.controller';
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
      inject: [EmbeddedDatabaseService],
      useFactory: async (embedded: EmbeddedDatabaseService) => ({
        ...dataSourceOptions(await embedded.url()),
        autoLoadEntities: true,
        migrationsRun: true,
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
    TerminusModule,
  ],
  controllers: [HealthController],
})
export class DatabaseModule {}
