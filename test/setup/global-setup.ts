import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { databaseUrl, SERVER_URL_ENV, TEMPLATE_DATABASE } from './test-database';

/**
 * Starts one real PostgreSQL for the whole run (DATABASE_URL's server when given, else embedded),
 * and migrates a template database that every test file clones. If this fails, every test fails.
 */
export default async function globalSetup(): Promise<void> {
  // Migrations are TypeScript; the global setup runs outside Jest's transform.
  require('ts-node').register({
    transpileOnly: true,
    project: join(__dirname, '..', '..', 'tsconfig.test.json'),
  });
  const { startEmbeddedPostgres } =
    require('../../src/database/embedded-postgres') as typeof import('../../src/database/embedded-postgres');
  const { dataSourceOptions } =
    require('../../src/database/data-source-options') as typeof import('../../src/database/data-source-options');
  const { DataSource } = require('typeorm') as typeof import('typeorm');

  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'linkway-test-'));
    const server = await startEmbeddedPostgres(dataDir, () => undefined);
    (globalThis as { __linkwayPg?: typeof server }).__linkwayPg = server;
    serverUrl = server.url;
  }
  process.env[SERVER_URL_ENV] = serverUrl;

  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();

  const dataSource = new DataSource(dataSourceOptions(databaseUrl(serverUrl, TEMPLATE_DATABASE)));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}
