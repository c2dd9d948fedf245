import { Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import {
  appConfig,
  databaseConfig,
  jobsConfig,
  notificationsConfig,
  reportsConfig,
  retentionConfig,
  securityConfig,
} from './configuration';
import { validateEnvironment } from './environment';

@Module({
  imports: [
    NestConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      cache: false,
      validate: (raw) => {
        validateEnvironment(raw);
        return raw;
      },
      load: [
        appConfig,
        databaseConfig,
        securityConfig,
        reportsConfig,
        retentionConfig,
        jobsConfig,
        notificationsConfig,
      ],
    }),
  ],
})
export class ConfigModule {}
