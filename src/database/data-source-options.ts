import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { PROJECT_ROOT, RUNNING_COMPILED } from './project-paths';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { APP_DATABASE_ROLE } from './app-role';
import { TimeoutSafeClient } from './timeout-safe-client';

/** Where migrations live: compiled in dist/migrations, or the TypeScript sources under ts-jest. */
export function migrationsGlob(): string {
  return RUNNING_COMPILED
    ? join(PROJECT_ROOT, 'dist', 'migrations', '*.js')
    : join(PROJECT_ROOT, 'migrations', '*.ts');
}

export function entitiesGlob(): string {
  return RUNNING_COMPILED
    ? join(PROJECT_ROOT, 'dist', '**', '*.entity.js')
    : join(PROJECT_ROOT, 'src', '**', '*.entity.ts');
}

/**
 * The one set of connection options used by the app, the migration CLI and the test setup.
 * `queryTimeoutMs` makes a query that gets no answer fail instead of waiting for ever (the app
 * sets it; migrations may rightly run long). `asAppRole` makes every connection the row-level
 * security role (the app); without it, connections are the URL's user (migrations, tests' checks).
 */
export function dataSourceOptions(
  url: string,
  limits: { queryTimeoutMs?: number; asAppRole?: boolean } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    migrations: [migrationsGlob()],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+, so no extension needs installing.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: {
      max: 20,
      connectionTimeoutMillis: 5000,
      application_name: 'linkway',
      // TCP keepalive notices a peer that vanished without closing the connection.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      ...(limits.asAppRole ? { options: `-c role=${APP_DATABASE_ROLE}` } : {}),
      ...(limits.queryTimeoutMs
        ? { query_timeout: limits.queryTimeoutMs, Client: TimeoutSafeClient }
        : {}),
    },
  };
}
