import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { databaseConfig } from '../config/configuration';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres';

/** Resolves the database URL: DATABASE_URL when set, else an embedded server it owns and stops. */
@Injectable()
export class EmbeddedDatabaseService implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private server?: EmbeddedServer;

  constructor(
    @Inject(databaseConfig.KEY) private readonly config: ConfigType<typeof databaseConfig>,
  ) {}

  async url(): Promise<string> {
    if (this.config.url) return this.config.url;
    this.server ??= await startEmbeddedPostgres(this.config.dataDir, (m) => this.logger.log(m));
    return this.server.url;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.server) return;
    const server = this.server;
    this.server = undefined;
    // Let TypeORM's pool close first so PostgreSQL is not asked to stop with clients attached.
    await new Promise((r) => setTimeout(r, 50));
    await server.stop();
    this.logger.log('Embedded PostgreSQL stopped');
  }
}
