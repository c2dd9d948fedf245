import { Global, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from '../../config/configuration';
import { AppLogger, createRootLogger } from './app-logger';

/** One pino logger for the whole app; `configureApp` makes it Nest's logger and the request log. */
@Global()
@Module({
  providers: [
    {
      provide: AppLogger,
      inject: [appConfig.KEY],
      useFactory: (app: ConfigType<typeof appConfig>) =>
        new AppLogger(createRootLogger(app.logLevel)),
    },
  ],
  exports: [AppLogger],
})
export class LoggingModule {}
